import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import {
  INSTANCE_STATUSES,
  type InstanceStatus,
} from '../../engine/persistence/workflow-instance.entity';

const BOOLEAN_TEXT: Record<string, boolean> = { true: true, false: false };

export class ListInstancesQueryDto {
  @ApiPropertyOptional({ description: 'A workflow definition key', example: 'practice-review' })
  @IsOptional()
  @IsString({ message: 'definition must be a workflow key such as practice-review' })
  @Matches(/^[a-z][a-z0-9-]{0,99}$/, {
    message: 'definition must be a workflow key such as practice-review',
  })
  definition?: string;

  @ApiPropertyOptional({ enum: INSTANCE_STATUSES })
  @IsOptional()
  @IsIn(INSTANCE_STATUSES, { message: `status must be one of ${INSTANCE_STATUSES.join(', ')}` })
  status?: InstanceStatus;

  @ApiPropertyOptional({
    description: 'A stage label, as `stage` shows it',
    example: 'Rapid review',
  })
  @IsOptional()
  @IsString({ message: 'stage must be a stage name such as Rapid review' })
  @Length(1, 120, { message: 'stage must be 1 to 120 characters' })
  stage?: string;

  @ApiPropertyOptional({
    description: 'true: only those with an open task past its due date; false: only those without',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && value in BOOLEAN_TEXT ? BOOLEAN_TEXT[value] : value,
  )
  @IsBoolean({ message: 'overdue must be true or false' })
  overdue?: boolean;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number from 1 to 500' })
  @Min(1, { message: 'limit must be a whole number from 1 to 500' })
  @Max(500, { message: 'limit must be a whole number from 1 to 500' })
  limit?: number;

  @ApiPropertyOptional({ minimum: 0, default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'offset must be a whole number from 0' })
  @Min(0, { message: 'offset must be a whole number from 0' })
  offset?: number;
}
