import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import IORedis from 'ioredis';
import { Transporter } from 'nodemailer';
import { DataSource } from 'typeorm';
import { MAIL_TRANSPORT } from '../mail/mail-transport';
import { REDIS } from '../queue/redis.module';

export const DEPENDENCIES = ['postgres', 'redis', 'smtp'] as const;
export type Dependency = (typeof DEPENDENCIES)[number];

export interface DependencyStatus {
  status: 'up' | 'down';
  latencyMs: number;
  error?: string;
}

export interface HealthReport {
  status: 'ok' | 'error';
  down: Dependency[];
  checks: Record<Dependency, DependencyStatus>;
}

const CHECK_TIMEOUT_MS = 3_000;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    work,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref(),
    ),
  ]);
}

@Injectable()
export class HealthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: IORedis,
    @Inject(MAIL_TRANSPORT) private readonly mail: Transporter,
  ) {}

  async check(): Promise<HealthReport> {
    const probes: Record<Dependency, () => Promise<unknown>> = {
      postgres: () => this.dataSource.query('SELECT 1'),
      redis: () => this.redis.ping(),
      smtp: () => this.mail.verify(),
    };
    const results = await Promise.all(
      DEPENDENCIES.map(async (name) => [name, await this.probe(probes[name])] as const),
    );
    const checks = Object.fromEntries(results) as Record<Dependency, DependencyStatus>;
    const down = DEPENDENCIES.filter((name) => checks[name].status === 'down');
    return { status: down.length === 0 ? 'ok' : 'error', down, checks };
  }

  private async probe(run: () => Promise<unknown>): Promise<DependencyStatus> {
    const started = Date.now();
    try {
      await withTimeout(run(), CHECK_TIMEOUT_MS);
      return { status: 'up', latencyMs: Date.now() - started };
    } catch (error) {
      return {
        status: 'down',
        latencyMs: Date.now() - started,
        error: error instanceof Error ? error.message : String(error),
      };
    }
  }
}
