import { Controller, Get, Query, Render } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CurrentAccess, Permission } from '../../../access/access.decorators';
import { actingPartnershipId, type AccessContext } from '../../../access/access-context';
import { AccessLogService, type AccessLogView } from '../../../access/access-log.service';
import {
  AuditCasesService,
  CASE_IDENTIFIERS_RECORD,
} from '../../../audits/cases/audit-cases.service';
import { inScope } from '../../../database/tenancy';
import { ReviewSubjectsService } from '../../../reviews/subjects/review-subjects.service';
import { adminPath } from '../admin-pages';

const PAGE_SIZE = 50;
const REVIEW_SUBJECT_RECORD = 'review-subject';

/** Which case or review a logged record belongs to: its pseudonym and reference, never its details. */
interface RecordLabel {
  text: string;
  instanceHref: string | null;
}

/**
 * Who viewed or exported identifying case details, newest first, a page at a time. A record is
 * named by the case's pseudonym and the audit's or review's reference only.
 */
@ApiExcludeController()
@Controller('partnerships/:partnershipId/admin/access-log')
export class AccessLogPageController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly accessLog: AccessLogService,
    private readonly cases: AuditCasesService,
    private readonly subjects: ReviewSubjectsService,
  ) {}

  @Get()
  @Permission('access-log.read')
  @Render('admin/access-log')
  async list(
    @CurrentAccess() access: AccessContext,
    @Query('before') beforeParam?: string,
  ): Promise<object> {
    const partnershipId = actingPartnershipId(access);
    const before = parseInstant(beforeParam);
    const { entries, labels } = await inScope(this.dataSource, access.scope, async (manager) => {
      const found = await this.accessLog.list(manager, partnershipId, {
        before,
        limit: PAGE_SIZE + 1,
      });
      const idsOf = (kind: string) =>
        found.filter((entry) => entry.recordKind === kind).map((entry) => entry.recordId);
      const cases = await this.cases.casesOfIdentifierRecords(
        manager,
        idsOf(CASE_IDENTIFIERS_RECORD),
      );
      const reviews = await this.subjects.reviewsOfSubjectRecords(
        manager,
        idsOf(REVIEW_SUBJECT_RECORD),
      );
      const label = (entry: AccessLogView): RecordLabel => {
        const auditCase = cases.get(entry.recordId);
        if (auditCase) {
          return {
            text: `${auditCase.pseudonym} of ${auditCase.reference}`,
            instanceHref: `/instances/${auditCase.instanceId}`,
          };
        }
        const review = reviews.get(entry.recordId);
        if (review) {
          return {
            text: `The child of ${review.reference}`,
            instanceHref: `/instances/${review.instanceId}`,
          };
        }
        return { text: 'A record no longer kept', instanceHref: null };
      };
      return { entries: found, labels: found.map(label) };
    });
    const shown = entries.slice(0, PAGE_SIZE);
    const path = adminPath(partnershipId, 'access-log');
    return {
      basePath: adminPath(partnershipId),
      entries: shown.map((entry, index) => ({
        occurredAt: entry.occurredAt,
        personName: entry.person.displayName ?? 'Someone no longer in the partnership',
        action: entry.action === 'export' ? 'Exported' : 'Viewed',
        record: labels[index],
      })),
      newerHref: before ? path : null,
      olderHref:
        entries.length > PAGE_SIZE
          ? `${path}?before=${encodeURIComponent(shown[shown.length - 1].occurredAt.toISOString())}`
          : null,
    };
  }
}

function parseInstant(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const instant = new Date(value);
  return Number.isNaN(instant.getTime()) ? undefined : instant;
}
