import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
import { IsInt, IsNotEmpty, MaxLength, Min, ValidateNested, validateSync } from 'class-validator';
import { FormErrors, formView } from './form-errors';

class Contact {
  @IsNotEmpty({ message: 'Enter the lead’s email address' })
  email!: string;
}

class StartAudit {
  @IsNotEmpty({ message: 'Enter a theme' })
  @MaxLength(100, { message: 'Theme must be 100 characters or fewer' })
  theme!: string;

  @Type(() => Number)
  @Min(1, { message: 'Number of cases must be 1 or more' })
  @IsInt({ message: 'Number of cases must be a whole number, like 6' })
  cases!: number;

  @ValidateNested()
  @Type(() => Contact)
  lead!: Contact;
}

function validate(body: Record<string, unknown>): FormErrors {
  return FormErrors.fromValidation(
    validateSync(plainToInstance(StartAudit, body), { stopAtFirstError: true }),
  );
}

describe('FormErrors', () => {
  it('lists each failing field once, linking to it, in the order of the fields', () => {
    const errors = validate({ theme: '', cases: '12x', lead: { email: '' } });

    expect(errors.hasErrors).toBe(true);
    expect(errors.summary).toEqual([
      { text: 'Enter a theme', href: '#theme' },
      { text: 'Number of cases must be a whole number, like 6', href: '#cases' },
      { text: 'Enter the lead’s email address', href: '#lead-email' },
    ]);
  });

  it('gives each failing field its inline message, and none to fields that passed', () => {
    const errors = validate({ theme: 'Neglect', cases: '0', lead: { email: '' } });

    expect(errors.fields).toEqual({
      cases: { text: 'Number of cases must be 1 or more' },
      'lead.email': { text: 'Enter the lead’s email address' },
    });
    expect(errors.fields.theme).toBeUndefined();
    expect(errors.messageFor('cases')).toBe('Number of cases must be 1 or more');
  });

  it('takes a field to message map, linking to a named element where the field has several', () => {
    const errors = FormErrors.fromMap(
      { dueOn: 'Due date must be a real date', email: 'That person is already a member' },
      { ids: { dueOn: 'dueOn-day' } },
    );

    expect(errors.summary).toEqual([
      { text: 'Due date must be a real date', href: '#dueOn-day' },
      { text: 'That person is already a member', href: '#email' },
    ]);
    expect(errors.fields.dueOn).toEqual({ text: 'Due date must be a real date' });
  });

  it('has no errors when nothing failed', () => {
    const errors = validate({ theme: 'Neglect', cases: '6', lead: { email: 'a@example.org' } });

    expect(errors.hasErrors).toBe(false);
    expect(errors.summary).toEqual([]);
    expect(FormErrors.none().hasErrors).toBe(false);
  });
});

describe('formView', () => {
  it('keeps every value exactly as typed, including ones that failed to parse', () => {
    const body = { theme: '  Neglect ', cases: '12x', agencies: ['police', 'health'] };

    const view = formView(body, validate(body));

    expect(view.values).toEqual(body);
    expect(view.values).not.toBe(body);
    expect(view.errors.messageFor('cases')).toBe('Number of cases must be a whole number, like 6');
  });

  it('starts empty and without errors for a form shown for the first time', () => {
    expect(formView()).toEqual({ values: {}, errors: FormErrors.none() });
  });
});
