import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Partnership } from '../partnerships/partnership.entity';
import { isUniqueViolation, PeopleException } from './people.exception';

export interface PartnershipView {
  id: string;
  code: string;
  name: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Creating partnerships is deployment setup, done from the command-line tool in system scope: no
 * person's role reaches across partnerships, so no endpoint offers it.
 */
@Injectable()
export class PartnershipAdminService {
  async create(
    manager: EntityManager,
    input: { code: string; name: string },
  ): Promise<PartnershipView> {
    try {
      const saved = await manager.save(
        manager.create(Partnership, { code: input.code.trim(), name: input.name.trim() }),
      );
      return { id: saved.id, code: saved.code, name: saved.name };
    } catch (error) {
      if (isUniqueViolation(error, 'uq_partnerships_code')) {
        throw new PeopleException('partnership-code-taken');
      }
      throw error;
    }
  }

  /** A partnership by its code (any case) or id. */
  async find(manager: EntityManager, codeOrId: string): Promise<PartnershipView> {
    const found = await manager
      .createQueryBuilder(Partnership, 'partnership')
      .where(
        UUID.test(codeOrId) ? 'partnership.id = :value' : 'upper(partnership.code) = upper(:value)',
        { value: codeOrId },
      )
      .getOne();
    if (!found) throw new PeopleException('partnership-not-found');
    return { id: found.id, code: found.code, name: found.name };
  }
}
