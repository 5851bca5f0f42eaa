import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';

export class TaskRemindersDto {
  @ApiProperty({
    description:
      'True: nobody is reminded or escalated about this task any more. False: chase it again as the partnership’s settings say.',
  })
  @IsBoolean({ message: 'exempt must be true or false' })
  exempt!: boolean;
}

export class TaskRemindersViewDto {
  @ApiProperty({ format: 'uuid' })
  taskId!: string;

  @ApiProperty()
  exempt!: boolean;

  @ApiProperty({ description: 'Reminders still to go for this task after the change' })
  pending!: number;
}
