import { JWTPayload } from 'jose';
import { Principal } from './principal';
import { isRole, isStaff, Role } from './role';
import { TokenRejectedError } from './verification-errors';

/** Claims of an identity access token (RFC 9068 plus OneWindow's own). */
export interface AccessTokenClaims extends JWTPayload {
  iss: string;
  aud: string | string[];
  sub: string;
  exp: number;
  nbf: number;
  iat: number;
  jti: string;
  roles: string[];
  org?: string;
  dept?: string;
  ent?: string;
  scope?: string;
  sid?: string;
}

function requiredString(payload: JWTPayload, claim: string): string {
  const value = payload[claim];
  if (typeof value !== 'string' || value.length === 0) throw new TokenRejectedError(`claim.${claim}`);
  return value;
}

function optionalString(payload: JWTPayload, claim: string): string | undefined {
  const value = payload[claim];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length === 0) throw new TokenRejectedError(`claim.${claim}`);
  return value;
}

/**
 * Unknown role names are dropped rather than refused, so identity can introduce a role before every
 * service knows it; an unknown role grants nothing. A token left with no known role is refused.
 */
function rolesOf(payload: JWTPayload): Role[] {
  const value = payload['roles'];
  if (!Array.isArray(value) || !value.every((role) => typeof role === 'string')) {
    throw new TokenRejectedError('claim.roles');
  }
  const roles = [...new Set(value.filter(isRole))];
  if (roles.length === 0) throw new TokenRejectedError('claim.roles');
  return roles;
}

function scopesOf(payload: JWTPayload): string[] {
  const scope = payload['scope'];
  if (scope === undefined) return [];
  if (typeof scope !== 'string') throw new TokenRejectedError('claim.scope');
  return [...new Set(scope.split(' ').filter(Boolean))];
}

/**
 * Maps the claims of a token whose signature, issuer, audience and times are already verified.
 * Claims a role depends on must be present: staff need `org`, enterprise agents need `ent`.
 */
export function principalFromClaims(payload: JWTPayload): Principal {
  const roles = rolesOf(payload);
  const organisationId = optionalString(payload, 'org');
  const departmentId = optionalString(payload, 'dept');
  const enterpriseId = optionalString(payload, 'ent');
  const sessionId = optionalString(payload, 'sid');
  if (typeof payload.exp !== 'number' || !Number.isFinite(payload.exp)) throw new TokenRejectedError('claim.exp');
  if (isStaff({ roles }) && organisationId === undefined) throw new TokenRejectedError('claim.org');
  if (departmentId !== undefined && organisationId === undefined) throw new TokenRejectedError('claim.org');
  if (roles.includes(Role.EnterpriseAgent) && enterpriseId === undefined) throw new TokenRejectedError('claim.ent');

  return Object.freeze({
    id: requiredString(payload, 'sub'),
    roles: Object.freeze(roles),
    ...(organisationId !== undefined && { organisationId }),
    ...(departmentId !== undefined && { departmentId }),
    ...(enterpriseId !== undefined && { enterpriseId }),
    scopes: Object.freeze(scopesOf(payload)),
    ...(sessionId !== undefined && { sessionId }),
    tokenId: requiredString(payload, 'jti'),
    expiresAt: new Date(payload.exp * 1000),
  });
}
