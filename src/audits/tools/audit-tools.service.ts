import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { isUniqueViolation } from '../../people/people.exception';
import { AuditErrorCode, AuditException } from '../audit.exception';
import { toolContentProblems, type AuditToolContent, type ToolDomain } from './audit-tool-content';
import type { AuditToolContentDto, CreateAuditToolDto } from './dto/audit-tool.dto';

export interface AuditToolVersionView extends AuditToolContent {
  id: string;
  toolId: string;
  name: string;
  version: number;
  publishedAt: Date;
}

export interface AuditToolView {
  id: string;
  name: string;
  description: string | null;
  latestVersion: number;
  updatedAt: Date;
  versions: Array<{ version: number; publishedAt: Date }>;
  /** The content of the latest version, which new audits pin. */
  latest: AuditToolVersionView;
}

/** The version an audit pins when it is opened. */
export interface PinnedToolVersion {
  toolVersionId: string;
  toolId: string;
  version: number;
}

interface VersionRow {
  id: string;
  tool_id: string;
  name: string;
  version: number;
  domains: ToolDomain[];
  grade_scale: AuditToolContent['gradeScale'];
  published_at: Date;
}

const VERSION_SELECT = `SELECT v.id, v.tool_id, t.name, v.version, v.domains, v.grade_scale, v.published_at
  FROM audit_tool_versions v JOIN audit_tools t ON t.id = v.tool_id`;

function toVersionView(row: VersionRow): AuditToolVersionView {
  return {
    id: row.id,
    toolId: row.tool_id,
    name: row.name,
    version: row.version,
    publishedAt: row.published_at,
    domains: row.domains,
    gradeScale: row.grade_scale,
  };
}

/** Plain, trimmed content from a validated DTO; refused (422) when keys clash or grades are out of order. */
export function toolContentOf(dto: AuditToolContentDto): AuditToolContent {
  const content: AuditToolContent = {
    domains: dto.domains.map((domain) => ({
      key: domain.key,
      title: domain.title.trim(),
      questions: domain.questions.map((question) => ({
        key: question.key,
        text: question.text.trim(),
        required: question.required ?? false,
      })),
    })),
    gradeScale: dto.gradeScale.map((grade) => ({ key: grade.key, label: grade.label.trim() })),
  };
  const problems = toolContentProblems(content);
  if (problems.length > 0) {
    throw new AuditException(
      AuditErrorCode.InvalidTool,
      problems.map((entry) => entry.message).join('; '),
      { errors: problems },
    );
  }
  return content;
}

/**
 * A partnership's audit tools. Content is never edited in place: each change publishes a new
 * version, so a running audit keeps exactly the questions and domains it started with. Works in
 * the caller's transaction and scope.
 */
@Injectable()
export class AuditToolsService {
  async list(manager: EntityManager, partnershipId: string): Promise<AuditToolView[]> {
    const tools: Array<{ id: string }> = await manager.query(
      `SELECT id FROM audit_tools WHERE partnership_id = $1 ORDER BY name, id`,
      [partnershipId],
    );
    const views: AuditToolView[] = [];
    for (const tool of tools) views.push(await this.get(manager, partnershipId, tool.id));
    return views;
  }

  async get(manager: EntityManager, partnershipId: string, toolId: string): Promise<AuditToolView> {
    const tools: Array<{
      id: string;
      name: string;
      description: string | null;
      latest_version: number;
      updated_at: Date;
      versions: Array<{ version: number; publishedAt: string }>;
    }> = await manager.query(
      `SELECT t.id, t.name, t.description, t.latest_version, t.updated_at,
              (SELECT json_agg(json_build_object('version', v.version, 'publishedAt', v.published_at)
                        ORDER BY v.version) FROM audit_tool_versions v WHERE v.tool_id = t.id) AS versions
         FROM audit_tools t WHERE t.id = $1 AND t.partnership_id = $2`,
      [toolId, partnershipId],
    );
    const tool = tools[0];
    if (!tool) throw new AuditException(AuditErrorCode.ToolNotFound);
    return {
      id: tool.id,
      name: tool.name,
      description: tool.description,
      latestVersion: tool.latest_version,
      updatedAt: tool.updated_at,
      versions: tool.versions.map((entry) => ({
        version: entry.version,
        publishedAt: new Date(entry.publishedAt),
      })),
      latest: await this.version(manager, partnershipId, toolId, tool.latest_version),
    };
  }

  async version(
    manager: EntityManager,
    partnershipId: string,
    toolId: string,
    version: number,
  ): Promise<AuditToolVersionView> {
    const rows: VersionRow[] = await manager.query(
      `${VERSION_SELECT} WHERE v.tool_id = $1 AND v.version = $2 AND t.partnership_id = $3`,
      [toolId, version, partnershipId],
    );
    if (!rows[0]) throw new AuditException(AuditErrorCode.ToolNotFound);
    return toVersionView(rows[0]);
  }

  async versionById(manager: EntityManager, toolVersionId: string): Promise<AuditToolVersionView> {
    const rows: VersionRow[] = await manager.query(`${VERSION_SELECT} WHERE v.id = $1`, [
      toolVersionId,
    ]);
    if (!rows[0]) throw new AuditException(AuditErrorCode.ToolNotFound);
    return toVersionView(rows[0]);
  }

  /** The latest version of a tool of this partnership, or null when there is no such tool. */
  async pinLatest(
    manager: EntityManager,
    partnershipId: string,
    toolId: string,
  ): Promise<PinnedToolVersion | null> {
    const rows: Array<{ id: string; version: number }> = await manager.query(
      `SELECT v.id, v.version FROM audit_tools t
         JOIN audit_tool_versions v ON v.tool_id = t.id AND v.version = t.latest_version
        WHERE t.id = $1 AND t.partnership_id = $2`,
      [toolId, partnershipId],
    );
    return rows[0] ? { toolVersionId: rows[0].id, toolId, version: rows[0].version } : null;
  }

  async create(
    manager: EntityManager,
    partnershipId: string,
    personId: string | null,
    dto: CreateAuditToolDto,
    now: Date,
  ): Promise<AuditToolView> {
    const content = toolContentOf(dto);
    let toolId: string;
    try {
      const inserted: Array<{ id: string }> = await manager.query(
        `INSERT INTO audit_tools (partnership_id, name, description, latest_version, created_at, updated_at)
         VALUES ($1, $2, $3, 1, $4, $4) RETURNING id`,
        [partnershipId, dto.name.trim(), dto.description?.trim() || null, now],
      );
      toolId = inserted[0].id;
    } catch (error) {
      if (isUniqueViolation(error, 'uq_audit_tools_partnership_name')) {
        throw new AuditException(AuditErrorCode.ToolNameTaken);
      }
      throw error;
    }
    await this.insertVersion(manager, partnershipId, toolId, 1, content, personId, now);
    return this.get(manager, partnershipId, toolId);
  }

  /** Publishes the next version; audits already running stay on the version they pinned. */
  async publish(
    manager: EntityManager,
    partnershipId: string,
    toolId: string,
    personId: string | null,
    dto: AuditToolContentDto,
    now: Date,
  ): Promise<AuditToolView> {
    const content = toolContentOf(dto);
    const locked: Array<{ latest_version: number }> = await manager.query(
      `SELECT latest_version FROM audit_tools WHERE id = $1 AND partnership_id = $2 FOR UPDATE`,
      [toolId, partnershipId],
    );
    if (!locked[0]) throw new AuditException(AuditErrorCode.ToolNotFound);
    const version = locked[0].latest_version + 1;
    await this.insertVersion(manager, partnershipId, toolId, version, content, personId, now);
    await manager.query(
      `UPDATE audit_tools SET latest_version = $2, updated_at = $3 WHERE id = $1`,
      [toolId, version, now],
    );
    return this.get(manager, partnershipId, toolId);
  }

  private async insertVersion(
    manager: EntityManager,
    partnershipId: string,
    toolId: string,
    version: number,
    content: AuditToolContent,
    personId: string | null,
    now: Date,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO audit_tool_versions
         (partnership_id, tool_id, version, domains, grade_scale, published_at, published_by_person_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        partnershipId,
        toolId,
        version,
        JSON.stringify(content.domains),
        JSON.stringify(content.gradeScale),
        now,
        personId,
      ],
    );
  }
}
