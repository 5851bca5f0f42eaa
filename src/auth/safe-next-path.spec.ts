import { safeNextPath } from './safe-next-path';

describe('safeNextPath', () => {
  it.each([
    ['/audits/123', '/audits/123'],
    ['/tasks?due=week', '/tasks?due=week'],
    ['/', '/'],
  ])('keeps the path on this site %s', (given, expected) => {
    expect(safeNextPath(given)).toBe(expected);
  });

  it.each([
    ['https://evil.example/'],
    ['//evil.example/'],
    ['/\\evil.example'],
    ['javascript:alert(1)'],
    ['audits'],
    ['/\u0000x'],
    [''],
    [undefined],
    [42],
  ])('sends %p to the start page instead of off the site', (given) => {
    expect(safeNextPath(given)).toBe('/');
  });
});
