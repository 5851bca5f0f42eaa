import { ACCESS_ENTITIES } from '../access/access-entities';
import { ENGINE_ENTITIES } from '../engine/persistence/engine-entities';
import { Agency } from '../partnerships/agency.entity';
import { Partnership } from '../partnerships/partnership.entity';
import { PartnershipMember } from '../people/partnership-member.entity';
import { Person } from '../people/person.entity';

/** Every entity, listed once: the DataSource and the drift check both read this. */
export const ENTITIES = [
  Partnership,
  Agency,
  Person,
  PartnershipMember,
  ...ENGINE_ENTITIES,
  ...ACCESS_ENTITIES,
];
