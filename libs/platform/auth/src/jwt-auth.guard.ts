import { ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { ActorType, RequestContext } from '@onewindow/platform/observability';
import { invalidTokenException, missingTokenException, verificationUnavailableException } from './auth-errors';
import { IS_PUBLIC_KEY } from './decorators';
import { JWT_STRATEGY } from './jwt.strategy';
import { Principal } from './principal';
import { Role } from './role';
import { MissingTokenError, TokenRejectedError, VerificationUnavailableError } from './verification-errors';

/** Fastify's reply and Express's response both expose `header(name, value)`. */
interface HeaderWriter {
  header(name: string, value: string): unknown;
}

/**
 * Global guard: every HTTP handler needs a valid bearer token unless it or its controller is
 * @Public(). Other transports (Kafka, gRPC) carry no bearer token, so they are refused unless public.
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard(JWT_STRATEGY) {
  private readonly logger = new Logger(JwtAuthGuard.name);

  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    if (context.getType() !== 'http') return false;
    // AuthGuard's canActivate is async and resolves to true or throws; its declared type is CanActivate's wider one.
    return (await super.canActivate(context)) as boolean;
  }

  override getAuthenticateOptions(): { session: boolean } {
    return { session: false };
  }

  // The signature is @nestjs/passport's, whose `err`, `info` and `status` are untyped.
  override handleRequest<TUser = Principal>(err: unknown, user: unknown, _info: unknown, context: ExecutionContext): TUser {
    if (!err && user) {
      // Audit rows and events written while serving the request name who acted.
      const principal = user as Principal;
      if (RequestContext.current()) {
        RequestContext.setActor({
          id: principal.id,
          type: actorTypeOf(principal),
          roles: principal.roles,
          organisationId: principal.organisationId,
        });
      }
      return user as TUser;
    }
    const response = context.switchToHttp().getResponse<HeaderWriter>();

    if (err instanceof VerificationUnavailableError) {
      this.logger.error(`Access token verification unavailable: ${err.dependency}${err.cause instanceof Error ? ` (${err.cause.name})` : ''}`);
      response.header('Retry-After', '1');
      throw verificationUnavailableException();
    }
    if (err instanceof TokenRejectedError) {
      this.logger.debug(`Access token rejected: ${err.reason}`);
      response.header('WWW-Authenticate', 'Bearer error="invalid_token"');
      throw invalidTokenException();
    }
    if (err instanceof MissingTokenError || (!err && !user)) {
      response.header('WWW-Authenticate', 'Bearer');
      throw missingTokenException();
    }
    throw err;
  }
}

function actorTypeOf(principal: Principal): ActorType {
  if (principal.roles.includes(Role.Service)) return 'service';
  if (principal.organisationId) return 'staff';
  if (principal.enterpriseId) return 'enterprise';
  return 'person';
}
