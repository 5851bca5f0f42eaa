import { Controller, Get, Param, Render } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { CurrentAccess, Permission } from '../../access/access.decorators';
import type { AccessContext } from '../../access/access-context';
import {
  AuditCasesService,
  type CaseIdentifiersView,
} from '../../audits/cases/audit-cases.service';
import { AuditErrorCode, AuditException } from '../../audits/audit.exception';
import { InstanceReader } from '../../engine/instance-reader.service';

export interface CaseIdentifiersPage {
  instanceId: string;
  reference: string;
  identifiers: CaseIdentifiersView;
}

/**
 * Who the child in a case is, for those the permission table allows. The audits module reads the
 * details and writes the access-log row in one transaction; the page title names only the case's
 * pseudonym and the audit's reference.
 */
@ApiExcludeController()
@Controller('instances/:instanceId/cases/:caseKey/identifiers')
export class CaseIdentifierPagesController {
  constructor(
    private readonly cases: AuditCasesService,
    private readonly reader: InstanceReader,
  ) {}

  @Get()
  @Permission('case-identifiers.view')
  @Render('instances/case-identifiers')
  async show(
    @CurrentAccess() access: AccessContext,
    @Param('instanceId') instanceId: string,
    @Param('caseKey') caseKey: string,
  ): Promise<{ page: CaseIdentifiersPage }> {
    // Addresses carry case keys in lower case, as the audit return pages do.
    if (!/^[a-z]$/.test(caseKey)) throw new AuditException(AuditErrorCode.CaseNotFound);
    const instance = await this.reader.getInstance(
      { personId: access.principal.personId },
      instanceId,
    );
    const identifiers = await this.cases.viewIdentifiers(access, instanceId, caseKey.toUpperCase());
    return { page: { instanceId, reference: instance.reference, identifiers } };
  }
}
