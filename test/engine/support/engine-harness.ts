import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { BusinessCalendar } from '../../../src/calendar';
import { SettableClock } from '../../../src/common/clock';
import { createDataSource } from '../../../src/database/data-source';
import { DefinitionRegistry } from '../../../src/engine/definitions/definition-registry';
import { InstanceReader } from '../../../src/engine/instance-reader.service';
import { WorkflowEngine } from '../../../src/engine/workflow-engine.service';
import { TEST_REVIEW_V1, TEST_REVIEW_V2 } from '../../../src/engine/testing/test-review.workflow';
import type { WorkflowDefinition } from '../../../workflows/shared/definition';
import type { PartnershipRole } from '../../../workflows/shared/roles';
import { createTestDatabase, TestDatabase } from '../../support/test-database';

export interface Partnership {
  id: string;
  code: string;
  agencies: { police: string; health: string; council: string };
}

/** A fresh database with the engine built as Nest would build it, over a clock the test sets. */
export class EngineHarness {
  readonly clock = new SettableClock('2026-03-02T09:00:00Z');
  readonly calendar = new BusinessCalendar();
  registry!: DefinitionRegistry;
  engine!: WorkflowEngine;
  reader!: InstanceReader;
  dataSource!: DataSource;
  private database!: TestDatabase;

  static async start(
    definitions: WorkflowDefinition[] = [TEST_REVIEW_V1, TEST_REVIEW_V2],
  ): Promise<EngineHarness> {
    const harness = new EngineHarness();
    harness.database = await createTestDatabase();
    harness.dataSource = createDataSource(harness.database.url);
    await harness.dataSource.initialize();
    harness.useDefinitions(definitions);
    return harness;
  }

  /** Replaces the harness's connection with a new one, as a restarted process would open. */
  static async reconnect(harness: EngineHarness): Promise<EngineHarness> {
    harness.dataSource = createDataSource(harness.database.url);
    await harness.dataSource.initialize();
    harness.useDefinitions(harness.registry.all());
    return harness;
  }

  get url(): string {
    return this.database.url;
  }

  /** Rebuilds the engine over the same database, as a redeploy or restart would. */
  useDefinitions(definitions: WorkflowDefinition[]): void {
    this.registry = new DefinitionRegistry(definitions);
    this.engine = new WorkflowEngine(this.dataSource, this.registry, this.clock, this.calendar);
    this.reader = new InstanceReader(this.dataSource, this.registry);
  }

  async stop(): Promise<void> {
    await this.dataSource.destroy();
    await this.database.drop();
  }

  async partnership(code: string): Promise<Partnership> {
    const id = randomUUID();
    await this.dataSource.query(`INSERT INTO partnerships (id, code, name) VALUES ($1, $2, $3)`, [
      id,
      code,
      `${code} Safeguarding Children Partnership`,
    ]);
    const agency = async (name: string, kind: string): Promise<string> => {
      const agencyId = randomUUID();
      await this.dataSource.query(
        `INSERT INTO agencies (id, partnership_id, name, kind) VALUES ($1, $2, $3, $4)`,
        [agencyId, id, `${code} ${name}`, kind],
      );
      return agencyId;
    };
    return {
      id,
      code,
      agencies: {
        police: await agency('Police', 'police'),
        health: await agency('Health', 'health'),
        council: await agency('Council', 'local-authority'),
      },
    };
  }

  /** A person, optionally a member of a partnership with roles and an agency. */
  async person(
    name: string,
    membership?: { partnership: Partnership; roles?: PartnershipRole[]; agencyId?: string },
  ): Promise<string> {
    const id = randomUUID();
    await this.dataSource.query(
      `INSERT INTO people (id, email, display_name) VALUES ($1, $2, $3)`,
      [id, `${id}@example.org`, name],
    );
    if (membership) {
      await this.dataSource.query(
        `INSERT INTO partnership_members (partnership_id, person_id, agency_id, roles) VALUES ($1, $2, $3, $4)`,
        [membership.partnership.id, id, membership.agencyId ?? null, membership.roles ?? []],
      );
    }
    return id;
  }

  async count(sql: string, values: unknown[] = []): Promise<number> {
    const rows: Array<{ count: number }> = await this.dataSource.query(
      `SELECT count(*)::int AS count FROM (${sql}) AS counted`,
      values,
    );
    return rows[0].count;
  }

  async rows<T>(sql: string, values: unknown[] = []): Promise<T[]> {
    return this.dataSource.query(sql, values);
  }
}
