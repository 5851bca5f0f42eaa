import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { BusinessCalendar } from '../calendar';
import { Clock } from '../common/clock';
import { isUniqueViolation } from '../people/people.exception';
import { readInstanceActions } from './action-queries';
import { ragThresholds } from './action-rag';
import { ActionsErrorCode, ActionsException } from './actions.exception';
import type { RecommendationStatus } from './action-status';
import type { CreateRecommendationDto } from './dto/create-recommendation.dto';
import type { RecommendationView } from './dto/recommendation.view';
import { Recommendation } from './recommendation.entity';

/** Who is acting on which audit or review, as the access guard established it. */
export interface InstanceActor {
  personId: string;
  partnershipId: string;
  instanceId: string;
}

/**
 * An audit's or review's recommendations. Works in the caller's transaction and tenancy scope;
 * the access guard has already decided the person may see (and, for writes, manage) the instance.
 */
@Injectable()
export class RecommendationsService {
  constructor(
    private readonly clock: Clock,
    private readonly calendar: BusinessCalendar,
  ) {}

  async create(
    manager: EntityManager,
    actor: InstanceActor,
    input: CreateRecommendationDto,
  ): Promise<RecommendationView> {
    // Serialises numbering per instance without touching the engine's rows.
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
      `recommendations:${actor.instanceId}`,
    ]);
    const number = input.number ?? (await this.nextNumber(manager, actor.instanceId));
    const recommendation = {
      id: randomUUID(),
      partnershipId: actor.partnershipId,
      instanceId: actor.instanceId,
      number,
      text: input.text.trim(),
      status: 'open' as RecommendationStatus,
      createdByPersonId: actor.personId,
      createdAt: this.clock.now(),
    };
    try {
      await manager.insert(Recommendation, recommendation);
    } catch (error) {
      if (isUniqueViolation(error, 'uq_recommendations_instance_number')) {
        throw new ActionsException(ActionsErrorCode.NumberTaken);
      }
      throw error;
    }
    return toView(recommendation, []);
  }

  /** The instance's recommendations in number order, each with its actions. */
  async list(manager: EntityManager, instanceId: string): Promise<RecommendationView[]> {
    const recommendations = await manager.find(Recommendation, {
      where: { instanceId },
      order: { number: 'ASC' },
    });
    const actions = await readInstanceActions(
      manager,
      instanceId,
      ragThresholds(this.clock.now(), this.calendar),
    );
    return recommendations.map((recommendation) =>
      toView(
        recommendation,
        actions
          .filter((action) => action.recommendationId === recommendation.id)
          .sort((a, b) => a.number - b.number),
      ),
    );
  }

  private async nextNumber(manager: EntityManager, instanceId: string): Promise<number> {
    const [row] = await manager.query<Array<{ next: number }>>(
      `SELECT coalesce(max(number), 0)::int + 1 AS next FROM recommendations WHERE instance_id = $1`,
      [instanceId],
    );
    return row.next;
  }
}

function toView(
  recommendation: Pick<
    Recommendation,
    'id' | 'instanceId' | 'number' | 'text' | 'status' | 'createdAt'
  >,
  actions: RecommendationView['actions'],
): RecommendationView {
  return {
    id: recommendation.id,
    instanceId: recommendation.instanceId,
    number: recommendation.number,
    text: recommendation.text,
    status: recommendation.status,
    createdAt: recommendation.createdAt.toISOString(),
    actions,
  };
}
