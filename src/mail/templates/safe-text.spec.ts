import {
  appLink,
  checkAppLink,
  personName,
  referenceNumber,
  stepTitle,
  agencyName,
  taskLink,
  UnsafeEmailContentError,
} from './safe-text';

const APP_URL = 'https://reviews.example.org';

function refusal(make: () => unknown): UnsafeEmailContentError {
  try {
    make();
  } catch (error) {
    if (error instanceof UnsafeEmailContentError) return error;
    throw error;
  }
  throw new Error('expected the value to be refused');
}

describe('safe email text', () => {
  it.each(["Jo O'Brien-Smith", 'Siân Jones', 'Dr. A. Patel', 'Zoë Ní Bhriain'])(
    'accepts the name %s',
    (name) => expect(personName(name)).toBe(name),
  );

  it.each([
    '',
    ' Jo',
    'Jo  Bloggs',
    'Jo <script>',
    'Jo\nBcc: x@example.org',
    'Room 101',
    'x'.repeat(101),
  ])('refuses %j as a name', (name) =>
    expect(refusal(() => personName(name)).field).toBe('personName'),
  );

  it.each([
    'Agency audit return',
    'IMR and chronology',
    'Serious incident notification (SIN)',
    'Panel comments: round 2',
    'Child safeguarding practice review decision',
    'Case selection',
  ])('accepts the step title %s', (title) => expect(stepTitle(title)).toBe(title));

  it.each([
    ['a pseudonym', 'Agency audit return for Case A'],
    ['a published pseudonym', 'Chronology: Child H'],
    ['a family pseudonym', 'Family B agency report'],
    ['a date of birth', 'Return 12/03/2015'],
    ['an NHS number', 'Record 9434765919'],
    ['a postcode', 'Home visit ME4 4TB'],
    ['markup', '<b>Return</b>'],
    ['a lower-case start', 'agency audit return'],
  ])('refuses a step title with %s', (_case, title) => {
    const error = refusal(() => stepTitle(title));
    expect(error.field).toBe('stepTitle');
    expect(error.message).not.toContain(title);
  });

  it('never repeats the refused value in the error', () => {
    const error = refusal(() => stepTitle('Agency audit return for Case A'));
    expect(error.message).not.toContain('Case A');
    expect(error.message).toMatch(/^stepTitle cannot go into an email: it looks like case content/);
  });

  it.each(['MSCP-CFAG-2026-01', 'BSCB-SCR-2017-2', 'WSCB-LR-19'])(
    'accepts the reference %s',
    (ref) => expect(referenceNumber(ref)).toBe(ref),
  );

  it.each([
    'Case A',
    'mscp-cfag-2026-01',
    'MSCP-CFAG',
    'MSCP CFAG 2026',
    'MSCP-CFAG-2026-01-02-03-04',
  ])('refuses %j as a reference', (ref) =>
    expect(() => referenceNumber(ref)).toThrow(UnsafeEmailContentError),
  );

  it('accepts agency names with ampersands and full stops, but not case content', () => {
    expect(agencyName('Kent & Medway NHS Trust')).toBe('Kent & Medway NHS Trust');
    expect(agencyName('St. Mary’s Primary School')).toBe('St. Mary’s Primary School');
    expect(() => agencyName('Police re Child H')).toThrow(UnsafeEmailContentError);
  });

  it('builds task links from APP_URL and a task id only', () => {
    const id = '6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b';
    expect(taskLink(`${APP_URL}/`, id)).toBe(`${APP_URL}/tasks/${id}`);
    expect(taskLink('http://localhost:3000', id)).toBe(`http://localhost:3000/tasks/${id}`);
    expect(() => taskLink(APP_URL, 'harry-whitfield')).toThrow(UnsafeEmailContentError);
  });

  it('builds links with token query values, and refuses words or spaces in them', () => {
    expect(appLink(APP_URL, '/sign-in', { token: 'abc_DEF-123' })).toBe(
      `${APP_URL}/sign-in?token=abc_DEF-123`,
    );
    expect(() => appLink(APP_URL, '/sign-in', { name: 'Harry Whitfield' })).toThrow(
      UnsafeEmailContentError,
    );
    expect(() => appLink(APP_URL, '/cases/Harry')).toThrow(UnsafeEmailContentError);
  });

  it('accepts a sign-in link with where to go next, as the auth module builds it', () => {
    const link = new URL('/auth/callback', APP_URL);
    link.searchParams.set('token', 'q9X2vB7kLm3Np8Rt5Wy1Zc4D');
    link.searchParams.set('next', '/tasks?due=week');
    expect(checkAppLink(link.toString())).toBe(link.toString());
    link.searchParams.set('next', '/cases?child=Harry Whitfield');
    expect(() => checkAppLink(link.toString())).toThrow(UnsafeEmailContentError);
  });

  it.each([
    'javascript:alert(1)',
    'https://user:secret@reviews.example.org/tasks',
    'https://reviews.example.org/tasks#Case-A',
    'https://reviews.example.org/tasks?child=Harry%20Whitfield',
    'https://reviews.example.org/Case A',
    'reviews.example.org/tasks',
  ])('refuses the link %s', (link) =>
    expect(() => checkAppLink(link)).toThrow(UnsafeEmailContentError),
  );
});
