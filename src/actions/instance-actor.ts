import { actingPartnershipId, type AccessContext } from '../access/access-context';
import type { InstanceActor } from './recommendations.service';

/** The person acting on the route's audit or review, from what the access guard established. */
export function instanceActor(access: AccessContext): InstanceActor {
  if (!access.instance) {
    throw new Error(`${access.action} is not an instance action: no audit or review to act on`);
  }
  return {
    personId: access.principal.personId,
    partnershipId: actingPartnershipId(access),
    instanceId: access.instance.id,
  };
}
