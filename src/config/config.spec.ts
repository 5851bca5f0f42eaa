import { ConfigError, loadConfig } from './config';

const VALID = {
  DATABASE_URL: 'postgres://user:pass@localhost:5432/reviews',
  REDIS_URL: 'redis://127.0.0.1:6379',
  SMTP_URL: 'smtp://localhost:1025',
};

function errorFor(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('expected a configuration error');
}

describe('configuration', () => {
  it('reads a complete environment with defaults for the optional settings', () => {
    const config = loadConfig(VALID);
    expect(config).toMatchObject({
      environment: 'development',
      port: 3000,
      appUrl: 'http://localhost:3000',
      databaseUrl: VALID.DATABASE_URL,
      redisUrl: VALID.REDIS_URL,
      smtpUrl: VALID.SMTP_URL,
      logLevel: 'info',
    });
  });

  it('takes APP_URL without its trailing slash and PORT as a number', () => {
    expect(
      loadConfig({ ...VALID, PORT: '8080', APP_URL: 'https://reviews.example.org/' }),
    ).toMatchObject({
      port: 8080,
      appUrl: 'https://reviews.example.org',
    });
  });

  it.each([
    ['DATABASE_URL', 'DATABASE_URL is not set: DATABASE_URL must be a postgres:// URL'],
    ['REDIS_URL', 'REDIS_URL is not set: REDIS_URL must be a redis:// URL'],
    ['SMTP_URL', 'SMTP_URL is not set: SMTP_URL must be an smtp:// or smtps:// URL'],
  ])('names %s when it is missing', (name, expected) => {
    const env: Record<string, string> = { ...VALID };
    delete env[name];
    expect(errorFor(env)).toContain(expected);
  });

  it.each([
    [{ DATABASE_URL: 'mysql://localhost/reviews' }, 'DATABASE_URL must be a postgres:// URL'],
    [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL must be a redis:// URL'],
    [{ PORT: 'eighty' }, 'PORT must be a whole number'],
    [{ PORT: '70000' }, 'PORT must be a whole number between 1 and 65535'],
    [{ APP_URL: 'not a url' }, 'APP_URL must be an http(s) URL'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV must be one of development, test, production'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of'],
    [{ MAIL_FROM: 'nobody' }, 'MAIL_FROM must contain an email address'],
  ])('refuses a malformed value %o in one line that names it', (override, expected) => {
    const message = errorFor({ ...VALID, ...override });
    expect(message).toContain(expected);
    expect(message).not.toContain('\n');
  });
});
