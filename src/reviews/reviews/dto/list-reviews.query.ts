import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import {
  INSTANCE_STATUSES,
  type InstanceStatus,
} from '../../../engine/persistence/workflow-instance.entity';
import type { Rag } from '../../../calendar';
import { REVIEW_KINDS, type ReviewKind } from '../../review-kinds';

const RAGS = ['red', 'amber', 'green'] as const;

/** Filters of the reviews list; all optional, combined with AND. */
export class ListReviewsQuery {
  @ApiPropertyOptional({ enum: REVIEW_KINDS, description: 'The type of review.' })
  @IsOptional()
  @IsIn(REVIEW_KINDS, { message: `kind must be one of ${REVIEW_KINDS.join(', ')}` })
  kind?: ReviewKind;

  @ApiPropertyOptional({ enum: INSTANCE_STATUSES })
  @IsOptional()
  @IsIn(INSTANCE_STATUSES, { message: `status must be one of ${INSTANCE_STATUSES.join(', ')}` })
  status?: InstanceStatus;

  @ApiPropertyOptional({ description: 'Top-level workflow state, e.g. rapidReview, publication.' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  state?: string;

  @ApiPropertyOptional({ description: 'Stage label, e.g. "Rapid review".' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  stage?: string;

  @ApiPropertyOptional({
    description: 'Only reviews with (true) or without (false) an open task past its due date.',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsBoolean({ message: 'overdue must be true or false' })
  overdue?: boolean;

  @ApiPropertyOptional({ enum: RAGS, description: 'The worst RAG of the timescales running.' })
  @IsOptional()
  @IsIn(RAGS, { message: 'rag must be one of red, amber, green' })
  rag?: Rag;

  @ApiPropertyOptional({ default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'page must be a whole number' })
  @Min(1, { message: 'page must be 1 or more' })
  page?: number;

  @ApiPropertyOptional({ default: 25 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'pageSize must be a whole number' })
  @Min(1, { message: 'pageSize must be 1 to 100' })
  @Max(100, { message: 'pageSize must be 1 to 100' })
  pageSize?: number;
}
