import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { StepDownService } from '../../src/reviews/step-down/step-down.service';
import { WorkerModule } from '../../src/worker/worker.module';
import {
  eventually,
  FICTIONAL_CHILD,
  isolatedRedisUrl,
  startReviewWorld,
  type ReviewWorld,
} from './support/review-world';

interface ReviewBody {
  reference: string;
  rag: string | null;
  members: Array<{ personId: string; role: string }>;
  linkedReviews: LinkView[];
}

interface LinkView {
  relation: string;
  id: string;
  visible: boolean;
  reference: string | null;
  kind: string | null;
  timeline: Array<{ type: string }>;
}

/**
 * A serious case review the national Panel agrees can be stepped down: it closes as stepped down,
 * the worker starts the learning review that continues it, and each side shows the other with its
 * history. Runs the real worker process module against this file's own Redis database.
 */
describe('a serious case review stepped down to a learning review', () => {
  let world: ReviewWorld;
  let worker: INestApplicationContext;
  let scr: string;
  let scrReference: string;
  let learning: string;
  let today: string;

  beforeAll(async () => {
    const redis = isolatedRedisUrl(9);
    world = await startReviewWorld({ code: 'SDSCP', env: { REDIS_URL: redis } });
    today = world.calendar.todayInLondon(world.clock.now());
    worker = await NestFactory.createApplicationContext(WorkerModule, { logger: false });
    await worker.init();
  });

  afterAll(async () => {
    await worker?.close();
    await world?.close();
  });

  it('opens the SCR and decides to hold it', async () => {
    const { manager, chair, panelChair, policeLead } = world.people;
    const started = await manager.api
      .post(`/api/partnerships/${world.id}/reviews`, {
        kind: 'serious-case-review',
        details: {
          pseudonym: 'Child S',
          notifiedOn: today,
          childLookedAfter: true,
          incidentKind: 'serious-harm',
        },
        subject: FICTIONAL_CHILD,
        members: [
          { personId: panelChair.id, role: 'panel-chair' },
          {
            personId: policeLead.id,
            role: 'agency-safeguarding-lead',
            agencyId: world.agencies.police,
          },
        ],
      })
      .expect(201);
    scr = started.body.id;
    scrReference = started.body.reference;
    expect(scrReference).toMatch(/^SDSCP-SCR-\d{4}-001$/);
    await chair.api.event(scr, 'SCR_DECIDED', { decision: 'scr', decidedOn: today }).expect(200);
  });

  it('lets only the partnership chair record the step-down, and never with a made-up learning review id', async () => {
    const { manager, chair } = world.people;
    const refused = await manager.api
      .event(scr, 'STEPPED_DOWN', { panelAgreedOn: today })
      .expect(403);
    expect(refused.body.detail).toBe(
      "Only the partnership chair can step the review down, with the national Panel's agreement.",
    );
    const madeUp = await chair.api
      .event(scr, 'STEPPED_DOWN', {
        panelAgreedOn: today,
        learningReviewId: '00000000-0000-4000-8000-000000000000',
      })
      .expect(422);
    expect(madeUp.body.code).toBe('use-step-down');
  });

  it('closes the SCR as stepped down and starts its learning review, linked both ways', async () => {
    const stepped = await world.people.chair.api
      .event(scr, 'STEPPED_DOWN', { panelAgreedOn: today })
      .expect(200);
    expect(stepped.body).toMatchObject({
      status: 'closed',
      state: 'steppedDown',
      stage: 'Stepped down to a learning review',
    });

    const read = async (id: string): Promise<ReviewBody> =>
      (await world.people.manager.api.get(`/api/reviews/${id}`).expect(200)).body as ReviewBody;
    const original = await eventually(
      () => read(scr),
      (view) => view.linkedReviews.length > 0,
    );
    const [to] = original.linkedReviews;
    expect(to).toMatchObject({
      relation: 'stepped-down-to',
      visible: true,
      kind: 'learning-review',
    });
    expect(to.timeline.map((entry) => entry.type)).toEqual(['engine.started']);
    expect(original.rag).toBeNull();
    learning = to.id;

    const continued = await read(learning);
    expect(continued).toMatchObject({
      kind: 'learning-review',
      pseudonym: 'Child S',
      status: 'live',
      stage: 'Scoping',
      dates: { referredOn: today },
    });
    expect(continued.reference).toMatch(/^SDSCP-LR-\d{4}-001$/);
    const [from] = continued.linkedReviews;
    expect(from).toMatchObject({
      relation: 'stepped-down-from',
      id: scr,
      visible: true,
      reference: scrReference,
      kind: 'serious-case-review',
    });
    expect(from.timeline.map((entry) => entry.type)).toEqual([
      'engine.started',
      'SCR_DECIDED',
      'STEPPED_DOWN',
    ]);
    // The same people sit on it.
    const members = (view: Pick<ReviewBody, 'members'>) =>
      view.members.map((member) => `${member.personId}:${member.role}`).sort();
    expect(members(continued)).toEqual(members(original));
  });

  it('lets someone on both read either side’s history, and carries the child’s details over', async () => {
    const { policeLead, panelChair } = world.people;
    const fromLearning = await policeLead.api.get(`/api/reviews/${learning}`).expect(200);
    expect(fromLearning.body.linkedReviews[0].timeline.length).toBe(3);
    const fromScr = await policeLead.api.get(`/api/reviews/${scr}`).expect(200);
    expect(fromScr.body.linkedReviews[0]).toMatchObject({ id: learning, visible: true });
    const subject = await panelChair.api.get(`/api/reviews/${learning}/subject`).expect(200);
    expect(subject.body.fullName).toBe(FICTIONAL_CHILD.fullName);
  });

  it('starts the learning review exactly once, however often the step-down is delivered', async () => {
    const service = worker.get(StepDownService);
    const job = { instanceId: scr, payload: { panelAgreedOn: today } };
    const repeats = await Promise.all([service.handle(job), service.handle(job)]);
    expect(repeats).toEqual([
      { outcome: 'already-started', learningReviewId: learning },
      { outcome: 'already-started', learningReviewId: learning },
    ]);
    const counts: Array<{ reviews: number; links: number }> = await world.dataSource.query(
      `SELECT (SELECT count(*)::int FROM workflow_instances
                WHERE partnership_id = $1 AND definition_key = 'learning-review') AS reviews,
              (SELECT count(*)::int FROM review_links WHERE from_instance_id = $2) AS links`,
      [world.id, scr],
    );
    expect(counts).toEqual([{ reviews: 1, links: 1 }]);
  });

  it('starts one learning review when deliveries race the worker for a fresh step-down', async () => {
    const { manager, chair } = world.people;
    const started = await manager.api
      .post(`/api/partnerships/${world.id}/reviews`, {
        kind: 'serious-case-review',
        details: {
          pseudonym: 'Child T',
          notifiedOn: today,
          childLookedAfter: false,
          incidentKind: 'death',
        },
      })
      .expect(201);
    const second = started.body.id as string;
    await chair.api.event(second, 'SCR_DECIDED', { decision: 'scr', decidedOn: today }).expect(200);
    await chair.api.event(second, 'STEPPED_DOWN', { panelAgreedOn: today }).expect(200);
    const service = worker.get(StepDownService);
    const job = { instanceId: second, payload: { panelAgreedOn: today } };
    const outcomes = await Promise.all([
      service.handle(job),
      service.handle(job),
      service.handle(job),
    ]);
    const ids = new Set(outcomes.map((outcome) => outcome.learningReviewId));
    expect(ids.size).toBe(1);
    expect(outcomes.filter((outcome) => outcome.outcome === 'started').length).toBeLessThanOrEqual(
      1,
    );
    const links: Array<{ count: number }> = await world.dataSource.query(
      `SELECT count(*)::int AS count FROM review_links WHERE from_instance_id = $1`,
      [second],
    );
    expect(links[0].count).toBe(1);
    const reviews: Array<{ count: number }> = await world.dataSource.query(
      `SELECT count(*)::int AS count FROM workflow_instances
        WHERE partnership_id = $1 AND definition_key = 'learning-review'`,
      [world.id],
    );
    expect(reviews[0].count).toBe(2);
  });

  it('refuses to open a stepped-down learning review by hand', async () => {
    const response = await world.people.manager.api
      .post(`/api/partnerships/${world.id}/reviews`, {
        kind: 'learning-review',
        details: {
          pseudonym: 'Child S',
          referredOn: today,
          referralSource: 'step-down',
          steppedDownFrom: { workflowKey: 'serious-case-review', instanceId: scr },
        },
      })
      .expect(422);
    expect(response.body.errors).toEqual([
      expect.objectContaining({ field: 'details.referralSource' }),
    ]);
  });
});
