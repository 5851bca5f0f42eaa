import { DataSource } from 'typeorm';
import { seedActionsDemo } from '../../src/actions/actions.demo-seed';
import { SettableClock } from '../../src/common/clock';
import { createDataSource } from '../../src/database/data-source';
import { SYSTEM } from '../../src/engine/engine.types';
import { InstanceReader } from '../../src/engine/instance-reader.service';
import { DefinitionRegistry } from '../../src/engine/definitions/definition-registry';
import { WorkflowEngine } from '../../src/engine/workflow-engine.service';
import { BusinessCalendar } from '../../src/calendar';
import { seedDemoWhenEmpty } from '../../src/seed/demo-seed';
import { WORKFLOW_DEFINITIONS } from '../../workflows';
import { createTestDatabase, TestDatabase } from '../support/test-database';

describe('the actions demo seed', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = createDataSource(database.url);
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it('adds two recommendations with an overdue, an in-progress and a complete action to a demo review, once', async () => {
    await seedDemoWhenEmpty(dataSource);
    const clock = new SettableClock('2026-06-10T09:00:00Z');
    const registry = new DefinitionRegistry(WORKFLOW_DEFINITIONS);
    const engine = new WorkflowEngine(dataSource, registry, clock, new BusinessCalendar());
    const [partnership] = await dataSource.query(`SELECT id FROM partnerships WHERE code = 'RSCP'`);
    const review = await engine.start(SYSTEM, {
      partnershipId: partnership.id,
      definitionKey: 'practice-review',
      title: 'Child D',
      input: {
        pseudonym: 'Child D',
        awareOn: '2026-01-05',
        childLookedAfter: false,
        incidentKind: 'serious-harm',
      },
    });

    const demo = await seedActionsDemo(dataSource, { instanceId: review.instanceId }, { clock });
    expect(demo).not.toBeNull();
    const actions: Array<{
      id: string;
      status: string;
      due_on: string;
      closure_agreement: string | null;
    }> = await dataSource.query(
      `SELECT id, status, due_on::text AS due_on, closure_agreement FROM actions WHERE instance_id = $1`,
      [review.instanceId],
    );
    const byId = new Map(actions.map((action) => [action.id, action]));
    expect(actions).toHaveLength(3);
    expect(byId.get(demo!.actionIds.overdue)).toMatchObject({ status: 'not-started' });
    expect(byId.get(demo!.actionIds.overdue)!.due_on < '2026-06-10').toBe(true);
    expect(byId.get(demo!.actionIds.inProgress)).toMatchObject({ status: 'in-progress' });
    expect(byId.get(demo!.actionIds.complete)).toMatchObject({
      status: 'complete',
      closure_agreement: expect.stringContaining('Subgroup'),
    });
    const recommendations: Array<{ status: string }> = await dataSource.query(
      `SELECT status FROM recommendations WHERE instance_id = $1 ORDER BY number`,
      [review.instanceId],
    );
    expect(recommendations.map((r) => r.status)).toEqual(['open', 'complete']);

    // The two open actions' leads each have a follow-up task; the complete one's is closed.
    const tasks = await new InstanceReader(dataSource, registry).openTasks(
      SYSTEM,
      review.instanceId,
    );
    expect(tasks.filter((task) => task.stepKey.startsWith('adhoc:action-'))).toHaveLength(2);

    expect(
      await seedActionsDemo(dataSource, { instanceId: review.instanceId }, { clock }),
    ).toBeNull();
  });
});
