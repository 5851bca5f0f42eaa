/** OpenAPI descriptions of the precondition headers (parsed by `src/common/preconditions.ts`). */
export const IF_MATCH_HEADER = {
  name: 'If-Match',
  required: false,
  description: 'The version as last read (its ETag), e.g. "4". A stale one gets 409.',
};

export const IDEMPOTENCY_KEY_HEADER = {
  name: 'Idempotency-Key',
  required: false,
  description: 'Repeating a request with the same key returns the first outcome, applied once.',
};
