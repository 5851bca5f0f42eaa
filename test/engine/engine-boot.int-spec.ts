import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { setup } from 'xstate';
import { ConfigModule } from '../../src/config/config.module';
import { DatabaseModule } from '../../src/database/database.module';
import { EngineModule } from '../../src/engine/engine.module';
import { SYSTEM } from '../../src/engine/engine.types';
import { TEST_REVIEW_V1 } from '../../src/engine/testing/test-review.workflow';
import { EngineWorkerModule } from '../../src/engine/worker/engine-worker.module';
import { WorkflowEngine } from '../../src/engine/workflow-engine.service';
import { RedisModule } from '../../src/queue/redis.module';
import type { WorkflowDefinition } from '../../workflows/shared/definition';
import { EngineHarness } from './support/engine-harness';

describe('booting with the engine', () => {
  let h: EngineHarness;
  const savedEnv = { ...process.env };

  beforeAll(async () => {
    h = await EngineHarness.start([TEST_REVIEW_V1]);
    Object.assign(process.env, { DATABASE_URL: h.url, SMTP_URL: 'smtp://127.0.0.1:2525' });
  });

  afterAll(async () => {
    process.env = savedEnv;
    await h.stop();
  });

  async function boot(imports: unknown[]): Promise<INestApplicationContext> {
    @Module({ imports: imports as never[] })
    class BootModule {}
    return NestFactory.createApplicationContext(BootModule, { abortOnError: false, logger: false });
  }

  it('refuses to boot when two definitions share a key and version', async () => {
    await expect(
      boot([
        ConfigModule,
        DatabaseModule,
        EngineModule.forRoot({ definitions: [TEST_REVIEW_V1, TEST_REVIEW_V1] }),
      ]),
    ).rejects.toThrow(/Workflow definitions are invalid:\n {2}- test-review@1: registered twice/);
  });

  it('refuses to boot when a step’s due rule is invalid, naming the step', async () => {
    const broken: WorkflowDefinition = {
      key: 'tiny-audit',
      version: 1,
      title: 'Tiny audit',
      referenceCode: 'TINY',
      permissions: {},
      machine: setup({}).createMachine({
        id: 'tiny-audit',
        initial: 'returns',
        states: {
          returns: {
            meta: {
              steps: [
                {
                  key: 'audit-return',
                  title: 'Return the audit',
                  assignee: { kind: 'each-agency', contextKey: 'agencies' },
                  due: { kind: 'working-days-after', anchor: 'meetingOn' },
                },
              ],
            },
          },
        },
      }),
    };
    await expect(
      boot([ConfigModule, DatabaseModule, EngineModule.forRoot({ definitions: [broken] })]),
    ).rejects.toThrow(
      "tiny-audit@1: state 'returns' step 'audit-return': due rule working-days-after: days must be a whole number of 0 or more, got nothing",
    );
  });

  it('runs the outbox relay in the worker and stops it cleanly on shutdown', async () => {
    const app = await boot([
      ConfigModule,
      DatabaseModule,
      RedisModule,
      EngineWorkerModule.forRoot({ definitions: [TEST_REVIEW_V1] }),
    ]);
    await app.init();
    const rscp = await h.partnership('RSCP');
    const started = await app.get(WorkflowEngine).start(SYSTEM, {
      partnershipId: rscp.id,
      definitionKey: 'test-review',
      title: 'Child P',
      input: { awareOn: '2026-03-30' },
    });
    const deadline = Date.now() + 15_000;
    let undispatched = 1;
    while (undispatched > 0 && Date.now() < deadline) {
      undispatched = await h.count(
        `SELECT 1 FROM outbox WHERE instance_id = $1 AND dispatched_at IS NULL`,
        [started.instanceId],
      );
      if (undispatched > 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(undispatched).toBe(0);
    await expect(app.close()).resolves.toBeUndefined();
  });
});
