export { AuthModule, type AuthModuleOptions, type AuthRedisProvider } from './auth.module';
export {
  AuthVerificationConfig,
  loadAuthSettings,
  SUPPORTED_ALGORITHMS,
  type AccessTokenAlgorithm,
  type AuthSettings,
} from './auth-verification.config';
export { AUTH_KEY_SOURCE, AUTH_REDIS, AUTH_SETTINGS } from './tokens';
export { Role, STAFF_ROLES, hasAnyRole, isRole, isStaff } from './role';
export type { Principal } from './principal';
export { principalFromClaims, type AccessTokenClaims } from './claims';
export { AccessTokenVerifier, remoteKeySource } from './access-token-verifier';
export { extractBearerToken } from './bearer';
export { TokenRevocationStore, type RevocationCheck } from './token-revocation.store';
export { JwtStrategy, JWT_STRATEGY } from './jwt.strategy';
export { JwtAuthGuard } from './jwt-auth.guard';
export { RolesGuard } from './roles.guard';
export { CurrentPrincipal, Public, Roles, IS_PUBLIC_KEY, ROLES_KEY, type AuthenticatedRequest } from './decorators';
export { AuthErrorCode } from './auth-errors';
export { MissingTokenError, TokenRejectedError, VerificationUnavailableError } from './verification-errors';
export { AccessDecision, anyOf, assertAccess, can, type AccessPolicy, type AssertAccessOptions } from './access/access-policy';
export {
  organisationScoped,
  ownedByPrincipal,
  type OrganisationScope,
  type OrganisationScopedOptions,
  type Owned,
  type OwnedByPrincipalOptions,
} from './access/policies';
// Test support for other services' tests; no production code in this library uses it.
export * as AuthTestKit from './testing';
