import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import type { Action } from './permission-table';
import { accessContextOf, AccessContext } from './access-context';

export const PUBLIC_ROUTE = 'access:public';
export const ROUTE_PERMISSION = 'access:permission';

/** Open to anyone, signed in or not (sign-in itself, health probes). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);

/** The action of the permission table this route performs; the access guard enforces its rule. */
export const Permission = (action: Action): MethodDecorator & ClassDecorator =>
  SetMetadata(ROUTE_PERMISSION, action);

/** The authenticated request's access context, set by the access guard. */
export const CurrentAccess = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AccessContext => {
    const request = context.switchToHttp().getRequest<Request>();
    const access = accessContextOf(request);
    if (!access)
      throw new Error('CurrentAccess used on a route the access guard did not authorise');
    return access;
  },
);
