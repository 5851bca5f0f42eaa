import { signInFormErrors, submittedEmail } from './sign-in-form';

describe('the sign-in form', () => {
  it('asks for an address when none is given', () => {
    for (const body of [{}, { email: '' }, { email: '   ' }, { email: ['a@b.example'] }]) {
      expect(signInFormErrors(body).summary).toEqual([
        { text: 'Enter your email address', href: '#email' },
      ]);
    }
  });

  it('asks for the correct format, with an example, when the address is not one', () => {
    expect(signInFormErrors({ email: 'asha.patel' }).messageFor('email')).toBe(
      'Enter an email address in the correct format, like name@example.com',
    );
  });

  it('accepts an address with spaces around it, and uses it without them', () => {
    const body = { email: '  asha.patel@riverside.example ' };
    expect(signInFormErrors(body).hasErrors).toBe(false);
    expect(submittedEmail(body)).toBe('asha.patel@riverside.example');
  });
});
