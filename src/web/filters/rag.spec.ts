import { ragTag } from './rag';

describe('ragTag', () => {
  it.each([
    ['green', 'On track', 'govuk-tag--green'],
    ['amber', 'At risk', 'govuk-tag--orange'],
    ['red', 'Overdue', 'govuk-tag--red'],
  ] as const)('shows %s as a "%s" tag coloured %s', (rag, text, classes) => {
    expect(ragTag(rag)).toEqual({ text, classes });
  });

  it('refuses a rating that is not red, amber or green', () => {
    expect(() => ragTag('blue' as never)).toThrow(RangeError);
  });
});
