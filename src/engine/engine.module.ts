import { DynamicModule, Module } from '@nestjs/common';
import { BusinessCalendar } from '../calendar';
import { Clock, SystemClock } from '../common/clock';
import type { WorkflowDefinition } from '../../workflows/shared/definition';
import { WORKFLOW_DEFINITIONS } from '../../workflows';
import { INSTANCE_MEMBERSHIP_SOURCE } from '../access/instance-membership';
import { DefinitionRegistry } from './definitions/definition-registry';
import { EngineInstanceMembershipSource } from './instance-membership.source';
import { InstanceReader } from './instance-reader.service';
import { WorkflowEngine } from './workflow-engine.service';

export const WORKFLOW_DEFINITION_LIST = Symbol('WORKFLOW_DEFINITION_LIST');

export interface EngineModuleOptions {
  /** Defaults to `WORKFLOW_DEFINITIONS` from `workflows/index.ts`. */
  definitions?: readonly WorkflowDefinition[];
  /** Defaults to the system clock. */
  clock?: Clock;
}

/**
 * The workflow engine for the whole process (global): the validated definition registry (the app
 * refuses to boot when it is invalid), the engine, the reader, the clock and the business calendar,
 * and the instance memberships the access guard decides with.
 */
@Module({})
export class EngineModule {
  static forRoot(options: EngineModuleOptions = {}): DynamicModule {
    return {
      module: EngineModule,
      global: true,
      providers: [
        {
          provide: WORKFLOW_DEFINITION_LIST,
          useValue: options.definitions ?? WORKFLOW_DEFINITIONS,
        },
        {
          provide: DefinitionRegistry,
          inject: [WORKFLOW_DEFINITION_LIST],
          useFactory: (definitions: readonly WorkflowDefinition[]) =>
            new DefinitionRegistry(definitions),
        },
        { provide: Clock, useValue: options.clock ?? new SystemClock() },
        { provide: BusinessCalendar, useValue: new BusinessCalendar() },
        WorkflowEngine,
        InstanceReader,
        { provide: INSTANCE_MEMBERSHIP_SOURCE, useClass: EngineInstanceMembershipSource },
      ],
      exports: [
        DefinitionRegistry,
        Clock,
        BusinessCalendar,
        WorkflowEngine,
        InstanceReader,
        INSTANCE_MEMBERSHIP_SOURCE,
      ],
    };
  }
}
