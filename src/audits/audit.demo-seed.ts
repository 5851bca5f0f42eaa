import { DataSource } from 'typeorm';
import { WORKFLOW_DEFINITIONS } from '../../workflows';
import { AccessLogService } from '../access/access-log.service';
import { BusinessCalendar } from '../calendar';
import { adminServices } from '../cli/commands';
import { SystemClock, type Clock } from '../common/clock';
import { inScope, partnershipScope, SYSTEM_SCOPE } from '../database/tenancy';
import { DefinitionRegistry } from '../engine/definitions/definition-registry';
import { InstanceReader } from '../engine/instance-reader.service';
import { WorkflowEngine } from '../engine/workflow-engine.service';
import type { AuditActor } from './audit-actor';
import { AuditCommands } from './audit-commands.service';
import { AuditsService } from './audits/audits.service';
import { AuditCasesService } from './cases/audit-cases.service';
import { AuditProgrammesService } from './programmes/audit-programmes.service';
import { AuditReturnsService } from './returns/audit-returns.service';
import { AuditToolsService } from './tools/audit-tools.service';
import { DEFAULT_AUDIT_TOOL, DEFAULT_AUDIT_TOOL_NAME } from './tools/default-audit-tool';

const DEMO_PARTNERSHIP_CODE = 'RSCP';
const AGENCY_NAMES = {
  police: 'Riverside Police',
  health: 'Riverside Integrated Care Board',
  council: 'Riverside Borough Council Children’s Services',
} as const;
const COUNCIL_AUDITOR = {
  email: 'audit.lead@riverside-council.example',
  displayName: 'Chris Wood',
};

/** Fictional children: the demo holds no real person's details. */
const DEMO_CHILDREN = [
  { fullName: 'Ava Demo', dateOfBirth: '2013-05-02', address: '10 Example Street, Riverside' },
  { fullName: 'Bilal Demo', dateOfBirth: '2016-09-17', address: '22 Sample Road, Riverside' },
  { fullName: 'Chloe Demo', dateOfBirth: '2011-12-01', address: '7 Specimen Close, Riverside' },
  { fullName: 'Dylan Demo', dateOfBirth: '2019-03-28', address: '31 Placeholder Lane, Riverside' },
];

export interface AuditDemo {
  toolId: string;
  programmeId: string;
  instanceId: string;
}

/**
 * Adds live examples of case file audits to the demo partnership (made by `seedDemoWhenEmpty`):
 * the default audit tool, a programme of audits every six weeks for a year, and its first audit
 * started and running at the single-agency audits stage with three agencies and four cases, one
 * return submitted and one in draft. Everything goes through the same services as the API, acting
 * as the demo's people. Returns null when the partnership already has audit tools.
 */
export async function seedAuditDemo(
  dataSource: DataSource,
  options: { partnershipCode?: string; clock?: Clock } = {},
): Promise<AuditDemo | null> {
  const code = options.partnershipCode ?? DEMO_PARTNERSHIP_CODE;
  const setup = await inScope(dataSource, SYSTEM_SCOPE, async (manager) => {
    const partnerships: Array<{ id: string }> = await manager.query(
      `SELECT id FROM partnerships WHERE code = $1`,
      [code],
    );
    const partnershipId = partnerships[0]?.id;
    if (!partnershipId) throw new Error(`There is no demo partnership ${code}: seed it first`);
    const tools: unknown[] = await manager.query(
      `SELECT 1 FROM audit_tools WHERE partnership_id = $1`,
      [partnershipId],
    );
    if (tools.length > 0) return null;
    const agencies: Array<{ id: string; name: string }> = await manager.query(
      `SELECT id, name FROM agencies WHERE partnership_id = $1`,
      [partnershipId],
    );
    const agencyId = (name: string): string => {
      const found = agencies.find((agency) => agency.name === name);
      if (!found) throw new Error(`The demo partnership has no agency ${name}`);
      return found.id;
    };
    const ids = {
      police: agencyId(AGENCY_NAMES.police),
      health: agencyId(AGENCY_NAMES.health),
      council: agencyId(AGENCY_NAMES.council),
    };
    const council = await adminServices(dataSource).people.addMember(manager, partnershipId, {
      ...COUNCIL_AUDITOR,
      agencyId: ids.council,
    });
    const people: Array<{ id: string; email: string; agency_id: string | null }> =
      await manager.query(
        `SELECT p.id, p.email, m.agency_id FROM people p
           JOIN partnership_members m ON m.person_id = p.id AND m.partnership_id = $1`,
        [partnershipId],
      );
    return { partnershipId, agencies: ids, people, councilAuditorId: council.personId };
  });
  if (!setup) return null;

  const clock = options.clock ?? new SystemClock();
  const calendar = new BusinessCalendar();
  const registry = new DefinitionRegistry(WORKFLOW_DEFINITIONS);
  const engine = new WorkflowEngine(dataSource, registry, clock, calendar);
  const reader = new InstanceReader(dataSource, registry);
  const commands = new AuditCommands(dataSource, engine, clock, calendar);
  const tools = new AuditToolsService();
  const audits = new AuditsService(commands, reader, tools, calendar);
  const cases = new AuditCasesService(dataSource, commands, audits, new AccessLogService(clock));
  const returns = new AuditReturnsService(commands, audits, tools, reader);
  const programmes = new AuditProgrammesService(commands, audits, calendar);

  const { partnershipId, agencies } = setup;
  const actor = (email: string): AuditActor => {
    const person = setup.people.find((entry) => entry.email === email);
    if (!person) throw new Error(`The demo partnership has no ${email}`);
    return {
      personId: person.id,
      partnershipId,
      agencyId: person.agency_id,
      scope: partnershipScope([partnershipId]),
    };
  };
  const manager = actor('business.manager@riverside.example');
  const officer = actor('business.officer@riverside.example');
  const chair = actor('chair@riverside.example');
  const policeLead = actor('safeguarding.lead@riverside-police.example');
  const healthLead = actor('named.nurse@riverside-icb.example');
  const councilLead = actor(COUNCIL_AUDITOR.email);

  const tool = await commands.scoped(manager, (entityManager) =>
    tools.create(
      entityManager,
      partnershipId,
      manager.personId,
      { name: DEFAULT_AUDIT_TOOL_NAME, ...DEFAULT_AUDIT_TOOL },
      clock.now(),
    ),
  );
  const today = calendar.todayInLondon(clock.now());
  const programme = await programmes.create(manager, {
    title: `Case file audit programme from ${today.slice(0, 4)}`,
    firstMeetingOn: calendar.addWorkingDays(today, 25),
    intervalWeeks: 6,
    months: 12,
  });
  const audit = await programmes.startEntry(manager, programme.id, programme.entries[0].id, {
    theme: 'Children known to mental health services',
    scope: 'Children open to CAMHS and to children’s social care in the last year',
    lookBackMonths: 12,
    toolId: tool.id,
    agencyIds: [agencies.police, agencies.health, agencies.council],
    members: [
      { personId: chair.personId, role: 'panel-chair' },
      {
        personId: policeLead.personId,
        role: 'agency-safeguarding-lead',
        agencyId: agencies.police,
      },
      {
        personId: healthLead.personId,
        role: 'agency-safeguarding-lead',
        agencyId: agencies.health,
      },
      {
        personId: councilLead.personId,
        role: 'agency-safeguarding-lead',
        agencyId: agencies.council,
      },
    ],
  });
  const instanceId = audit.instanceId;
  await audits.agreePlan(manager, instanceId, {}, undefined);
  await cases.select(
    officer,
    instanceId,
    {
      cases: DEMO_CHILDREN.map((child, index) => ({
        identifiers: {
          ...child,
          recordNumbers: [{ agencyId: agencies.police, recordNumber: `RP-${48200 + index}` }],
        },
      })),
    },
    undefined,
  );
  await returns.confirmInvolvement(
    policeLead,
    instanceId,
    { agencyId: agencies.police, caseKeys: ['A', 'B', 'C', 'D'] },
    undefined,
  );
  await returns.confirmInvolvement(
    healthLead,
    instanceId,
    { agencyId: agencies.health, caseKeys: ['A', 'C'] },
    undefined,
  );
  await returns.confirmInvolvement(
    councilLead,
    instanceId,
    { agencyId: agencies.council, caseKeys: ['A', 'B', 'D'] },
    undefined,
  );
  const grades = Object.fromEntries(
    DEFAULT_AUDIT_TOOL.domains.map((domain) => [domain.key, 'good' as const]),
  );
  await returns.save(policeLead, instanceId, agencies.police, 'A', 1, {
    domainGrades: { ...grades, 'multi-agency-working': 'requires-improvement' },
    overallGrade: 'good',
    answers: {
      'child-seen': 'Seen at home and at school.',
      'history-considered': 'Previous police call-outs were reviewed.',
      'information-shared': 'Shared with the school within a day; health was not told.',
    },
    strengths: 'Officers recorded the child’s own account.',
    areasForDevelopment: 'Tell health about domestic abuse call-outs.',
  });
  await returns.submit(policeLead, instanceId, agencies.police, 'A', 2);
  await returns.save(healthLead, instanceId, agencies.health, 'A', 1, {
    domainGrades: { 'voice-of-the-child': 'requires-improvement' },
    strengths: 'Regular health visitor contact.',
  });
  return { toolId: tool.id, programmeId: programme.id, instanceId };
}
