import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { INSTANCE_ROLES } from '../../../workflows/shared/roles';
import { INSTANCE_STATUSES } from '../../engine/persistence/workflow-instance.entity';
import { MY_TASK_GROUPS } from '../my-tasks';

/** OpenAPI shapes of the instances API's answers. Ids and dates only: never case content. */

const STATE = {
  description: 'The workflow state: a name, or an object for nested and parallel states',
  oneOf: [{ type: 'string' }, { type: 'object', additionalProperties: true }],
};

export class InstanceSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) partnershipId!: string;
  @ApiProperty({ example: 'RSCP-LCSPR-2026-003' }) reference!: string;
  @ApiProperty({ description: 'Non-identifying, e.g. "Child H"' }) title!: string;
  @ApiProperty({ example: 'practice-review' }) definitionKey!: string;
  @ApiProperty() definitionVersion!: number;
  @ApiProperty(STATE) state!: unknown;
  @ApiProperty({ nullable: true, example: 'Rapid review', type: String }) stage!: string | null;
  @ApiProperty({ enum: INSTANCE_STATUSES }) status!: string;
  @ApiProperty({ description: 'Send it back as If-Match: "<version>"' }) version!: number;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ format: 'date', nullable: true, type: String }) nextDueOn!: string | null;
}

export class InstancePageDto {
  @ApiProperty({ type: [InstanceSummaryDto] }) items!: InstanceSummaryDto[];
  @ApiProperty({ description: 'How many match, across all pages' }) total!: number;
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
}

export class InstanceCountDto {
  @ApiProperty({ example: 'practice-review' }) definitionKey!: string;
  @ApiProperty({ nullable: true, type: String, example: 'Rapid review' }) stage!: string | null;
  @ApiProperty({ enum: INSTANCE_STATUSES }) status!: string;
  @ApiProperty() instances!: number;
  @ApiProperty({ description: 'Of those, how many have an open task past its due date' })
  overdue!: number;
}

export class InstanceCountsDto {
  @ApiProperty({ format: 'date', description: 'The London date "overdue" is judged on' })
  asOf!: string;
  @ApiProperty({ type: [InstanceCountDto] }) counts!: InstanceCountDto[];
}

export class PersonRefDto {
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty() displayName!: string;
}

export class TaskAssignmentDto {
  @ApiProperty({ enum: ['person', 'instance-role', 'partnership-role', 'each-agency'] })
  kind!: string;
  @ApiProperty({ nullable: true, type: String }) role!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) personId!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) agencyId!: string | null;
}

export class OpenTaskDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'serious-incident-notification' }) stepKey!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: TaskAssignmentDto }) assignee!: TaskAssignmentDto;
  @ApiProperty({ type: [PersonRefDto], description: 'Everyone who holds the task now' })
  holders!: PersonRefDto[];
  @ApiProperty({ format: 'date', nullable: true, type: String }) dueOn!: string | null;
  @ApiProperty() dueOverridden!: boolean;
  @ApiProperty({ format: 'date-time' }) openedAt!: string;
}

export class MemberDto {
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: INSTANCE_ROLES }) role!: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) agencyId!: string | null;
}

export class InstanceViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) partnershipId!: string;
  @ApiProperty() reference!: string;
  @ApiProperty() title!: string;
  @ApiProperty({
    example: { key: 'practice-review', version: 1, title: 'Rapid review and LCSPR' },
  })
  definition!: { key: string; version: number; title: string | null };
  @ApiProperty(STATE) state!: unknown;
  @ApiProperty({ nullable: true, type: String }) stage!: string | null;
  @ApiProperty({ enum: INSTANCE_STATUSES }) status!: string;
  @ApiProperty({ description: 'Also sent as the ETag header' }) version!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) closedAt!: string | null;
  @ApiProperty({ type: [OpenTaskDto] }) openTasks!: OpenTaskDto[];
  @ApiProperty({ type: [MemberDto] }) members!: MemberDto[];
  @ApiProperty({ type: [String], description: 'Events the current stage accepts' })
  acceptedEvents!: string[];
  @ApiProperty({ type: [String], description: 'Of those, the ones you may send' })
  availableEvents!: string[];
}

export class TimelineActorDto {
  @ApiProperty({ enum: ['person', 'system'] }) kind!: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) personId!: string | null;
  @ApiProperty({ nullable: true, type: String }) displayName!: string | null;
}

export class TimelineEntryDto {
  @ApiProperty() version!: number;
  @ApiProperty({ example: 'SERIOUS_INCIDENT_NOTIFIED' }) type!: string;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty({ type: TimelineActorDto }) actor!: TimelineActorDto;
  @ApiProperty({ ...STATE, nullable: true }) from!: unknown;
  @ApiProperty(STATE) to!: unknown;
}

export class TaskRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() stepKey!: string;
  @ApiProperty({ format: 'date', nullable: true, type: String }) dueOn!: string | null;
}

export class AppliedEventDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() type!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ ...STATE, nullable: true }) from!: unknown;
  @ApiProperty(STATE) to!: unknown;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
}

export class CommandResultDto {
  @ApiProperty({ format: 'uuid' }) instanceId!: string;
  @ApiProperty() reference!: string;
  @ApiProperty({ description: 'The new version, also sent as the ETag header' }) version!: number;
  @ApiProperty({ enum: INSTANCE_STATUSES }) status!: string;
  @ApiProperty(STATE) state!: unknown;
  @ApiProperty({ type: AppliedEventDto }) event!: AppliedEventDto;
  @ApiProperty({ type: [TaskRefDto] }) tasksOpened!: TaskRefDto[];
  @ApiProperty({ type: [TaskRefDto] }) tasksClosed!: TaskRefDto[];
  @ApiProperty({ description: 'True when this repeats the first outcome of an Idempotency-Key' })
  replayed!: boolean;
}

export class MembershipDto {
  @ApiProperty({ format: 'uuid' }) instanceId!: string;
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty({ enum: INSTANCE_ROLES }) role!: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) agencyId!: string | null;
  @ApiProperty({ description: 'Whether the person holds the role now' }) member!: boolean;
  @ApiProperty({ description: 'False when it already was so: nothing was written' })
  changed!: boolean;
  @ApiProperty({ description: 'The instance’s version, also sent as the ETag header' })
  version!: number;
}

export class DueTimingDto {
  @ApiProperty({ enum: ['overdue', 'due-today', 'upcoming'] }) status!: string;
  @ApiPropertyOptional() workingDaysLeft?: number;
  @ApiPropertyOptional() workingDaysOverdue?: number;
}

export class MyTaskInstanceDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) partnershipId!: string;
  @ApiProperty() reference!: string;
  @ApiProperty() title!: string;
}

export class MyTaskDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() stepKey!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ format: 'date', nullable: true, type: String }) dueOn!: string | null;
  @ApiProperty({ type: DueTimingDto, nullable: true }) timing!: DueTimingDto | null;
  @ApiProperty({ type: MyTaskInstanceDto }) instance!: MyTaskInstanceDto;
}

export class MyTaskGroupsDto {
  @ApiProperty({ type: [MyTaskDto] }) overdue!: MyTaskDto[];
  @ApiProperty({ type: [MyTaskDto], description: 'Due today or within 5 working days' })
  dueThisWeek!: MyTaskDto[];
  @ApiProperty({ type: [MyTaskDto], description: 'Due later, or with no due date' })
  later!: MyTaskDto[];
}

export class MyTasksDto {
  @ApiProperty({ format: 'date' }) asOf!: string;
  @ApiProperty({
    example: Object.fromEntries(MY_TASK_GROUPS.map((group) => [group, 0])),
  })
  counts!: Record<string, number>;
  @ApiProperty({ type: MyTaskGroupsDto }) groups!: MyTaskGroupsDto;
  @ApiProperty() truncated!: boolean;
}
