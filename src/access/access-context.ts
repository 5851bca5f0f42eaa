import type { Request } from 'express';
import type { TenancyScope } from '../database/tenancy';
import type { InstanceRole } from '../../workflows/shared/roles';
import type { Action } from './permission-table';
import type { Principal } from './principal';

export const ACCESS_CONTEXT = Symbol('access-context');

/**
 * What the access guard established for a request: who is acting, for which action, where, and
 * the tenancy scope every database read and write of the request must run in.
 */
export interface AccessContext {
  principal: Principal;
  action: Action;
  /** The partnership the request acts in; undefined for actions on one's own account. */
  partnershipId?: string;
  /** The audit or review the request acts on, and the person's roles on it. */
  instance?: { id: string; roles: readonly InstanceRole[] };
  /** Pass to `inScope(dataSource, scope, …)`: PostgreSQL row-level security holds it to these partnerships. */
  scope: TenancyScope;
}

export function accessContextOf(request: Request): AccessContext | undefined {
  return (request as Request & { [ACCESS_CONTEXT]?: AccessContext })[ACCESS_CONTEXT];
}

export function setAccessContext(request: Request, access: AccessContext): void {
  (request as Request & { [ACCESS_CONTEXT]?: AccessContext })[ACCESS_CONTEXT] = access;
}

/** The partnership a partnership- or instance-scoped request acts in. */
export function actingPartnershipId(access: AccessContext): string {
  if (access.partnershipId === undefined) {
    throw new Error(`${access.action} is not a partnership action: no partnership to act in`);
  }
  return access.partnershipId;
}
