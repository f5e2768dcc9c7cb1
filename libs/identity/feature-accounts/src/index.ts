export { IdentityAccountsModule, type IdentityAccountsOptions } from './identity-accounts.module';
export { SigningKeyRing, type PublishedKey } from './tokens/signing-key-ring';
export { SigningKeyService } from './tokens/signing-key.service';
export { IdentityException, IdentityExceptionCode, ThrottleCode } from './identity.exception';
export { PlatformAdminBootstrap, COUNTY_ORGANISATION_ID, type FirstPlatformAdmin } from './staff/platform-admin.bootstrap';
