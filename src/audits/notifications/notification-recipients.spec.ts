import { RecipientReasons } from './notification-recipients';

describe('RecipientReasons', () => {
  const ORDER = ['business-manager', 'chair', 'agency-safeguarding-lead'] as const;

  it('tells each person once, for the first reason in the order that applies', () => {
    const reasons = new RecipientReasons(ORDER)
      .add('p1', 'agency-safeguarding-lead')
      .add('p1', 'business-manager')
      .add('p1', 'chair')
      .add('p2', 'chair');
    expect(reasons.size).toBe(2);
    expect(reasons.reasonOf('p1')).toBe('business-manager');
    expect(reasons.reasonOf('p2')).toBe('chair');
    expect(reasons.personIds).toEqual(['p1', 'p2']);
  });

  it('skips a person who is not known (a concern raised by someone since erased)', () => {
    const reasons = new RecipientReasons(ORDER).add(null, 'chair').add(undefined, 'chair');
    expect(reasons.size).toBe(0);
    expect(reasons.reasonOf('anyone')).toBeUndefined();
  });
});
