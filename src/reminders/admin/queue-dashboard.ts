import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost, ModuleRef } from '@nestjs/core';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import type { IServerAdapter } from '@bull-board/api/typings/app';
import { ExpressAdapter } from '@bull-board/express';
import { Queue } from 'bullmq';
import type { Application, NextFunction, Request, Response } from 'express';
import type IORedis from 'ioredis';
import { Authenticator } from '../../auth/authenticator.service';
import type { Principal } from '../../access/principal';
import { problem } from '../../common/problem-details.filter';
import { REDIS } from '../../queue/redis.module';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';
const REFRESH_MS = 30_000;
const READ_METHODS = new Set(['GET', 'HEAD']);

export const DASHBOARD_REFUSAL = 'Only a business manager can see the queue dashboard.';

/** Who may see the dashboard: anyone who is the business manager of a partnership. */
export function mayUseQueueDashboard(principal: Principal): boolean {
  return principal.memberships.some((membership) => membership.roles.includes('business-manager'));
}

/**
 * Bull Board at /admin/queues in the api process, read-only, for business managers. It is plain
 * Express (not a Nest route), so the access guard does not see it; this gate does the same job in
 * front of it: the session cookie or API token is authenticated by the same `Authenticator`,
 * anonymous callers get 401, anyone who is not a business manager 403, and anything but GET/HEAD
 * 405 (read-only: retries go through the failed-emails API, where the permission table rules).
 * Jobs show ids, keys and dates only. Every queue BullMQ knows in Redis is listed, refreshed at
 * most every 30 seconds.
 */
@Injectable()
export class QueueDashboard implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('QueueDashboard');
  private readonly queues = new Map<string, Queue>();
  private board: ReturnType<typeof createBullBoard> | null = null;
  private refreshedAt = 0;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly moduleRef: ModuleRef,
    @Inject(REDIS) private readonly redis: IORedis,
  ) {}

  onModuleInit(): void {
    const serverAdapter = new ExpressAdapter();
    serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
    this.board = createBullBoard({
      queues: [],
      // @bull-board/express pins its own copy of @bull-board/api's types; the adapter is the same.
      serverAdapter: serverAdapter as unknown as IServerAdapter,
      options: { uiConfig: { boardTitle: 'Safeguarding reviews queues' } },
    });
    const app = this.adapterHost.httpAdapter.getInstance<Application>();
    app.use(
      QUEUE_DASHBOARD_PATH,
      (request: Request, response: Response, next: NextFunction) => {
        this.gate(request, response).then(
          (allowed) => (allowed ? next() : undefined),
          (error: unknown) => next(error),
        );
      },
      serverAdapter.getRouter() as (
        request: Request,
        response: Response,
        next: NextFunction,
      ) => void,
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
    this.queues.clear();
  }

  private async gate(request: Request, response: Response): Promise<boolean> {
    const refuse = (status: number, detail: string): false => {
      response.status(status).type('application/problem+json').json(problem(status, detail));
      return false;
    };
    if (!READ_METHODS.has(request.method)) {
      return refuse(405, 'The queue dashboard is read-only.');
    }
    // The access module's authenticator, found at run time as the access guard finds its sources.
    const authenticator = this.moduleRef.get(Authenticator, { strict: false });
    const authentication = await authenticator.authenticate(request);
    if (authentication.outcome === 'anonymous') return refuse(401, 'Sign in to continue.');
    if (authentication.outcome === 'rejected') return refuse(401, authentication.detail);
    if (!mayUseQueueDashboard(authentication.principal)) return refuse(403, DASHBOARD_REFUSAL);
    await this.refreshQueues();
    return true;
  }

  private async refreshQueues(): Promise<void> {
    if (!this.board || Date.now() - this.refreshedAt < REFRESH_MS) return;
    this.refreshedAt = Date.now();
    try {
      const names = new Set<string>();
      let cursor = '0';
      do {
        const [next, keys] = await this.redis.scan(cursor, 'MATCH', 'bull:*:meta', 'COUNT', 500);
        cursor = next;
        for (const key of keys) names.add(key.slice('bull:'.length, -':meta'.length));
      } while (cursor !== '0');
      for (const name of names) {
        if (!this.queues.has(name))
          this.queues.set(name, new Queue(name, { connection: this.redis }));
      }
      this.board.replaceQueues(
        [...this.queues.entries()]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([, queue]) => new BullMQAdapter(queue, { readOnlyMode: true })),
      );
    } catch (error) {
      this.logger.warn(
        { err: error instanceof Error ? error.name : 'unknown' },
        'queues not listed',
      );
    }
  }
}
