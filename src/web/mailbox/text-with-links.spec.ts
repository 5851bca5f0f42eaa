import { textWithLinks } from './text-with-links';

describe('textWithLinks', () => {
  it('picks out http and https links and keeps the text around them', () => {
    expect(
      textWithLinks('Sign in: https://reviews.example.org/auth/link?t=abc&x=1\nIt works once.'),
    ).toEqual([
      { text: 'Sign in: ' },
      {
        text: 'https://reviews.example.org/auth/link?t=abc&x=1',
        href: 'https://reviews.example.org/auth/link?t=abc&x=1',
      },
      { text: '\nIt works once.' },
    ]);
  });

  it('leaves a full stop or bracket after a link out of it', () => {
    expect(textWithLinks('(see http://localhost:3000/tasks).')).toEqual([
      { text: '(see ' },
      { text: 'http://localhost:3000/tasks', href: 'http://localhost:3000/tasks' },
      { text: ').' },
    ]);
  });

  it('links nothing that is not http(s), and leaves markup as plain text', () => {
    expect(textWithLinks('javascript:alert(1) <a href="x">x</a>')).toEqual([
      { text: 'javascript:alert(1) <a href="x">x</a>' },
    ]);
  });

  it('gives no parts for an empty body', () => {
    expect(textWithLinks('')).toEqual([]);
  });
});
