import request from 'supertest';
import { DataSource } from 'typeorm';
import { SYSTEM } from '../../src/engine/engine.types';
import { WorkflowEngine } from '../../src/engine/workflow-engine.service';
import { ReminderPlanner } from '../../src/reminders/planning/reminder-planner';
import {
  createPartnership,
  dataSourceOf,
  httpServer,
  signedInBrowser,
  type PersonFixture,
} from '../access/support/access-fixtures';
import { startPracticeReview } from '../instances/support/instance-fixtures';
import { startApp, type AppHarness } from '../support/app-harness';

/** The business unit exempts one task from reminders, and chases it again. */
describe('a task exempt from reminders (HTTP)', () => {
  let harness: AppHarness;
  let dataSource: DataSource;
  let partnershipId: string;
  let otherPartnershipId: string;
  let people: Record<'officer' | 'chair', PersonFixture>;

  beforeAll(async () => {
    harness = await startApp();
    dataSource = dataSourceOf(harness);
    const partnership = await createPartnership(dataSource, 'XSCP', [
      { email: 'officer@xscp.example.org', name: 'Tom Reid', roles: ['business-officer'] },
      { email: 'chair@xscp.example.org', name: 'Helen Moss', roles: ['partnership-chair'] },
    ]);
    partnershipId = partnership.id;
    const [officer, chair] = partnership.people;
    people = { officer, chair };
    otherPartnershipId = (await createPartnership(dataSource, 'YSCP', [])).id;
  });

  afterAll(async () => {
    await harness.close();
  });

  async function openTask(): Promise<{ instanceId: string; taskId: string }> {
    const review = await startPracticeReview(harness.app, { partnershipId, awareOn: '2026-11-02' });
    const taskId = review.tasksOpened[0].id;
    await harness.app.get(ReminderPlanner).syncTask(taskId);
    return { instanceId: review.instanceId, taskId };
  }

  async function statuses(taskId: string): Promise<Record<string, number>> {
    const rows: Array<{ status: string; count: number }> = await dataSource.query(
      `SELECT status, count(*)::int AS count FROM reminders WHERE task_id = $1 GROUP BY status`,
      [taskId],
    );
    return Object.fromEntries(rows.map((row) => [row.status, row.count]));
  }

  async function put(personId: string, path: string, body: unknown): Promise<request.Response> {
    const browser = await signedInBrowser(harness, personId);
    return request(httpServer(harness))
      .put(path)
      .set('Cookie', browser.cookie)
      .set('x-csrf-token', browser.csrfToken)
      .send(body as object);
  }

  it('cancels every pending reminder of an exempted task, and plans them again when chased again', async () => {
    const { taskId } = await openTask();
    const planned = (await statuses(taskId)).planned;
    expect(planned).toBeGreaterThan(0);
    const path = `/api/partnerships/${partnershipId}/tasks/${taskId}/reminders`;

    const exempted = await put(people.officer.id, path, { exempt: true });
    expect(exempted.status).toBe(200);
    expect(exempted.body).toEqual({ taskId, exempt: true, pending: 0 });
    expect(await statuses(taskId)).toEqual({ cancelled: planned });
    const [task]: Array<{ remind: boolean }> = await dataSource.query(
      `SELECT remind FROM tasks WHERE id = $1`,
      [taskId],
    );
    expect(task.remind).toBe(false);

    const chased = await put(people.officer.id, path, { exempt: false });
    expect(chased.status).toBe(200);
    expect(chased.body).toEqual({ taskId, exempt: false, pending: planned });
    expect((await statuses(taskId)).planned).toBe(planned);
  });

  it('refuses a partnership chair with the reason, and changes nothing', async () => {
    const { taskId } = await openTask();
    const before = await statuses(taskId);
    const response = await put(
      people.chair.id,
      `/api/partnerships/${partnershipId}/tasks/${taskId}/reminders`,
      { exempt: true },
    );
    expect(response.status).toBe(403);
    expect(response.body.detail).toContain('business manager or business officer');
    expect(await statuses(taskId)).toEqual(before);
  });

  it('names the field when the body is wrong', async () => {
    const { taskId } = await openTask();
    const response = await put(
      people.officer.id,
      `/api/partnerships/${partnershipId}/tasks/${taskId}/reminders`,
      { exempt: 'yes' },
    );
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain('exempt must be true or false');
  });

  it('reads another partnership’s task, or an unknown one, as not found', async () => {
    const { taskId } = await openTask();
    const elsewhere = await put(
      people.officer.id,
      `/api/partnerships/${otherPartnershipId}/tasks/${taskId}/reminders`,
      { exempt: true },
    );
    expect(elsewhere.status).toBe(404);
    const unknown = await put(
      people.officer.id,
      `/api/partnerships/${partnershipId}/tasks/00000000-0000-4000-8000-000000000000/reminders`,
      { exempt: true },
    );
    expect(unknown.status).toBe(404);
    expect((await statuses(taskId)).cancelled).toBeUndefined();
  });

  it('refuses a closed task with 409', async () => {
    const { instanceId, taskId } = await openTask();
    await harness.app.get(WorkflowEngine).send(SYSTEM, instanceId, {
      type: 'SERIOUS_INCIDENT_NOTIFIED',
      payload: { sentOn: '2026-11-03' },
    });
    const response = await put(
      people.officer.id,
      `/api/partnerships/${partnershipId}/tasks/${taskId}/reminders`,
      { exempt: true },
    );
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('task-closed');
  });
});
