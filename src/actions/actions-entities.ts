import { ActionUpdate } from './action-update.entity';
import { PlanAction } from './action.entity';
import { Recommendation } from './recommendation.entity';

/** The recommendations and actions tables, listed once for `src/database/entities.ts`. */
export const ACTIONS_ENTITIES = [Recommendation, PlanAction, ActionUpdate];
