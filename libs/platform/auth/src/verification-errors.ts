/**
 * Why a request did not authenticate. These never reach the client: the guard maps them to 401/503
 * and only `reason` (a fixed code, never token content) goes to the log.
 */
export class MissingTokenError extends Error {
  constructor() {
    super('No bearer token in the Authorization header');
    this.name = 'MissingTokenError';
  }
}

export class TokenRejectedError extends Error {
  constructor(
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`Access token rejected: ${reason}`, options);
    this.name = 'TokenRejectedError';
  }
}

/** A dependency needed to decide (the JWKS endpoint or the revocation store) did not answer. */
export class VerificationUnavailableError extends Error {
  constructor(
    readonly dependency: 'jwks' | 'revocation-store',
    options?: { cause?: unknown },
  ) {
    super(`Cannot verify access tokens: ${dependency} unavailable`, options);
    this.name = 'VerificationUnavailableError';
  }
}
