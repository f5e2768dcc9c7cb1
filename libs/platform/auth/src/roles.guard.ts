import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { missingTokenException, roleNotAllowedException } from './auth-errors';
import { AuthenticatedRequest, ROLES_KEY } from './decorators';
import { hasAnyRole, Role } from './role';

/** Global guard for @Roles(); runs after JwtAuthGuard, so the principal is already on the request. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!required) return true;
    if (context.getType() !== 'http') return false;
    const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().user;
    // @Roles on a @Public route: there is no principal to check, so refuse rather than let it through.
    if (!principal) throw missingTokenException();
    if (!hasAnyRole(principal, ...required)) throw roleNotAllowedException();
    return true;
  }
}
