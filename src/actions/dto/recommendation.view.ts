import { ApiProperty } from '@nestjs/swagger';
import { RECOMMENDATION_STATUSES, type RecommendationStatus } from '../action-status';
import { ActionView } from './action.view';

export class RecommendationView {
  @ApiProperty()
  id!: string;

  @ApiProperty()
  instanceId!: string;

  @ApiProperty({ example: 1 })
  number!: number;

  @ApiProperty()
  text!: string;

  @ApiProperty({
    enum: RECOMMENDATION_STATUSES,
    description: 'complete once it has actions and all of them are complete.',
  })
  status!: RecommendationStatus;

  @ApiProperty()
  createdAt!: string;

  @ApiProperty({ type: [ActionView] })
  actions!: ActionView[];
}
