import { DataSource } from 'typeorm';
import { WORKFLOW_DEFINITIONS } from '../../workflows';
import { BusinessCalendar } from '../../src/calendar';
import { SettableClock } from '../../src/common/clock';
import { createDataSource } from '../../src/database/data-source';
import { DefinitionRegistry } from '../../src/engine/definitions/definition-registry';
import { SYSTEM } from '../../src/engine/engine.types';
import { InstanceReader } from '../../src/engine/instance-reader.service';
import { reviewProgress } from '../../src/reviews/review-progress';
import { seedReviewsDemo } from '../../src/reviews/reviews.demo-seed';
import { seedDemoWhenEmpty } from '../../src/seed/demo-seed';
import { createTestDatabase, TestDatabase } from '../support/test-database';

describe('the reviews demo seed', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  const calendar = new BusinessCalendar();

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = createDataSource(database.url);
    await dataSource.initialize();
    await seedDemoWhenEmpty(dataSource);
  });

  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it('adds a rapid review near day 8, a review in draft comments, a deferred publication and a stepped-down SCR, once', async () => {
    // A Wednesday, so "today" is a working day.
    const clock = new SettableClock('2026-06-10T09:00:00Z');
    const demo = await seedReviewsDemo(dataSource, { clock });
    if (!demo) throw new Error('The demo seed did nothing');
    const reader = new InstanceReader(dataSource, new DefinitionRegistry(WORKFLOW_DEFINITIONS));
    const stageOf = async (id: string) => (await reader.getInstance(SYSTEM, id)).stage;
    const contextOf = async (id: string): Promise<unknown> => {
      const rows: Array<{ context: unknown }> = await dataSource.query(
        `SELECT snapshot->'context' AS context FROM workflow_instances WHERE id = $1`,
        [id],
      );
      return rows[0].context;
    };
    const progress = async (id: string) =>
      reviewProgress('practice-review', await contextOf(id), '2026-06-10', calendar);

    expect(await stageOf(demo.rapidReviewId)).toBe('Rapid review');
    const rapid = (await progress(demo.rapidReviewId)).timescales.find(
      (t) => t.key === 'rapid-review',
    );
    expect(rapid?.label).toBe('Rapid review: day 8 of 15');

    expect(await stageOf(demo.commentsReviewId)).toBe('Draft report');
    const round: Array<{ status: string }> = await dataSource.query(
      `SELECT status FROM review_comments WHERE instance_id = $1 ORDER BY status`,
      [demo.commentsReviewId],
    );
    expect(round.map((row) => row.status)).toEqual(['draft', 'submitted']);

    const deferred = await reader.getInstance(SYSTEM, demo.deferredReviewId);
    expect(deferred.state).toBe('deferred');
    expect(deferred.openTasks.map((task) => task.stepKey)).toEqual(['review-deferral']);

    const scr = await reader.getInstance(SYSTEM, demo.steppedDownReviewId);
    expect(scr).toMatchObject({ state: 'steppedDown', status: 'closed' });
    const links: Array<{ to_instance_id: string }> = await dataSource.query(
      `SELECT to_instance_id FROM review_links WHERE from_instance_id = $1`,
      [demo.steppedDownReviewId],
    );
    expect(links).toEqual([{ to_instance_id: demo.learningReviewId }]);
    expect(await stageOf(demo.learningReviewId)).toBe('Scoping');

    expect(await seedReviewsDemo(dataSource, { clock })).toBeNull();
  });
});
