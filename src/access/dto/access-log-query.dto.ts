import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsInt, IsOptional, Max, Min } from 'class-validator';

export class AccessLogQueryDto {
  @ApiPropertyOptional({ description: 'Only entries before this instant (the next page).' })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'before must be a date and time such as 2026-03-02T09:00:00Z' })
  before?: Date;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number from 1 to 500' })
  @Min(1, { message: 'limit must be a whole number from 1 to 500' })
  @Max(500, { message: 'limit must be a whole number from 1 to 500' })
  limit?: number;
}
