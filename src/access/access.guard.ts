import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { ModuleRef, Reflector } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { Authenticator } from '../auth/authenticator.service';
import { CsrfService } from '../auth/csrf.service';
import { inScope, partnershipScope } from '../database/tenancy';
import { PUBLIC_ROUTE, ROUTE_PERMISSION } from './access.decorators';
import { AccessException } from './access.exception';
import { AccessContext, setAccessContext } from './access-context';
import { decide, Standing } from './decide';
import {
  INSTANCE_MEMBERSHIP_SOURCE,
  InstanceMembershipSource,
  InstanceStanding,
  OUT_OF_AREA_REACH,
  OutOfAreaReach,
} from './instance-membership';
import { Action, isAction, PERMISSION_TABLE, PermissionRule } from './permission-table';
import { partnershipIdsOf, Principal, rolesIn, scopeFor } from './principal';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The one gate every route passes, fail-closed: a route is `@Public()` or names an action of the
 * permission table with `@Permission(action)`; anything else is refused. For an action it
 * authenticates (API token or session cookie), checks the CSRF token of cookie-authenticated unsafe
 * requests, decides by the table, and leaves the request an `AccessContext` with its tenancy scope.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
    private readonly csrf: CsrfService,
    private readonly moduleRef: ModuleRef,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean | undefined>(PUBLIC_ROUTE, targets);
    const action = this.reflector.getAllAndOverride<unknown>(ROUTE_PERMISSION, targets);
    if (isPublic === true && action === undefined) return true;
    if (isPublic === true || !isAction(action)) throw new AccessException('no-rule');

    const request = context.switchToHttp().getRequest<Request>();
    const authentication = await this.authenticator.authenticate(request);
    if (authentication.outcome === 'anonymous') throw new AccessException('sign-in-required');
    if (authentication.outcome === 'rejected') {
      throw new AccessException('sign-in-required', authentication.detail);
    }
    const principal = authentication.principal;
    const rule: PermissionRule = PERMISSION_TABLE[action];
    if (
      principal.authenticatedBy === 'session' &&
      !SAFE_METHODS.has(request.method) &&
      !this.csrf.isValid(request)
    ) {
      throw new AccessException('csrf');
    }
    if (rule.sessionOnly === true && principal.authenticatedBy !== 'session') {
      throw new AccessException('session-only');
    }

    const access = await this.resolve(action, rule, principal, request);
    setAccessContext(request, access);
    return true;
  }

  private async resolve(
    action: Action,
    rule: PermissionRule,
    principal: Principal,
    request: Request,
  ): Promise<AccessContext> {
    let standing: Standing = { partnershipRoles: null, instanceRoles: [] };
    let partnershipId: string | undefined;
    let instance: AccessContext['instance'];
    let outOfArea = false;
    switch (rule.scope) {
      case 'self':
        break;
      case 'partnership': {
        partnershipId = this.uuidParam(request, 'partnershipId');
        standing = { partnershipRoles: rolesIn(principal, partnershipId), instanceRoles: [] };
        break;
      }
      case 'instance': {
        const instanceId = this.uuidParam(request, 'instanceId');
        const found: (InstanceStanding & { outOfArea?: boolean }) | null =
          (await this.instanceStanding(principal, instanceId)) ??
          (await this.outOfAreaStanding(principal, instanceId));
        if (found === null) throw new AccessException('not-found');
        partnershipId = found.partnershipId;
        standing = {
          // Out of area: no place in the owning partnership, only their roles on this review.
          partnershipRoles:
            rolesIn(principal, found.partnershipId) ?? (found.outOfArea ? [] : null),
          instanceRoles: found.roles,
        };
        instance = { id: instanceId, roles: found.roles };
        outOfArea = found.outOfArea === true;
        break;
      }
    }
    const decision = decide(action, standing);
    switch (decision.outcome) {
      case 'not-found':
        throw new AccessException('not-found');
      case 'refuse':
        throw new AccessException('forbidden', decision.reason);
      case 'allow':
        return {
          principal,
          action,
          partnershipId,
          instance,
          scope:
            outOfArea && partnershipId !== undefined
              ? partnershipScope([partnershipId])
              : scopeFor(principal, partnershipId),
        };
    }
  }

  /** A malformed id names nothing, so it reads as not found. */
  private uuidParam(request: Request, name: string): string {
    const value = (request.params as Record<string, string | undefined>)[name];
    if (value === undefined || !UUID.test(value)) throw new AccessException('not-found');
    return value.toLowerCase();
  }

  /** Read in the person's own partnerships' scope: another partnership's instance is absent. */
  private async instanceStanding(
    principal: Principal,
    instanceId: string,
  ): Promise<InstanceStanding | null> {
    let source: InstanceMembershipSource;
    try {
      source = this.moduleRef.get<InstanceMembershipSource>(INSTANCE_MEMBERSHIP_SOURCE, {
        strict: false,
      });
    } catch {
      return null; // No engine to say who belongs to what: nobody sees any instance.
    }
    return inScope(this.dataSource, partnershipScope(partnershipIdsOf(principal)), (manager) =>
      source.standing(manager, instanceId, principal.personId),
    );
  }

  /**
   * A review of another partnership that the person's own partnership contributes to, with the
   * person on it (an out-of-area review): read in that one partnership's scope. Anyone else, a
   * stray membership row included, still finds nothing.
   */
  private async outOfAreaStanding(
    principal: Principal,
    instanceId: string,
  ): Promise<(InstanceStanding & { outOfArea: true }) | null> {
    let reach: OutOfAreaReach;
    let source: InstanceMembershipSource;
    try {
      reach = this.moduleRef.get<OutOfAreaReach>(OUT_OF_AREA_REACH, { strict: false });
      source = this.moduleRef.get<InstanceMembershipSource>(INSTANCE_MEMBERSHIP_SOURCE, {
        strict: false,
      });
    } catch {
      return null;
    }
    const owner = await reach.partnershipReached(instanceId, principal.personId);
    if (owner === null) return null;
    const found = await inScope(this.dataSource, partnershipScope([owner]), (manager) =>
      source.standing(manager, instanceId, principal.personId),
    );
    return found && found.partnershipId === owner && found.roles.length > 0
      ? { ...found, outOfArea: true }
      : null;
  }
}
