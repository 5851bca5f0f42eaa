import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  validateSync,
} from 'class-validator';

const NODE_ENVIRONMENTS = ['development', 'test', 'production'] as const;
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const PORT_MESSAGE = 'PORT must be a whole number between 1 and 65535';

/** Every setting the processes read, straight from the environment. */
class EnvironmentVariables {
  @IsIn(NODE_ENVIRONMENTS, { message: 'NODE_ENV must be one of development, test, production' })
  NODE_ENV: (typeof NODE_ENVIRONMENTS)[number] = 'development';

  @IsInt({ message: PORT_MESSAGE })
  @Min(1, { message: PORT_MESSAGE })
  @Max(65535, { message: PORT_MESSAGE })
  @Type(() => Number)
  PORT: number = 3000;

  @IsOptional()
  @IsUrl(
    { require_tld: false, protocols: ['http', 'https'] },
    { message: 'APP_URL must be an http(s) URL such as https://reviews.example.org' },
  )
  APP_URL?: string;

  @Matches(/^postgres(ql)?:\/\/.+/, {
    message:
      'DATABASE_URL must be a postgres:// URL such as postgres://user:pass@localhost:5432/reviews',
  })
  DATABASE_URL!: string;

  @Matches(/^rediss?:\/\/.+/, {
    message: 'REDIS_URL must be a redis:// URL such as redis://127.0.0.1:6379',
  })
  REDIS_URL!: string;

  @Matches(/^smtps?:\/\/.+/, {
    message: 'SMTP_URL must be an smtp:// or smtps:// URL such as smtp://localhost:1025',
  })
  SMTP_URL!: string;

  @IsString({
    message: 'MAIL_FROM must be an address such as "Safeguarding Reviews <no-reply@example.org>"',
  })
  @Matches(/@/, { message: 'MAIL_FROM must contain an email address' })
  MAIL_FROM: string = 'Safeguarding Reviews <no-reply@localhost>';

  @IsIn(LOG_LEVELS, { message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';

  /** Folder where the development SMTP sink keeps captured mail; enables the dev mailbox page. */
  @IsOptional()
  @IsString()
  MAILBOX_DIR?: string;
}

export interface AppConfig {
  environment: EnvironmentVariables['NODE_ENV'];
  port: number;
  appUrl: string;
  databaseUrl: string;
  redisUrl: string;
  smtpUrl: string;
  mailFrom: string;
  logLevel: EnvironmentVariables['LOG_LEVEL'];
  mailboxDir: string | undefined;
}

export class ConfigError extends Error {}

/**
 * Reads and validates the environment. The first problem found is reported in one line that
 * names the variable and says what is expected.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const vars = plainToInstance(EnvironmentVariables, present, {
    enableImplicitConversion: true,
    exposeDefaultValues: true,
  });
  const errors = validateSync(vars, { skipMissingProperties: false });
  if (errors.length > 0) {
    const first = errors[0];
    const message = Object.values(first.constraints ?? {})[0] ?? `${first.property} is invalid`;
    const missing = env[first.property] === undefined || env[first.property] === '';
    throw new ConfigError(missing ? `${first.property} is not set: ${message}` : message);
  }
  return {
    environment: vars.NODE_ENV,
    port: vars.PORT,
    appUrl: (vars.APP_URL ?? `http://localhost:${vars.PORT}`).replace(/\/$/, ''),
    databaseUrl: vars.DATABASE_URL,
    redisUrl: vars.REDIS_URL,
    smtpUrl: vars.SMTP_URL,
    mailFrom: vars.MAIL_FROM,
    logLevel: vars.LOG_LEVEL,
    mailboxDir: vars.MAILBOX_DIR,
  };
}

/** For process entry points: a bad setting stops the boot with one clear line, no stack trace. */
export function loadConfigOrExit(): AppConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Configuration error: ${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}
