import { AuditErrorCode, AuditException } from '../audit.exception';

const VERSION_TAG = /^(?:W\/)?"?(\d{1,9})"?$/;

/** The version an `If-Match` header names (`"3"`, `W/"3"` or `3`); undefined when absent. */
export function ifMatchVersion(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  const match = VERSION_TAG.exec(header.trim());
  const version = match ? Number(match[1]) : NaN;
  if (!Number.isSafeInteger(version) || version < 1) {
    throw new AuditException(AuditErrorCode.InvalidPrecondition);
  }
  return version;
}

/** As `ifMatchVersion`, for writes that must name the version they change (428 without it). */
export function requiredIfMatchVersion(header: string | undefined): number {
  const version = ifMatchVersion(header);
  if (version === undefined) throw new AuditException(AuditErrorCode.PreconditionRequired);
  return version;
}

/** The strong entity tag of a version, for the `ETag` header. */
export function versionTag(version: number): string {
  return `"${version}"`;
}

/** An `Idempotency-Key` header: 1 to 200 visible characters; undefined when absent. */
export function idempotencyKey(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,200}$/.test(header)) {
    throw new AuditException(
      AuditErrorCode.InvalidPrecondition,
      'Idempotency-Key must be 1 to 200 visible characters without spaces.',
    );
  }
  return header;
}
