import { dateLabel, eventInWords, kindName, roleInWords } from './instance-words';

describe('instance words', () => {
  it.each([
    ['SERIOUS_INCIDENT_NOTIFIED', 'Serious incident notified'],
    ['IMR_SUBMITTED', 'IMR submitted'],
    ['engine.started', 'Started'],
    ['engine.member-added', 'Member added'],
    ['DEADLINE_PASSED', 'Deadline passed'],
  ])('writes the event %s as "%s"', (type, words) => {
    expect(eventInWords(type)).toBe(words);
  });

  it('names roles, dates and workflows in plain words', () => {
    expect(roleInWords('agency-safeguarding-lead')).toBe('Agency safeguarding lead');
    expect(roleInWords('new-role')).toBe('New role');
    expect(dateLabel('awareOn')).toBe('Became aware of the incident');
    expect(dateLabel('briefingPublishedOn')).toBe('Briefing published');
    expect(kindName('serious-case-review')).toBe('Serious case review');
    expect(kindName('some-new-workflow')).toBe('Some new workflow');
  });
});
