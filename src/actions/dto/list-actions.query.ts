import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, Min } from 'class-validator';
import type { Rag } from '../../calendar';
import { RAG_VALUES } from '../action-rag';
import { ACTION_STATUSES } from '../action-status';

export const LIST_STATUSES = [...ACTION_STATUSES, 'overdue'] as const;
export type ListStatus = (typeof LIST_STATUSES)[number];

/** Filters of the partnership-wide view. Without `status` it lists every action not yet complete. */
export class ListActionsQuery {
  @ApiPropertyOptional({ description: 'Only actions this agency owns.' })
  @IsOptional()
  @IsUUID('all', { message: 'agencyId must be the id of one of this partnership’s agencies' })
  agencyId?: string;

  @ApiPropertyOptional({
    description: 'audit, review, or a workflow key such as practice-review.',
    example: 'audit',
  })
  @IsOptional()
  @IsString({ message: 'source must be audit, review or a workflow key' })
  source?: string;

  @ApiPropertyOptional({
    enum: LIST_STATUSES,
    description: 'overdue is computed from the due date.',
  })
  @IsOptional()
  @IsIn(LIST_STATUSES, { message: `status must be one of ${LIST_STATUSES.join(', ')}` })
  status?: ListStatus;

  @ApiPropertyOptional({ enum: RAG_VALUES })
  @IsOptional()
  @IsIn(RAG_VALUES, { message: `rag must be one of ${RAG_VALUES.join(', ')}` })
  rag?: Rag;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number from 1 to 200' })
  @Min(1, { message: 'limit must be a whole number from 1 to 200' })
  @Max(200, { message: 'limit must be a whole number from 1 to 200' })
  limit?: number;

  @ApiPropertyOptional({ minimum: 0, default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'offset must be a whole number from 0' })
  @Min(0, { message: 'offset must be a whole number from 0' })
  offset?: number;
}
