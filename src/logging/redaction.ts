/**
 * Log paths whose values are never written. Children's details and credentials are kept out of
 * logs by this list, not by remembering not to log them: any object logged under one of these
 * keys, at the top level or one level down, is censored.
 */
const SENSITIVE_KEYS = [
  'password',
  'token',
  'accessToken',
  'signInToken',
  'apiToken',
  'secret',
  'cookie',
  'authorization',
  'childName',
  'fullName',
  'firstName',
  'lastName',
  'dateOfBirth',
  'address',
  'nhsNumber',
  'recordNumbers',
  'identifyingDetails',
  'pseudonym',
  'findings',
  'notes',
  'email',
  'body',
];

export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  ...SENSITIVE_KEYS,
  ...SENSITIVE_KEYS.map((key) => `*.${key}`),
];
