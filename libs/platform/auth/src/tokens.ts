/** DI token for the ioredis client the revocation store uses; the app binds it to the shared client. */
export const AUTH_REDIS = Symbol('AUTH_REDIS');
/** DI token for the resolved `AuthSettings`. */
export const AUTH_SETTINGS = Symbol('AUTH_SETTINGS');
/** DI token for the jose key resolver (remote JWKS unless AuthModule was given a key source). */
export const AUTH_KEY_SOURCE = Symbol('AUTH_KEY_SOURCE');
