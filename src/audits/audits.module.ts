import { Module } from '@nestjs/common';
import { AuditCommands } from './audit-commands.service';
import { AuditsController, PartnershipAuditsController } from './audits/audits.controller';
import { AuditsService } from './audits/audits.service';
import { AuditCasesController } from './cases/audit-cases.controller';
import { AuditCasesService } from './cases/audit-cases.service';
import { AuditConcernsController } from './concerns/audit-concerns.controller';
import { AuditConcernsService } from './concerns/audit-concerns.service';
import { AuditMeetingController } from './meeting/audit-meeting.controller';
import { AuditMeetingService } from './meeting/audit-meeting.service';
import { AuditProgrammesController } from './programmes/audit-programmes.controller';
import { AuditProgrammesService } from './programmes/audit-programmes.service';
import { AuditReturnsController } from './returns/audit-returns.controller';
import { AuditReturnsService } from './returns/audit-returns.service';
import { AuditToolsController } from './tools/audit-tools.controller';
import { AuditToolsService } from './tools/audit-tools.service';

/**
 * Multi-agency case file audits (domain.md, "Process 1") over the `case-file-audit` workflow:
 * audit tools and their versions, audits and their plan, pseudonymised cases with separately kept
 * identifying details, agency returns, immediate concerns, the meeting, and audit programmes.
 */
@Module({
  controllers: [
    AuditToolsController,
    PartnershipAuditsController,
    AuditsController,
    AuditCasesController,
    AuditReturnsController,
    AuditConcernsController,
    AuditMeetingController,
    AuditProgrammesController,
  ],
  providers: [
    AuditCommands,
    AuditToolsService,
    AuditsService,
    AuditCasesService,
    AuditReturnsService,
    AuditConcernsService,
    AuditMeetingService,
    AuditProgrammesService,
  ],
  exports: [
    AuditsService,
    AuditToolsService,
    AuditCasesService,
    AuditReturnsService,
    AuditConcernsService,
  ],
})
export class AuditsModule {}
