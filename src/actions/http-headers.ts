import { ActionsErrorCode, ActionsException } from './actions.exception';

const VERSION_TAG = /^(?:W\/)?(?:"(\d{1,9})"|(\d{1,9}))$/;

/** The version an `If-Match` header names (`"3"`, `W/"3"` or `3`); undefined when absent. */
export function ifMatchVersion(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  const match = VERSION_TAG.exec(header.trim());
  const version = match ? Number(match[1] ?? match[2]) : NaN;
  if (!Number.isSafeInteger(version) || version < 1) {
    throw new ActionsException(ActionsErrorCode.InvalidPrecondition);
  }
  return version;
}

/** As `ifMatchVersion`, for edits that must name the version they change (428 without it). */
export function requiredIfMatchVersion(header: string | undefined): number {
  const version = ifMatchVersion(header);
  if (version === undefined) throw new ActionsException(ActionsErrorCode.PreconditionRequired);
  return version;
}

/** The strong entity tag of an action's version, for the `ETag` header. */
export function versionTag(version: number): string {
  return `"${version}"`;
}
