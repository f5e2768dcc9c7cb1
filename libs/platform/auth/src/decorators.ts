import { createParamDecorator, CustomDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { PUBLIC_ROUTE_KEY } from '@onewindow/platform/observability';
import { missingTokenException } from './auth-errors';
import { Principal } from './principal';
import { Role } from './role';

export const IS_PUBLIC_KEY = PUBLIC_ROUTE_KEY;
export const ROLES_KEY = 'onewindow:auth:roles';

/** Lets a handler or controller through without a token. */
export const Public = (): CustomDecorator<string> => SetMetadata(IS_PUBLIC_KEY, true);

/** Restricts a handler or controller to principals holding at least one of `roles`; handler wins over controller. */
export function Roles(...roles: [Role, ...Role[]]): CustomDecorator<string> {
  if (roles.length === 0) throw new Error('@Roles() needs at least one role');
  return SetMetadata(ROLES_KEY, roles);
}

/** What the guards leave on the request. */
export interface AuthenticatedRequest {
  user?: Principal;
}

/**
 * The authenticated principal. On a @Public() route there is none, and asking for it is a bug that
 * fails closed with 401 rather than handing the handler `undefined`.
 */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().user;
  if (!principal) throw missingTokenException();
  return principal;
});
