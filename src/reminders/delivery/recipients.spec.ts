import { escalationRecipients } from '../policy';
import { assigneesOf, escalationDirectory, type TaskAssignee, type TaskPeople } from './recipients';

const POLICE = 'agency-police';
const HEALTH = 'agency-health';

const people: TaskPeople = {
  namedPersonActive: true,
  instanceMembers: [
    { personId: 'chair', role: 'panel-chair', agencyId: null },
    { personId: 'police-lead', role: 'agency-safeguarding-lead', agencyId: POLICE },
    { personId: 'police-auditor', role: 'audit-group-member', agencyId: POLICE },
    { personId: 'health-lead', role: 'agency-safeguarding-lead', agencyId: HEALTH },
    { personId: 'panel-1', role: 'panel-member', agencyId: HEALTH },
    { personId: 'panel-2', role: 'panel-member', agencyId: null },
  ],
  partnershipMembers: [
    { personId: 'manager', roles: ['business-manager'] },
    { personId: 'officer', roles: ['business-officer'] },
    { personId: 'p-chair', roles: ['partnership-chair', 'board-member'] },
  ],
};

const task = (assignee: Partial<TaskAssignee>): TaskAssignee => ({
  kind: 'person',
  role: null,
  personId: null,
  agencyId: null,
  ...assignee,
});

describe('assigneesOf', () => {
  it('names the person a person task is assigned to, unless they were deactivated', () => {
    expect(assigneesOf(task({ personId: 'reviewer' }), people)).toEqual(['reviewer']);
    expect(
      assigneesOf(task({ personId: 'reviewer' }), { ...people, namedPersonActive: false }),
    ).toEqual([]);
  });

  it('names everyone holding the instance or partnership role', () => {
    expect(assigneesOf(task({ kind: 'instance-role', role: 'panel-member' }), people)).toEqual([
      'panel-1',
      'panel-2',
    ]);
    expect(
      assigneesOf(task({ kind: 'partnership-role', role: 'partnership-chair' }), people),
    ).toEqual(['p-chair']);
  });

  it('sends an agency’s task to the person its lead handed it to, and to the lead only when there is nobody else', () => {
    expect(assigneesOf(task({ kind: 'each-agency', agencyId: POLICE }), people)).toEqual([
      'police-auditor',
    ]);
    const onlyLead = { ...people, instanceMembers: people.instanceMembers.slice(0, 2) };
    expect(assigneesOf(task({ kind: 'each-agency', agencyId: POLICE }), onlyLead)).toEqual([
      'police-lead',
    ]);
    expect(assigneesOf(task({ kind: 'each-agency', agencyId: 'nobody' }), people)).toEqual([]);
  });
});

describe('escalationDirectory with the escalation policy', () => {
  it('escalates an agency’s task to the panel chair and that agency’s safeguarding lead', () => {
    const recipients = escalationRecipients(
      { agencyId: POLICE, assigneeIds: ['police-auditor'] },
      escalationDirectory(people),
    );
    expect(recipients).toEqual([
      { personId: 'chair', reason: 'chair' },
      { personId: 'police-lead', reason: 'agency-safeguarding-lead' },
    ]);
  });

  it('escalates to the partnership chair when the instance has no chair', () => {
    const noChair = { ...people, instanceMembers: people.instanceMembers.slice(1) };
    expect(
      escalationRecipients(
        { agencyId: null, assigneeIds: ['manager'] },
        escalationDirectory(noChair),
      ),
    ).toEqual([{ personId: 'p-chair', reason: 'chair' }]);
  });
});
