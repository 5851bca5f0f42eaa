import { Deadline } from './deadline.entity';
import { InstanceMember } from './instance-member.entity';
import { OutboxMessage } from './outbox-message.entity';
import { ReferenceCounter } from './reference-counter.entity';
import { Task } from './task.entity';
import { WorkflowEvent } from './workflow-event.entity';
import { WorkflowInstance } from './workflow-instance.entity';

/** The engine's tables, listed once for `src/database/entities.ts`. */
export const ENGINE_ENTITIES = [
  WorkflowInstance,
  InstanceMember,
  WorkflowEvent,
  Task,
  Deadline,
  OutboxMessage,
  ReferenceCounter,
];
