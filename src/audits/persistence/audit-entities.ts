import { AuditNotification } from '../notifications/audit-notification.entity';
import { AuditCase } from './audit-case.entity';
import { AuditProgrammeEntry } from './audit-programme-entry.entity';
import { AuditProgramme } from './audit-programme.entity';
import { AuditReturn } from './audit-return.entity';
import { AuditToolVersion } from './audit-tool-version.entity';
import { AuditTool } from './audit-tool.entity';
import { Audit } from './audit.entity';
import { CaseIdentifiers } from './case-identifiers.entity';
import { ConcernNotification } from './concern-notification.entity';
import { ImmediateConcern } from './immediate-concern.entity';

/** The audits module's tables, listed once for `src/database/entities.ts`. */
export const AUDIT_ENTITIES = [
  AuditTool,
  AuditToolVersion,
  Audit,
  AuditCase,
  CaseIdentifiers,
  AuditReturn,
  ImmediateConcern,
  ConcernNotification,
  AuditNotification,
  AuditProgramme,
  AuditProgrammeEntry,
];
