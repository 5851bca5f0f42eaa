import type { WorkflowDefinition } from './definition';
import type { ActorContext } from './roles';

/**
 * Why this actor may not send this event type, or null when they may. `heldStepKeys` are the step
 * keys of the open tasks the actor holds on the instance. An event with no permission entry is
 * refused for people: every event a person can send must be declared.
 */
export function permissionRefusal(
  definition: Pick<WorkflowDefinition, 'permissions'>,
  eventType: string,
  actor: ActorContext,
  heldStepKeys: readonly string[] = [],
): string | null {
  if (actor.kind === 'system') return null;
  const permission = definition.permissions[eventType];
  if (!permission) return `Nobody may send ${eventType} to this workflow by hand.`;
  const allowed =
    (permission.partnershipRoles ?? []).some((role) => actor.partnershipRoles.includes(role)) ||
    (permission.instanceRoles ?? []).some((role) => actor.instanceRoles.includes(role)) ||
    (permission.taskHolderOf ?? []).some((key) => heldStepKeys.includes(key));
  return allowed ? null : permission.reason;
}
