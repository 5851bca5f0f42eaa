import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { WHOLE_PARTNERSHIP_ROLES } from '../../workflows/shared/roles';

/** `WHOLE_PARTNERSHIP_ROLES` as a SQL array literal (constants from code, never user input). */
const WHOLE_PARTNERSHIP_ROLES_SQL = `ARRAY[${WHOLE_PARTNERSHIP_ROLES.map((role) => `'${role}'`).join(', ')}]::text[]`;

/**
 * The one rule for who sees an instance: a member of it, or anyone holding one of
 * `WHOLE_PARTNERSHIP_ROLES` in its partnership (the list the access table's `instance.read` uses).
 * Everyone else, a board member included, is told it does not exist (404). Use it in every query
 * that lists or loads instances (or rows of them) for a person, inside `inPersonScope`.
 *
 * `instanceAlias` is the alias of `workflow_instances`; `personParam` is the placeholder of the
 * person id (`$1`, or `:personId` in a query builder).
 */
export function instanceVisibleToSql(instanceAlias: string, personParam: string): string {
  return `(EXISTS (SELECT 1 FROM instance_members vis_m
             WHERE vis_m.instance_id = ${instanceAlias}.id AND vis_m.person_id = ${personParam})
        OR EXISTS (SELECT 1 FROM partnership_members vis_pm
             WHERE vis_pm.partnership_id = ${instanceAlias}.partnership_id
               AND vis_pm.person_id = ${personParam}
               AND vis_pm.roles && ${WHOLE_PARTNERSHIP_ROLES_SQL}))`;
}

/** `instanceVisibleToSql` for a TypeORM query builder. */
export function whereInstanceVisibleTo<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  instanceAlias: string,
  personId: string,
): SelectQueryBuilder<T> {
  return query.andWhere(instanceVisibleToSql(instanceAlias, ':visibilityPersonId'), {
    visibilityPersonId: personId,
  });
}

/**
 * Whether the person holds an open task: named on it, holding its instance role, representing its
 * agency on the instance, or holding its partnership role. `taskAlias` is the alias of `tasks`.
 */
export function taskHeldBySql(taskAlias: string, personParam: string): string {
  return `(${taskAlias}.assignee_person_id = ${personParam}
        OR (${taskAlias}.assignee_kind = 'instance-role' AND EXISTS (SELECT 1 FROM instance_members held_m
             WHERE held_m.instance_id = ${taskAlias}.instance_id AND held_m.person_id = ${personParam}
               AND held_m.role = ${taskAlias}.assignee_role))
        OR (${taskAlias}.assignee_kind = 'each-agency' AND EXISTS (SELECT 1 FROM instance_members held_m
             WHERE held_m.instance_id = ${taskAlias}.instance_id AND held_m.person_id = ${personParam}
               AND held_m.agency_id = ${taskAlias}.assignee_agency_id))
        OR (${taskAlias}.assignee_kind = 'partnership-role' AND EXISTS (SELECT 1 FROM partnership_members held_pm
             WHERE held_pm.partnership_id = ${taskAlias}.partnership_id AND held_pm.person_id = ${personParam}
               AND ${taskAlias}.assignee_role = ANY (held_pm.roles))))`;
}
