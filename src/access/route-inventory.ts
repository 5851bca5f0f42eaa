import { Injectable, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { PUBLIC_ROUTE, ROUTE_PERMISSION } from './access.decorators';
import { isAction, PERMISSION_TABLE } from './permission-table';

/** One registered HTTP route and the access rule it declares. */
export interface RouteEntry {
  method: string;
  path: string;
  /** `Controller.handler`, to find it. */
  handler: string;
  isPublic: boolean;
  /** What `@Permission` names, if anything (checked against the table separately). */
  action: unknown;
}

function joinPath(...parts: string[]): string {
  const joined = parts
    .map((part) => part.replace(/^\/+|\/+$/g, ''))
    .filter((part) => part.length > 0)
    .join('/');
  return `/${joined}`;
}

function asList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return typeof value === 'string' ? [value] : ['/'];
}

/** Every route of the running application, read from the controllers Nest registered. */
@Injectable()
export class RouteInventory {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  routes(): RouteEntry[] {
    return this.discovery.getControllers().flatMap((wrapper) => {
      const controller = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!controller) return [];
      const prototype = controller.prototype as Record<string, unknown>;
      const controllerPaths = asList(Reflect.getMetadata(PATH_METADATA, controller));
      return this.scanner.getAllMethodNames(prototype).flatMap((name) => {
        const handler = prototype[name] as object;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (method === undefined) return [];
        const targets = [handler as () => unknown, controller];
        const isPublic = this.reflector.getAllAndOverride<boolean | undefined>(
          PUBLIC_ROUTE,
          targets,
        );
        const action = this.reflector.getAllAndOverride<unknown>(ROUTE_PERMISSION, targets);
        return controllerPaths.flatMap((base) =>
          asList(Reflect.getMetadata(PATH_METADATA, handler)).map((path) => ({
            method: RequestMethod[method],
            path: joinPath(base, path),
            handler: `${controller.name}.${name}`,
            isPublic: isPublic === true,
            action,
          })),
        );
      });
    });
  }
}

/** What is wrong with a route's access rule, or null when it has a sound one. */
export function routeRuleProblem(route: RouteEntry): string | null {
  const name = `${route.method} ${route.path} (${route.handler})`;
  if (route.isPublic && route.action !== undefined) {
    return `${name} is both @Public() and @Permission(): choose one`;
  }
  if (route.isPublic) return null;
  if (route.action === undefined) {
    return `${name} has no access rule: add @Permission('<action>') naming a row of src/access/permission-table.ts, or @Public()`;
  }
  if (!isAction(route.action)) {
    return `${name} names ${JSON.stringify(route.action)}, which is not an action of the permission table`;
  }
  const scope = PERMISSION_TABLE[route.action].scope;
  const hasPartnership = route.path.includes(':partnershipId');
  const hasInstance = route.path.includes(':instanceId');
  if (scope === 'partnership' && !hasPartnership) {
    return `${name}: ${route.action} acts on one partnership, so the path must name :partnershipId`;
  }
  if (scope === 'instance' && !hasInstance) {
    return `${name}: ${route.action} acts on one audit or review, so the path must name :instanceId`;
  }
  if (scope === 'self' && (hasPartnership || hasInstance)) {
    return `${name}: ${route.action} is about one's own account, yet the path names a partnership or instance`;
  }
  return null;
}
