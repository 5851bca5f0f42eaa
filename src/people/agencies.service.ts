import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Agency, AgencyKind } from '../partnerships/agency.entity';
import { isUniqueViolation, PeopleException } from './people.exception';

export interface AgencyView {
  id: string;
  name: string;
  kind: AgencyKind;
}

function toView(agency: Agency): AgencyView {
  return { id: agency.id, name: agency.name, kind: agency.kind };
}

/** A partnership's agencies. Works in the caller's transaction and scope, like `PeopleService`. */
@Injectable()
export class AgenciesService {
  async create(
    manager: EntityManager,
    partnershipId: string,
    input: { name: string; kind: AgencyKind },
  ): Promise<AgencyView> {
    try {
      const saved = await manager.save(
        manager.create(Agency, { partnershipId, name: input.name.trim(), kind: input.kind }),
      );
      return toView(saved);
    } catch (error) {
      if (isUniqueViolation(error, 'uq_agencies_partnership_name')) {
        throw new PeopleException('agency-name-taken');
      }
      throw error;
    }
  }

  async list(manager: EntityManager, partnershipId: string): Promise<AgencyView[]> {
    const agencies = await manager.find(Agency, {
      where: { partnershipId },
      order: { name: 'ASC' },
    });
    return agencies.map(toView);
  }

  /** An agency by its exact name or id within the partnership. */
  async find(manager: EntityManager, partnershipId: string, nameOrId: string): Promise<AgencyView> {
    const agencies = await this.list(manager, partnershipId);
    const found = agencies.find((agency) => agency.id === nameOrId || agency.name === nameOrId);
    if (!found) throw new PeopleException('agency-not-found');
    return found;
  }
}
