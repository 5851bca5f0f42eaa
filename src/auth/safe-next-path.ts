/**
 * Where to send someone after sign-in: only a path on this site. Anything that could leave it
 * (`//host`, `/\host`, `https://…`, control characters) becomes `/`.
 */
export function safeNextPath(candidate: unknown): string {
  if (typeof candidate !== 'string' || candidate.length === 0 || candidate.length > 2000)
    return '/';
  if (!candidate.startsWith('/')) return '/';
  if (candidate.startsWith('//') || candidate.startsWith('/\\')) return '/';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(candidate)) return '/';
  try {
    const resolved = new URL(candidate, 'http://same.invalid');
    if (resolved.origin !== 'http://same.invalid') return '/';
    return `${resolved.pathname}${resolved.search}${resolved.hash}`;
  } catch {
    return '/';
  }
}
