import { DataSource } from 'typeorm';
import { WORKFLOW_DEFINITIONS } from '../../workflows';
import type { PartnershipRole } from '../../workflows/shared/roles';
import type { AccessContext } from '../access/access-context';
import { BusinessCalendar, type IsoDate } from '../calendar';
import { SettableClock, SystemClock, type Clock } from '../common/clock';
import { inScope, partnershipScope, SYSTEM_SCOPE } from '../database/tenancy';
import { DefinitionRegistry } from '../engine/definitions/definition-registry';
import { WorkflowEngine } from '../engine/workflow-engine.service';
import { ReviewCommentsService } from './comments/review-comments.service';
import { ReviewReturnsService } from './returns/review-returns.service';
import { ReviewCommands } from './review-commands.service';
import type { StartReviewDto } from './reviews/dto/start-review.dto';
import { ReviewsService } from './reviews/reviews.service';
import { StepDownService } from './step-down/step-down.service';

const DEMO_PARTNERSHIP_CODE = 'RSCP';

/** The demo people (made by `seedDemoWhenEmpty`) the reviews act as. */
const EMAILS = {
  manager: 'business.manager@riverside.example',
  chair: 'chair@riverside.example',
  partner: 'director.childrens@riverside.example',
  policeLead: 'safeguarding.lead@riverside-police.example',
  nurse: 'named.nurse@riverside-icb.example',
  reviewer: 'reviewer@independent.example',
} as const;
type DemoPerson = keyof typeof EMAILS;

const AGENCY_NAMES = {
  police: 'Riverside Police',
  health: 'Riverside Integrated Care Board',
} as const;

/** Fictional children: the demo holds no real person's details. */
const DEMO_SUBJECTS = {
  R: { fullName: 'Rosa Demo', dateOfBirth: '2017-02-11', address: '4 Example Street, Riverside' },
  P: { fullName: 'Pip Demo', dateOfBirth: '2012-08-23', address: '9 Sample Road, Riverside' },
  Q: { fullName: 'Quinn Demo', dateOfBirth: '2010-01-05', address: '16 Specimen Close, Riverside' },
  S: { fullName: 'Sid Demo', dateOfBirth: '2014-11-30', address: '2 Placeholder Lane, Riverside' },
};

export interface ReviewsDemo {
  /** A rapid review around day 8 of 15. */
  rapidReviewId: string;
  /** A practice review whose draft report has a round of panel comments open. */
  commentsReviewId: string;
  /** A practice review whose publication is deferred until after an inquest. */
  deferredReviewId: string;
  /** A serious case review stepped down, and the learning review that continues it. */
  steppedDownReviewId: string;
  learningReviewId: string;
}

interface DemoWorld {
  partnershipId: string;
  agencies: Record<keyof typeof AGENCY_NAMES, string>;
  people: Record<DemoPerson, { id: string; roles: PartnershipRole[]; agencyId: string | null }>;
}

/**
 * Adds live examples of reviews to the demo partnership (made by `seedDemoWhenEmpty`), each run
 * through the engine and this module's services as the demo's people, on dates counted back from
 * today so their progress reads true: a rapid review around day 8 of 15, a practice review in a
 * round of panel comments on the draft, a practice review whose publication is deferred, and a
 * serious case review stepped down to the learning review that continues it. Returns null when the
 * partnership already has reviews with identifying details (the demo has run).
 */
export async function seedReviewsDemo(
  dataSource: DataSource,
  options: { partnershipCode?: string; clock?: Clock } = {},
): Promise<ReviewsDemo | null> {
  const world = await loadWorld(dataSource, options.partnershipCode ?? DEMO_PARTNERSHIP_CODE);
  if (!world) return null;
  const calendar = new BusinessCalendar();
  const today = calendar.todayInLondon((options.clock ?? new SystemClock()).now());
  // The last working day up to today; the stories are laid out in working days before it.
  const lastWorkingDay = calendar.subtractWorkingDays(today, 0);
  const ago = (workingDays: number): IsoDate =>
    calendar.subtractWorkingDays(lastWorkingDay, workingDays);
  const ahead = (workingDays: number): IsoDate => calendar.addWorkingDays(today, workingDays);

  const clock = new SettableClock(new Date());
  const at = (date: IsoDate): void => clock.set(calendar.londonWallClockToUtc(date, 10));
  const registry = new DefinitionRegistry(WORKFLOW_DEFINITIONS);
  const engine = new WorkflowEngine(dataSource, registry, clock, calendar);
  const commands = new ReviewCommands(dataSource, clock, calendar);
  const reviews = new ReviewsService(engine, registry, commands);
  const returns = new ReviewReturnsService(commands, engine);
  const comments = new ReviewCommentsService(commands, engine);
  const stepDown = new StepDownService(dataSource, engine, registry);

  const as = (who: DemoPerson): AccessContext => ({
    principal: {
      personId: world.people[who].id,
      displayName: who,
      memberships: [
        {
          partnershipId: world.partnershipId,
          agencyId: world.people[who].agencyId,
          roles: world.people[who].roles,
        },
      ],
      authenticatedBy: 'token',
    },
    action: 'instance.send-event',
    partnershipId: world.partnershipId,
    scope: partnershipScope([world.partnershipId]),
  });
  const send = async (who: DemoPerson, id: string, type: string, payload: object = {}) => {
    await engine.send({ personId: world.people[who].id }, id, {
      type,
      payload: payload as Record<string, unknown>,
    });
  };
  const open = async (dto: StartReviewDto): Promise<string> =>
    (await reviews.start(as('manager'), dto)).id;
  const returnFor = async (
    who: DemoPerson,
    id: string,
    kind: string,
    agencyId: string,
    content: string,
    submit: boolean,
  ) => {
    const draft = await returns.create(as(who), id, { kind, agencyId, content });
    if (submit) await returns.submit(as(who), id, draft.id, {});
  };
  const { police, health } = world.agencies;
  const { people } = world;
  const panel = [
    { personId: people.chair.id, role: 'panel-chair' as const },
    { personId: people.reviewer.id, role: 'independent-reviewer' as const },
    { personId: people.policeLead.id, role: 'agency-safeguarding-lead' as const, agencyId: police },
    { personId: people.policeLead.id, role: 'panel-member' as const },
    { personId: people.nurse.id, role: 'agency-safeguarding-lead' as const, agencyId: health },
    { personId: people.nurse.id, role: 'panel-member' as const },
  ];
  const incident = (awareOn: IsoDate, pseudonym: string) => ({
    pseudonym,
    awareOn,
    childLookedAfter: false,
    incidentKind: 'serious-harm',
  });

  // 1. A rapid review around day 8 of its 15 working days.
  at(ago(10));
  const rapidReviewId = await open({
    kind: 'practice-review',
    details: incident(ago(10), 'Child R'),
    subject: DEMO_SUBJECTS.R,
    members: panel,
  });
  at(ago(8));
  await send('manager', rapidReviewId, 'SERIOUS_INCIDENT_NOTIFIED', { sentOn: ago(8) });
  await send('manager', rapidReviewId, 'AGENCY_SUMMARIES_REQUESTED', {
    agencyIds: [police, health],
  });
  at(ago(3));
  await returnFor(
    'policeLead',
    rapidReviewId,
    'rapid-review-summary',
    police,
    'Police summary: contacts with the family in the last year.',
    true,
  );
  await returnFor(
    'nurse',
    rapidReviewId,
    'rapid-review-summary',
    health,
    'Health summary (draft).',
    false,
  );

  /** A practice review from the incident to a draft report with a round of comments open. */
  const toCommentRound = async (pseudonym: keyof typeof DEMO_SUBJECTS, back: number) => {
    const d = (workingDays: number) => ago(back + workingDays);
    at(d(120));
    const id = await open({
      kind: 'practice-review',
      details: incident(d(120), `Child ${pseudonym}`),
      subject: DEMO_SUBJECTS[pseudonym],
      members: panel,
    });
    at(d(118));
    await send('manager', id, 'SERIOUS_INCIDENT_NOTIFIED', { sentOn: d(118) });
    await send('manager', id, 'AGENCY_SUMMARIES_REQUESTED', { agencyIds: [police] });
    at(d(112));
    await returnFor('policeLead', id, 'rapid-review-summary', police, 'Police summary.', true);
    at(d(106));
    await send('manager', id, 'RAPID_REVIEW_MEETING_HELD', { heldOn: d(106) });
    await send('partner', id, 'RAPID_REVIEW_DECIDED', {
      decision: 'practice-review',
      decidedOn: d(106),
    });
    at(d(104));
    await send('manager', id, 'RAPID_REVIEW_SENT_TO_PANEL', { sentOn: d(104) });
    at(d(95));
    await send('manager', id, 'PANEL_RESPONSE_RECORDED', {
      response: 'agrees',
      respondedOn: d(95),
    });
    at(d(93));
    await send('manager', id, 'REVIEWER_APPOINTED', { reviewerPersonId: people.reviewer.id });
    await send('chair', id, 'TERMS_OF_REFERENCE_AGREED', { agreedOn: d(93), method: 'silp' });
    await send('manager', id, 'REVIEW_PANEL_CONFIRMED');
    at(d(90));
    await send('manager', id, 'INFORMATION_REQUESTED', { agencyIds: [police], dueOn: d(75) });
    at(d(78));
    await returnFor(
      'policeLead',
      id,
      'chronology-and-agency-report',
      police,
      'Police chronology and agency report.',
      true,
    );
    at(d(70));
    await send('reviewer', id, 'PRACTITIONER_EVENT_HELD', { heldOn: d(70) });
    await send('chair', id, 'FAMILY_NOT_INVOLVED', { reason: 'criminal-proceedings' });
    at(d(20));
    await send('reviewer', id, 'DRAFT_SUBMITTED');
    at(d(15));
    await send('chair', id, 'COMMENT_ROUND_OPENED', { dueOn: back === 0 ? ahead(5) : d(5) });
    at(d(5));
    const nurseComments = await comments.create(as('nurse'), id, {
      content: 'Health comments on the draft.',
    });
    await comments.submit(as('nurse'), id, nurseComments.id, {});
    return id;
  };

  // 2. A practice review with a round of panel comments on its draft report open.
  const commentsReviewId = await toCommentRound('P', 0);
  await comments.create(as('policeLead'), commentsReviewId, {
    content: 'Police comments (draft).',
  });

  // 3. A practice review whose publication is deferred until after the inquest.
  const deferredReviewId = await toCommentRound('Q', 60);
  const q = (workingDays: number) => ago(workingDays);
  at(q(64));
  await send('chair', deferredReviewId, 'COMMENT_ROUND_CLOSED');
  at(q(62));
  await send('reviewer', deferredReviewId, 'DRAFT_SUBMITTED');
  at(q(55));
  await send('chair', deferredReviewId, 'PANEL_SIGNED_OFF', { signedOffOn: q(55) });
  at(q(52));
  await send('partner', deferredReviewId, 'REPORT_APPROVED', { approvedOn: q(52) });
  await send('manager', deferredReviewId, 'PUBLICATION_DATE_SET', { plannedOn: q(40) });
  at(q(48));
  await send('manager', deferredReviewId, 'FINAL_REPORT_SENT', { sentOn: q(48) });
  at(q(45));
  await send('partner', deferredReviewId, 'PUBLICATION_DEFERRED', {
    reason: 'inquest',
    deferredOn: q(45),
    reviewAgainOn: ahead(30),
  });

  // 4. A serious case review stepped down, continued by a learning review.
  at(ago(40));
  const steppedDownReviewId = await open({
    kind: 'serious-case-review',
    details: {
      pseudonym: 'Child S',
      notifiedOn: ago(40),
      childLookedAfter: false,
      incidentKind: 'serious-harm',
    },
    subject: DEMO_SUBJECTS.S,
    members: panel,
  });
  at(ago(35));
  await send('chair', steppedDownReviewId, 'SCR_DECIDED', { decision: 'scr', decidedOn: ago(35) });
  at(ago(10));
  await send('chair', steppedDownReviewId, 'STEPPED_DOWN', { panelAgreedOn: ago(10) });
  const continued = await stepDown.handle({
    instanceId: steppedDownReviewId,
    payload: { panelAgreedOn: ago(10) },
  });
  at(ago(8));
  await send('manager', continued.learningReviewId, 'REVIEWER_APPOINTED', {
    reviewerPersonId: people.reviewer.id,
  });

  return {
    rapidReviewId,
    commentsReviewId,
    deferredReviewId,
    steppedDownReviewId,
    learningReviewId: continued.learningReviewId,
  };
}

async function loadWorld(dataSource: DataSource, code: string): Promise<DemoWorld | null> {
  return inScope(dataSource, SYSTEM_SCOPE, async (manager) => {
    const partnerships: Array<{ id: string }> = await manager.query(
      `SELECT id FROM partnerships WHERE code = $1`,
      [code],
    );
    const partnershipId = partnerships[0]?.id;
    if (!partnershipId) throw new Error(`There is no demo partnership ${code}: seed it first`);
    const seeded: unknown[] = await manager.query(
      `SELECT 1 FROM review_subjects WHERE partnership_id = $1 LIMIT 1`,
      [partnershipId],
    );
    if (seeded.length > 0) return null;
    const agencies: Array<{ id: string; name: string }> = await manager.query(
      `SELECT id, name FROM agencies WHERE partnership_id = $1`,
      [partnershipId],
    );
    const agencyId = (name: string): string => {
      const found = agencies.find((agency) => agency.name === name);
      if (!found) throw new Error(`The demo partnership has no agency ${name}`);
      return found.id;
    };
    const members: Array<{
      email: string;
      person_id: string;
      roles: PartnershipRole[];
      agency_id: string | null;
    }> = await manager.query(
      `SELECT lower(p.email) AS email, m.person_id, m.roles, m.agency_id
         FROM partnership_members m JOIN people p ON p.id = m.person_id
        WHERE m.partnership_id = $1`,
      [partnershipId],
    );
    const people = {} as DemoWorld['people'];
    for (const [key, email] of Object.entries(EMAILS) as Array<[DemoPerson, string]>) {
      const found = members.find((member) => member.email === email);
      if (!found) throw new Error(`The demo partnership has no ${key} (${email})`);
      people[key] = { id: found.person_id, roles: found.roles, agencyId: found.agency_id };
    }
    return {
      partnershipId,
      agencies: { police: agencyId(AGENCY_NAMES.police), health: agencyId(AGENCY_NAMES.health) },
      people,
    };
  });
}
