import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { Controller, Get, INestApplication, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import cookieParser from 'cookie-parser';
import request from 'supertest';
import { DataSource } from 'typeorm';
import type { InstanceRole, PartnershipRole } from '../../workflows/shared/roles';
import { PARTNERSHIP_ROLES } from '../../workflows/shared/roles';
import { CurrentAccess, Permission } from '../../src/access/access.decorators';
import { AccessContext } from '../../src/access/access-context';
import { AccessLogService } from '../../src/access/access-log.service';
import { decide } from '../../src/access/decide';
import { Action, PERMISSION_TABLE } from '../../src/access/permission-table';
import { ApiTokenService } from '../../src/auth/api-token.service';
import { AppModule } from '../../src/app.module';
import { ProblemDetailsFilter } from '../../src/common/problem-details.filter';
import { createValidationPipe } from '../../src/common/validation';
import { inScope } from '../../src/database/tenancy';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { startPracticeReview } from '../instances/support/instance-fixtures';
import { createPartnership } from './support/access-fixtures';

/** Routes on one audit or review, as the feature modules will declare them. */
@Controller('api/instances/:instanceId')
class InstanceRoutesController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly accessLog: AccessLogService,
  ) {}

  @Get()
  @Permission('instance.read')
  read(@CurrentAccess() access: AccessContext) {
    return { instance: access.instance, partnershipId: access.partnershipId };
  }

  @Post('members')
  @Permission('instance.manage-members')
  manageMembers() {
    return { ok: true };
  }

  @Get('identifiers')
  @Permission('case-identifiers.view')
  identifiers(@CurrentAccess() access: AccessContext) {
    return inScope(this.dataSource, access.scope, async (manager) => {
      await this.accessLog.record(manager, access, {
        recordKind: 'case-identifiers',
        recordId: access.instance?.id ?? '',
        action: 'view',
      });
      return { shown: true };
    });
  }

  @Post('identifiers/export')
  @Permission('case-identifiers.export')
  exportIdentifiers() {
    return { exported: true };
  }
}

@Module({
  imports: [AppModule],
  controllers: [InstanceRoutesController],
})
class InstanceTestModule {}

const ROUTES: Array<{ method: 'get' | 'post'; path: string; action: Action }> = [
  { method: 'get', path: '', action: 'instance.read' },
  { method: 'post', path: '/members', action: 'instance.manage-members' },
  { method: 'get', path: '/identifiers', action: 'case-identifiers.view' },
  { method: 'post', path: '/identifiers/export', action: 'case-identifiers.export' },
];

interface Caller {
  label: string;
  token: string;
  partnershipRoles: PartnershipRole[] | null;
  instanceRoles: InstanceRole[];
}

describe('audit and review routes, through the access guard', () => {
  let database: TestDatabase;
  let app: INestApplication;
  let savedEnv: NodeJS.ProcessEnv;
  let callers: Caller[];
  let instanceId: string;
  let southInstanceId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    savedEnv = { ...process.env };
    Object.assign(process.env, {
      DATABASE_URL: database.url,
      SMTP_URL: 'smtp://127.0.0.1:2',
      APP_URL: 'http://localhost:3999',
    });
    app = await NestFactory.create(InstanceTestModule, { logger: false });
    app.use(cookieParser());
    app.useGlobalPipes(createValidationPipe());
    app.useGlobalFilters(new ProblemDetailsFilter());
    await app.init();

    const dataSource = app.get(DataSource);
    const north = await createPartnership(dataSource, 'NSCP', [
      ...PARTNERSHIP_ROLES.map((role) => ({
        email: `${role}@north.example`,
        name: role,
        roles: [role],
      })),
      { email: 'chair@panel.example', name: 'Panel chair' },
      { email: 'lead@police.example', name: 'Agency lead' },
      { email: 'member@panel.example', name: 'Panel member' },
      { email: 'bystander@north.example', name: 'Not on this review' },
    ]);
    const south = await createPartnership(dataSource, 'SSCP', [
      { email: 'manager@south.example', name: 'South manager', roles: ['business-manager'] },
    ]);
    const [chair, lead, member, bystander] = north.people.slice(PARTNERSHIP_ROLES.length);
    const southManager = south.people[0];
    const started = await startPracticeReview(app, {
      partnershipId: north.id,
      awareOn: '2026-01-05',
      members: [
        { personId: chair.id, role: 'panel-chair' },
        { personId: lead.id, role: 'agency-safeguarding-lead' },
        { personId: member.id, role: 'panel-member' },
        // A stray row naming someone of another partnership: their scope still hides the instance.
        { personId: southManager.id, role: 'panel-chair' },
      ],
    });
    instanceId = started.instanceId;
    const southStarted = await startPracticeReview(app, {
      partnershipId: south.id,
      awareOn: '2026-01-05',
      members: [{ personId: southManager.id, role: 'panel-chair' }],
    });
    southInstanceId = southStarted.instanceId;

    const tokens = app.get(ApiTokenService);
    const token = async (personId: string) => (await tokens.issue(personId, 'test', 1)).token;
    callers = [
      ...(await Promise.all(
        PARTNERSHIP_ROLES.map(async (role, index) => ({
          label: role,
          token: await token(north.people[index].id),
          partnershipRoles: [role],
          instanceRoles: [],
        })),
      )),
      {
        label: 'panel chair',
        token: await token(chair.id),
        partnershipRoles: [],
        instanceRoles: ['panel-chair'],
      },
      {
        label: 'agency safeguarding lead',
        token: await token(lead.id),
        partnershipRoles: [],
        instanceRoles: ['agency-safeguarding-lead'],
      },
      {
        label: 'panel member',
        token: await token(member.id),
        partnershipRoles: [],
        instanceRoles: ['panel-member'],
      },
      {
        label: 'partnership member not on it',
        token: await token(bystander.id),
        partnershipRoles: [],
        instanceRoles: [],
      },
      {
        label: 'another partnership’s business manager',
        token: await token(southManager.id),
        partnershipRoles: null,
        instanceRoles: ['panel-chair'],
      },
    ];
  });

  afterAll(async () => {
    await app.close();
    await database.drop();
    process.env = savedEnv;
  });

  const server = () => app.getHttpServer() as Server;

  it('answers every caller on every route as the table says', async () => {
    const failures: string[] = [];
    for (const route of ROUTES) {
      for (const caller of callers) {
        const expected = decide(route.action, {
          partnershipRoles: caller.partnershipRoles,
          instanceRoles: caller.partnershipRoles === null ? [] : caller.instanceRoles,
        }).outcome;
        const response = await request(server())
          [route.method](`/api/instances/${instanceId}${route.path}`)
          .set('Authorization', `Bearer ${caller.token}`);
        const body = response.body as { detail?: string; code?: string };
        const actual =
          response.status === 404 && body.code === 'not-found'
            ? 'not-found'
            : response.status === 403 && body.detail === PERMISSION_TABLE[route.action].refusal
              ? 'refuse'
              : response.status < 300
                ? 'allow'
                : `${response.status}`;
        if (actual !== expected) {
          failures.push(`${route.action} as ${caller.label}: expected ${expected}, got ${actual}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('tells a member their roles on the instance and scopes them to its partnership', async () => {
    const chair = callers.find((caller) => caller.label === 'panel chair') as Caller;
    const response = await request(server())
      .get(`/api/instances/${instanceId}`)
      .set('Authorization', `Bearer ${chair.token}`)
      .expect(200);
    expect(response.body.instance).toEqual({ id: instanceId, roles: ['panel-chair'] });
  });

  it('reads an instance that does not exist exactly like one of another partnership', async () => {
    const manager = callers[0];
    const other = await request(server())
      .get(`/api/instances/${southInstanceId}`)
      .set('Authorization', `Bearer ${manager.token}`)
      .expect(404);
    const missing = await request(server())
      .get(`/api/instances/${randomUUID()}`)
      .set('Authorization', `Bearer ${manager.token}`)
      .expect(404);
    const malformed = await request(server())
      .get('/api/instances/not-an-id')
      .set('Authorization', `Bearer ${manager.token}`)
      .expect(404);
    expect(other.body).toEqual(missing.body);
    expect(malformed.body).toEqual(missing.body);
  });

  it('logs each view of identifying details: who, which record, what', async () => {
    const lead = callers.find((caller) => caller.label === 'agency safeguarding lead') as Caller;
    const views = () =>
      app.get(DataSource).query<Array<{ action: string; record_id: string }>>(
        `SELECT l.action, l.record_id FROM access_log l JOIN people p ON p.id = l.person_id
            WHERE p.email = 'lead@police.example'`,
      );
    const before = await views();
    await request(server())
      .get(`/api/instances/${instanceId}/identifiers`)
      .set('Authorization', `Bearer ${lead.token}`)
      .expect(200);
    expect(await views()).toEqual([...before, { action: 'view', record_id: instanceId }]);
  });
});
