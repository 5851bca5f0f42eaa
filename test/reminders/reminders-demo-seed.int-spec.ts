import { DataSource } from 'typeorm';
import { BusinessCalendar } from '../../src/calendar';
import { SettableClock } from '../../src/common/clock';
import { createDataSource } from '../../src/database/data-source';
import { DefinitionRegistry } from '../../src/engine/definitions/definition-registry';
import { SYSTEM } from '../../src/engine/engine.types';
import { WorkflowEngine } from '../../src/engine/workflow-engine.service';
import { seedRemindersDemo } from '../../src/reminders/reminders.demo-seed';
import { seedDemoWhenEmpty } from '../../src/seed/demo-seed';
import { WORKFLOW_DEFINITIONS } from '../../workflows';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

describe('the reminders demo seed', () => {
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

  it('plans the demo partnership’s reminders and gives its chair the daily digest, once', async () => {
    await seedDemoWhenEmpty(dataSource);
    const clock = new SettableClock('2026-01-05T08:00:00Z');
    const engine = new WorkflowEngine(
      dataSource,
      new DefinitionRegistry(WORKFLOW_DEFINITIONS),
      clock,
      new BusinessCalendar(),
    );
    const [partnership]: Array<{ id: string }> = await dataSource.query(
      `SELECT id FROM partnerships WHERE code = 'RSCP'`,
    );
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

    const demo = await seedRemindersDemo(dataSource, { clock });
    expect(demo?.planned).toBeGreaterThan(0);
    const planned: Array<{ count: number }> = await dataSource.query(
      `SELECT count(*)::int AS count FROM reminders r JOIN tasks t ON t.id = r.task_id
        WHERE t.instance_id = $1 AND r.status = 'planned'`,
      [review.instanceId],
    );
    expect(planned[0].count).toBe(demo?.planned);
    const preference: Array<{ delivery: string }> = await dataSource.query(
      `SELECT delivery FROM reminder_preferences WHERE person_id = $1`,
      [demo?.digestPersonId],
    );
    expect(preference).toEqual([{ delivery: 'daily-digest' }]);
    expect(await seedRemindersDemo(dataSource, { clock })).toBeNull();
  });
});
