import { EngineErrorCode, EngineException, engineErrorStatus } from './engine.exception';

describe('EngineException', () => {
  it.each([
    [EngineErrorCode.InstanceNotFound, 404],
    [EngineErrorCode.DefinitionNotFound, 422],
    [EngineErrorCode.VersionConflict, 409],
    [EngineErrorCode.EventNotAccepted, 409],
    [EngineErrorCode.Forbidden, 403],
    [EngineErrorCode.CheckFailed, 422],
    [EngineErrorCode.InvalidCommand, 400],
    [EngineErrorCode.IdempotencyKeyReused, 422],
    [EngineErrorCode.InstanceBroken, 409],
    [EngineErrorCode.MigrationFailed, 409],
  ])('maps %s to HTTP %i', (code, status) => {
    expect(engineErrorStatus(code)).toBe(status);
  });

  it('covers every code', () => {
    expect(Object.values(EngineErrorCode).map((code) => typeof engineErrorStatus(code))).toEqual(
      Object.values(EngineErrorCode).map(() => 'number'),
    );
  });

  it('renders RFC 9457 problem details with the code and extensions', () => {
    const error = new EngineException(
      EngineErrorCode.VersionConflict,
      'RSCP-TEST-2026-001 has changed.',
      { currentVersion: 4 },
    );
    expect(error.getStatus()).toBe(409);
    expect(error.message).toBe('RSCP-TEST-2026-001 has changed.');
    expect(error.getResponse()).toEqual({
      type: 'about:blank',
      title: 'Conflict',
      status: 409,
      detail: 'RSCP-TEST-2026-001 has changed. Reload to see what changed, then try again.',
      code: 'version-conflict',
      currentVersion: 4,
    });
  });
});
