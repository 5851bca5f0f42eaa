import { escalationRecipients, type EscalationDirectory } from './escalation';

/** Memberships of one review: a panel chair, a partnership chair and two agencies' leads. */
const directory: EscalationDirectory = (target, agencyId) => {
  switch (target.kind) {
    case 'instance-role':
      return target.role === 'panel-chair' ? ['panel-chair-1'] : [];
    case 'partnership-role':
      return target.role === 'partnership-chair' ? ['partnership-chair-1'] : [];
    case 'agency-role':
      if (target.role !== 'agency-safeguarding-lead') return [];
      return agencyId === 'police' ? ['police-lead'] : agencyId === 'health' ? ['health-lead'] : [];
  }
};

describe('escalationRecipients', () => {
  it("escalates a task to the instance's chair", () => {
    expect(escalationRecipients({ agencyId: null, assigneeIds: ['officer'] }, directory)).toEqual([
      { personId: 'panel-chair-1', reason: 'chair' },
    ]);
  });

  it("escalates an agency's task to the chair and that agency's safeguarding lead", () => {
    expect(
      escalationRecipients({ agencyId: 'police', assigneeIds: ['auditor'] }, directory),
    ).toEqual([
      { personId: 'panel-chair-1', reason: 'chair' },
      { personId: 'police-lead', reason: 'agency-safeguarding-lead' },
    ]);
  });

  it('falls back to the partnership chair when the instance has no chair (an audit)', () => {
    const noPanelChair: EscalationDirectory = (target, agencyId) =>
      target.kind === 'instance-role' ? [] : directory(target, agencyId);
    expect(
      escalationRecipients({ agencyId: null, assigneeIds: ['officer'] }, noPanelChair),
    ).toEqual([{ personId: 'partnership-chair-1', reason: 'chair' }]);
  });

  it('never escalates to the person whose task it is: a lead late with their own return goes to the chair only', () => {
    expect(
      escalationRecipients({ agencyId: 'police', assigneeIds: ['police-lead'] }, directory),
    ).toEqual([{ personId: 'panel-chair-1', reason: 'chair' }]);
    expect(
      escalationRecipients({ agencyId: null, assigneeIds: ['panel-chair-1'] }, directory),
    ).toEqual([{ personId: 'partnership-chair-1', reason: 'chair' }]);
  });

  it('names each person once, with the first reason that applies', () => {
    const chairIsLead: EscalationDirectory = (target) =>
      target.kind === 'partnership-role' ? [] : ['same-person', 'same-person'];
    expect(escalationRecipients({ agencyId: 'health', assigneeIds: [] }, chairIsLead)).toEqual([
      { personId: 'same-person', reason: 'chair' },
    ]);
  });
});
