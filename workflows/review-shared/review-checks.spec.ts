import { BusinessCalendar } from '../../src/calendar';
import { actor } from '../shared/machine-testing';
import { SYSTEM_ACTOR } from '../shared/roles';
import {
  agencyReturnProblem,
  earliestPublicationOn,
  firstProblem,
  publicationNoticeProblem,
} from './review-checks';
import { uuidFor } from './review-testing';

const calendar = new BusinessCalendar();
const HEALTH = uuidFor('health');
const POLICE = uuidFor('police');

describe('review checks', () => {
  it.each([
    ['a Thursday before Christmas', '2025-12-18', '2025-12-31'],
    ['the Thursday before Easter', '2026-04-02', '2026-04-15'],
    ['a Friday before the August bank holiday', '2025-08-22', '2025-09-03'],
  ])(
    'puts the earliest publication 7 working days after a report sent on %s',
    (_, sentOn, earliest) => {
      expect(earliestPublicationOn(sentOn, calendar)).toBe(earliest);
      expect(
        publicationNoticeProblem(earliest, 'the publication date', sentOn, '2026-01-01', calendar),
      ).toBeNull();
    },
  );

  it('refuses a publication date before the report was even sent', () => {
    expect(
      publicationNoticeProblem(
        '2025-12-17',
        'the publication date',
        '2025-12-18',
        '2025-12-20',
        calendar,
      ),
    ).toBe(
      'The publication date (2025-12-17) is before the final report was sent to the national Panel ' +
        'and the Department for Education on 2025-12-18. The earliest allowed date is 2025-12-31.',
    );
  });

  it('lets the business unit and the engine record any asked agency’s return, but an agency lead only their own', () => {
    const event = { type: 'AGENCY_REPORT_SUBMITTED', agencyId: HEALTH };
    const asked = [HEALTH, POLICE];
    expect(
      agencyReturnProblem(
        { event, actor: actor({ partnership: ['business-officer'] }) },
        asked,
        asked,
        'agency report',
      ),
    ).toBeNull();
    expect(
      agencyReturnProblem({ event, actor: SYSTEM_ACTOR }, asked, asked, 'agency report'),
    ).toBeNull();
    expect(
      agencyReturnProblem(
        { event, actor: actor({ instance: ['agency-safeguarding-lead'], agencyId: POLICE }) },
        asked,
        asked,
        'agency report',
      ),
    ).toBe("You can submit only your own agency's agency report.");
    expect(
      agencyReturnProblem(
        { event: { type: 'X' }, actor: SYSTEM_ACTOR },
        asked,
        asked,
        'agency report',
      ),
    ).toBe("Say which agency's agency report this is, by id.");
  });

  it('stops at the first problem, so later rules may rely on earlier ones', () => {
    const later = jest.fn(() => 'second');
    expect(firstProblem(() => 'first', later)).toBe('first');
    expect(later).not.toHaveBeenCalled();
    expect(firstProblem(() => null, later)).toBe('second');
  });
});
