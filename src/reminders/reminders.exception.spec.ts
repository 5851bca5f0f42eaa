import { RemindersErrorCode, RemindersException } from './reminders.exception';

describe('RemindersException', () => {
  it.each([
    [RemindersErrorCode.ReminderNotFound, 404],
    [RemindersErrorCode.NotFailed, 409],
    [RemindersErrorCode.InvalidSettings, 400],
    [RemindersErrorCode.VersionConflict, 409],
  ])('%s is answered with %i as problem details naming the code', (code, status) => {
    const exception = new RemindersException(code, 'Something.');
    expect(exception.getStatus()).toBe(status);
    expect(exception.getResponse()).toMatchObject({
      status,
      code,
      detail: expect.stringMatching(/^Something\./),
    });
  });
});
