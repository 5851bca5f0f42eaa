import { RemindersErrorCode, RemindersException } from '../reminders.exception';

/** The version an `If-Match: "<version>"` header names; undefined when there is none. */
export function versionFromIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!match) {
    throw new RemindersException(
      RemindersErrorCode.InvalidVersion,
      'The If-Match header must name a version.',
    );
  }
  return Number(match[1]);
}
