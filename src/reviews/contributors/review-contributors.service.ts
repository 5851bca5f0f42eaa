import { Injectable } from '@nestjs/common';
import type { AccessContext } from '../../access/access-context';
import type { CommandResult } from '../../engine/engine.types';
import { WorkflowEngine } from '../../engine/workflow-engine.service';
import type { InstanceRole } from '../../../workflows/shared/roles';
import { ReviewCommands } from '../review-commands.service';
import { loadReview } from '../review-store';
import { ReviewsErrorCode, ReviewsException } from '../reviews.exception';
import type { AddContributorDto } from './dto/add-contributor.dto';

interface ContributorPersonRow {
  partnership_id: string;
  partnership_code: string;
  partnership_name: string;
  person_id: string | null;
  email: string | null;
  display_name: string | null;
  agency_id: string | null;
}

export interface ContributorAddedView {
  partnershipId: string;
  code: string;
  name: string;
  members: Array<{
    personId: string;
    displayName: string;
    role: InstanceRole;
    /** Their agency in the contributing partnership: tasks for it reach them. */
    agencyId: string | null;
  }>;
  /** The review's version after the people were added. */
  version: number;
}

/**
 * Out-of-area reviews: another partnership recorded as contributing to this one's review, its named
 * people put on the review (so they get its tasks: their agency's returns, panel comments) without
 * their partnership owning it. They then see this review and nothing else of the owner's.
 */
@Injectable()
export class ReviewContributorsService {
  constructor(
    private readonly commands: ReviewCommands,
    private readonly engine: WorkflowEngine,
  ) {}

  async add(
    access: AccessContext,
    instanceId: string,
    dto: AddContributorDto,
  ): Promise<ContributorAddedView> {
    const found = await this.commands.scoped(access.scope, async (manager) => {
      const review = await loadReview(manager, instanceId);
      const rows: ContributorPersonRow[] = await manager.query(
        `SELECT * FROM app_contributor_people($1, $2::text[])`,
        [dto.partnershipCode, dto.members.map((member) => member.email)],
      );
      return { review, rows };
    });
    const partnership = found.rows[0];
    if (!partnership || partnership.partnership_id === found.review.partnershipId) {
      throw new ReviewsException(ReviewsErrorCode.UnknownPartnership, undefined, {
        errors: [
          { field: 'partnershipCode', message: 'There is no other partnership with that code.' },
        ],
      });
    }
    const byEmail = new Map(
      found.rows
        .filter((row) => row.person_id !== null && row.email !== null)
        .map((row) => [(row.email ?? '').toLowerCase(), row]),
    );
    const errors = dto.members.flatMap((member, index) =>
      byEmail.has(member.email.toLowerCase())
        ? []
        : [
            {
              field: `members.${index}.email`,
              message: 'Nobody active in that partnership has this email address.',
            },
          ],
    );
    if (errors.length > 0) {
      throw new ReviewsException(ReviewsErrorCode.UnknownContributorPeople, undefined, { errors });
    }
    const members = dto.members.map((member) => {
      const row = byEmail.get(member.email.toLowerCase()) as ContributorPersonRow;
      return {
        personId: row.person_id as string,
        displayName: row.display_name ?? '',
        role: member.role,
        agencyId: row.agency_id,
      };
    });
    return this.commands.command(
      access.scope,
      async (manager) => {
        let last: CommandResult | null = null;
        for (const member of members) {
          last = await this.engine.addMember(
            { personId: access.principal.personId },
            instanceId,
            { personId: member.personId, role: member.role, agencyId: member.agencyId },
            { manager },
          );
        }
        return last as CommandResult;
      },
      async (manager, result) => {
        await manager.query(
          `INSERT INTO review_contributors (partnership_id, instance_id, contributing_partnership_id,
             contributing_code, contributing_name, added_by_person_id, added_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (instance_id, contributing_partnership_id) DO NOTHING`,
          [
            found.review.partnershipId,
            instanceId,
            partnership.partnership_id,
            partnership.partnership_code,
            partnership.partnership_name,
            access.principal.personId,
            this.commands.now().toISOString(),
          ],
        );
        return {
          partnershipId: partnership.partnership_id,
          code: partnership.partnership_code,
          name: partnership.partnership_name,
          members,
          version: result.version,
        };
      },
    );
  }
}
