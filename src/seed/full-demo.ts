import { DataSource } from 'typeorm';
import { seedActionsDemo } from '../actions/actions.demo-seed';
import { seedAuditDemo } from '../audits/audit.demo-seed';
import { seedRemindersDemo } from '../reminders/reminders.demo-seed';
import { seedReviewsDemo } from '../reviews/reviews.demo-seed';
import { seedDemoWhenEmpty } from './demo-seed';

/**
 * What `npm start` shows a newcomer: the demo partnership with its people, then live examples of
 * every feature, each made through the feature's own services. Runs only on an empty database.
 */
export async function seedFullDemoWhenEmpty(dataSource: DataSource): Promise<boolean> {
  if (!(await seedDemoWhenEmpty(dataSource))) return false;
  await seedAuditDemo(dataSource);
  const reviews = await seedReviewsDemo(dataSource);
  // The deferred review has reached its action plan: show recommendations and actions there.
  if (reviews) await seedActionsDemo(dataSource, { instanceId: reviews.deferredReviewId });
  // Last: it plans reminders for every task the seeds above opened.
  await seedRemindersDemo(dataSource);
  return true;
}
