import { ACCESS_ENTITIES } from '../access/access-entities';
import { ACTIONS_ENTITIES } from '../actions/actions-entities';
import { AUDIT_ENTITIES } from '../audits/persistence/audit-entities';
import { ENGINE_ENTITIES } from '../engine/persistence/engine-entities';
import { Agency } from '../partnerships/agency.entity';
import { Partnership } from '../partnerships/partnership.entity';
import { PartnershipMember } from '../people/partnership-member.entity';
import { Person } from '../people/person.entity';
import { REMINDER_ENTITIES } from '../reminders/persistence/reminder-entities';
import { REVIEW_ENTITIES } from '../reviews/persistence/review-entities';

/** Every entity, listed once: the DataSource and the drift check both read this. */
export const ENTITIES = [
  Partnership,
  Agency,
  Person,
  PartnershipMember,
  ...ENGINE_ENTITIES,
  ...ACCESS_ENTITIES,
  ...AUDIT_ENTITIES,
  ...ACTIONS_ENTITIES,
  ...REVIEW_ENTITIES,
  ...REMINDER_ENTITIES,
];
