import { DomainException } from '@onewindow/platform/http';

export enum GatewayExceptionCode {
  ROUTE_NOT_FOUND = 'ROUTE_NOT_FOUND',
  AUTH_MISSING_TOKEN = 'AUTH_MISSING_TOKEN',
  AUTH_INVALID_TOKEN = 'AUTH_INVALID_TOKEN',
  AUTH_VERIFICATION_UNAVAILABLE = 'AUTH_VERIFICATION_UNAVAILABLE',
  RATE_LIMITED = 'RATE_LIMITED',
  UPSTREAM_UNREACHABLE = 'UPSTREAM_UNREACHABLE',
  UPSTREAM_UNAVAILABLE = 'UPSTREAM_UNAVAILABLE',
  UPSTREAM_TIMEOUT = 'UPSTREAM_TIMEOUT',
}

const STATUS: Record<GatewayExceptionCode, number> = {
  [GatewayExceptionCode.ROUTE_NOT_FOUND]: 404,
  [GatewayExceptionCode.AUTH_MISSING_TOKEN]: 401,
  [GatewayExceptionCode.AUTH_INVALID_TOKEN]: 401,
  [GatewayExceptionCode.AUTH_VERIFICATION_UNAVAILABLE]: 503,
  [GatewayExceptionCode.RATE_LIMITED]: 429,
  [GatewayExceptionCode.UPSTREAM_UNREACHABLE]: 502,
  [GatewayExceptionCode.UPSTREAM_UNAVAILABLE]: 503,
  [GatewayExceptionCode.UPSTREAM_TIMEOUT]: 504,
};

/**
 * Everything the edge refuses or cannot deliver. The auth codes are the ones services use
 * (AuthErrorCode), so a front handles a 401 the same whoever raised it. `headers` go on the response
 * (WWW-Authenticate, Retry-After).
 */
export class GatewayException extends DomainException<GatewayExceptionCode> {
  constructor(
    code: GatewayExceptionCode,
    detail: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(code, STATUS[code], detail);
  }

  static routeNotFound(): GatewayException {
    return new GatewayException(GatewayExceptionCode.ROUTE_NOT_FOUND, 'No API route matches this path.');
  }

  static missingToken(): GatewayException {
    return new GatewayException(GatewayExceptionCode.AUTH_MISSING_TOKEN, 'A bearer access token is required.', {
      'www-authenticate': 'Bearer',
    });
  }

  static invalidToken(): GatewayException {
    return new GatewayException(GatewayExceptionCode.AUTH_INVALID_TOKEN, 'The access token is invalid, expired or revoked.', {
      'www-authenticate': 'Bearer error="invalid_token"',
    });
  }

  static verificationUnavailable(): GatewayException {
    return new GatewayException(
      GatewayExceptionCode.AUTH_VERIFICATION_UNAVAILABLE,
      'The access token cannot be verified right now; retry shortly.',
      { 'retry-after': '1' },
    );
  }

  static rateLimited(retryAfterSeconds: number): GatewayException {
    return new GatewayException(GatewayExceptionCode.RATE_LIMITED, `Too many requests; retry after ${retryAfterSeconds} s.`, {
      'retry-after': String(retryAfterSeconds),
    });
  }

  static upstreamUnreachable(service: string): GatewayException {
    return new GatewayException(GatewayExceptionCode.UPSTREAM_UNREACHABLE, `The ${service} service could not be reached.`);
  }

  static upstreamUnavailable(service: string, retryAfterSeconds: number): GatewayException {
    return new GatewayException(GatewayExceptionCode.UPSTREAM_UNAVAILABLE, `The ${service} service is unavailable; retry shortly.`, {
      'retry-after': String(retryAfterSeconds),
    });
  }

  static upstreamTimeout(service: string): GatewayException {
    return new GatewayException(GatewayExceptionCode.UPSTREAM_TIMEOUT, `The ${service} service did not answer in time.`);
  }
}
