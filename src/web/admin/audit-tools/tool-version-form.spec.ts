import { readToolVersion, toolVersionRows, toolVersionValues } from './tool-version-form';

const LATEST = {
  domains: [
    {
      key: 'voice-of-the-child',
      title: 'Voice of the child',
      questions: [{ key: 'child-seen', text: 'Was the child seen?', required: true }],
    },
  ],
};

describe('the audit tool version form', () => {
  it('offers the latest version’s rows with empty rows to add questions and a domain', () => {
    const values = toolVersionValues(LATEST);
    expect(values.domains).toHaveLength(2);
    expect(values.domains[0].questions.map((q) => q.text)).toEqual(['Was the child seen?', '', '']);
    expect(values.domains[1]).toMatchObject({ key: '', title: '' });
  });

  it('keeps existing keys, makes keys for new rows and drops empty rows', () => {
    const outcome = readToolVersion({
      domains: [
        {
          key: 'voice-of-the-child',
          title: 'Voice of the child',
          questions: [
            { key: 'child-seen', text: 'Was the child seen alone?', required: 'yes' },
            { key: '', text: 'Were their wishes recorded?' },
            { key: '', text: '' },
          ],
        },
        {
          key: '',
          title: 'Neglect: early signs',
          questions: [{ key: '', text: 'Was it noticed?' }],
        },
        { key: '', title: '', questions: [{ key: '', text: '' }] },
      ],
    });
    expect(outcome).toEqual({
      ok: true,
      domains: [
        {
          key: 'voice-of-the-child',
          title: 'Voice of the child',
          questions: [
            { key: 'child-seen', text: 'Was the child seen alone?', required: true },
            {
              key: 'were-their-wishes-recorded',
              text: 'Were their wishes recorded?',
              required: false,
            },
          ],
        },
        {
          key: 'neglect-early-signs',
          title: 'Neglect: early signs',
          questions: [{ key: 'was-it-noticed', text: 'Was it noticed?', required: false }],
        },
      ],
    });
  });

  it('makes a fresh key for a forged or repeated one', () => {
    const outcome = readToolVersion({
      domains: [
        { key: 'Not A Key', title: 'One', questions: [] },
        { key: 'two', title: 'Two', questions: [] },
        { key: 'two', title: 'Two', questions: [] },
      ],
    });
    expect(outcome.ok && outcome.domains.map((d) => d.key)).toEqual(['one', 'two', 'two-2']);
  });

  it('asks for a title where a domain has questions but no title, keeping what was typed', () => {
    const body = {
      domains: [{ key: '', title: '  ', questions: [{ key: '', text: 'Was it noticed?' }] }],
    };
    const outcome = readToolVersion(body);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.form.errors.summary).toEqual([
      { text: 'Enter a title for domain 1', href: '#domains-0-title' },
    ]);
    expect(outcome.form.values).toEqual(toolVersionRows(body));
  });

  it('refuses a version with no domains at all', () => {
    const outcome = readToolVersion({ domains: [{ key: '', title: '', questions: [] }] });
    expect(outcome.ok).toBe(false);
  });

  it('reads rows past twenty, which qs gives as an object', () => {
    const domains: Record<string, unknown> = {};
    for (let i = 0; i < 25; i++)
      domains[String(i)] = { key: '', title: `Domain ${i}`, questions: [] };
    expect(toolVersionRows({ domains }).domains.map((d) => d.title)[24]).toBe('Domain 24');
  });
});
