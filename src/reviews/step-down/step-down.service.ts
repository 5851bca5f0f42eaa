import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { isIsoDate } from '../../calendar';
import { DefinitionRegistry } from '../../engine/definitions/definition-registry';
import { SYSTEM } from '../../engine/engine.types';
import type { OutboxJobData } from '../../engine/queue-names';
import { WorkflowEngine } from '../../engine/workflow-engine.service';
import type { InstanceRole } from '../../../workflows/shared/roles';

/** The machines' `effect.review-stepped-down`, delivered on `outbox.review-stepped-down`. */
export const REVIEW_STEPPED_DOWN_TOPIC = 'review-stepped-down';

export type StepDownOutcome =
  | { outcome: 'started'; learningReviewId: string }
  | { outcome: 'already-started'; learningReviewId: string };

/**
 * When the national Panel agrees a statutory review can be stepped down, the review closes (the
 * machine's STEPPED_DOWN) and this starts the learning review that continues it: same partnership,
 * same people and contributing partnerships, the child's identifying details carried over, linked
 * both ways. Exactly once: the original is locked while the link is looked for, and the link is
 * unique per review, so a repeated or racing delivery finds the learning review already started.
 */
@Injectable()
export class StepDownService {
  private readonly logger = new Logger('StepDown');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly engine: WorkflowEngine,
    private readonly registry: DefinitionRegistry,
  ) {}

  async handle(job: Pick<OutboxJobData, 'instanceId' | 'payload'>): Promise<StepDownOutcome> {
    const fromInstanceId = job.instanceId;
    const panelAgreedOn = job.payload.panelAgreedOn;
    if (!isIsoDate(panelAgreedOn)) {
      throw new UnrecoverableError('review-stepped-down job without a panelAgreedOn date');
    }
    const outcome = await this.dataSource.transaction(async (manager): Promise<StepDownOutcome> => {
      const originals: Array<{
        partnership_id: string;
        definition_key: string;
        pseudonym: string | null;
      }> = await manager.query(
        `SELECT partnership_id, definition_key, snapshot->'context'->>'pseudonym' AS pseudonym
           FROM workflow_instances WHERE id = $1 FOR UPDATE`,
        [fromInstanceId],
      );
      const original = originals[0];
      if (
        !original ||
        !['practice-review', 'serious-case-review'].includes(original.definition_key)
      ) {
        throw new UnrecoverableError('review-stepped-down job for no statutory review');
      }
      const links: Array<{ to_instance_id: string }> = await manager.query(
        `SELECT to_instance_id FROM review_links WHERE from_instance_id = $1 AND kind = 'stepped-down'`,
        [fromInstanceId],
      );
      if (links.length > 0) {
        return { outcome: 'already-started', learningReviewId: links[0].to_instance_id };
      }
      const members: Array<{ person_id: string; role: InstanceRole; agency_id: string | null }> =
        await manager.query(
          `SELECT person_id, role, agency_id FROM instance_members WHERE instance_id = $1
            ORDER BY added_at, id`,
          [fromInstanceId],
        );
      const started = await this.engine.start(
        SYSTEM,
        {
          partnershipId: original.partnership_id,
          definitionKey: 'learning-review',
          title: this.registry.latest('learning-review')?.title ?? 'Learning review',
          input: {
            pseudonym: original.pseudonym ?? '',
            referredOn: panelAgreedOn,
            referralSource: 'step-down',
            steppedDownFrom: { workflowKey: original.definition_key, instanceId: fromInstanceId },
          },
          members: members.map((member) => ({
            personId: member.person_id,
            role: member.role,
            agencyId: member.agency_id,
          })),
        },
        { manager },
      );
      const to = started.instanceId;
      await manager.query(
        `INSERT INTO review_links (partnership_id, kind, from_instance_id, to_instance_id, created_at)
         VALUES ($1, 'stepped-down', $2, $3, now())`,
        [original.partnership_id, fromInstanceId, to],
      );
      await manager.query(
        `INSERT INTO review_contributors (partnership_id, instance_id, contributing_partnership_id,
           contributing_code, contributing_name, added_by_person_id, added_at)
         SELECT partnership_id, $2, contributing_partnership_id, contributing_code,
                contributing_name, added_by_person_id, now()
           FROM review_contributors WHERE instance_id = $1`,
        [fromInstanceId, to],
      );
      await manager.query(
        `INSERT INTO review_subjects (partnership_id, instance_id, full_name, date_of_birth, address,
           record_numbers, recorded_by_person_id, recorded_at)
         SELECT partnership_id, $2, full_name, date_of_birth, address, record_numbers,
                recorded_by_person_id, recorded_at
           FROM review_subjects WHERE instance_id = $1`,
        [fromInstanceId, to],
      );
      return { outcome: 'started', learningReviewId: to };
    });
    this.logger.log(
      { fromInstanceId, learningReviewId: outcome.learningReviewId, outcome: outcome.outcome },
      'stepped-down review continues as a learning review',
    );
    return outcome;
  }
}
