import { ForbiddenException, ServiceUnavailableException, UnauthorizedException } from '@nestjs/common';

/** Stable codes the problem+json filter can expose; the messages say nothing about the token. */
export enum AuthErrorCode {
  MissingToken = 'AUTH_MISSING_TOKEN',
  InvalidToken = 'AUTH_INVALID_TOKEN',
  VerificationUnavailable = 'AUTH_VERIFICATION_UNAVAILABLE',
  RoleNotAllowed = 'AUTH_ROLE_NOT_ALLOWED',
  AccessDenied = 'AUTH_ACCESS_DENIED',
}

export function missingTokenException(): UnauthorizedException {
  return new UnauthorizedException({
    statusCode: 401,
    error: 'Unauthorized',
    code: AuthErrorCode.MissingToken,
    message: 'A bearer access token is required.',
  });
}

export function invalidTokenException(): UnauthorizedException {
  return new UnauthorizedException({
    statusCode: 401,
    error: 'Unauthorized',
    code: AuthErrorCode.InvalidToken,
    message: 'The access token is invalid, expired or revoked.',
  });
}

export function verificationUnavailableException(): ServiceUnavailableException {
  return new ServiceUnavailableException({
    statusCode: 503,
    error: 'Service Unavailable',
    code: AuthErrorCode.VerificationUnavailable,
    message: 'The access token cannot be verified right now; retry shortly.',
  });
}

export function roleNotAllowedException(): ForbiddenException {
  return new ForbiddenException({
    statusCode: 403,
    error: 'Forbidden',
    code: AuthErrorCode.RoleNotAllowed,
    message: 'Your role does not allow this operation.',
  });
}

export function accessDeniedException(): ForbiddenException {
  return new ForbiddenException({
    statusCode: 403,
    error: 'Forbidden',
    code: AuthErrorCode.AccessDenied,
    message: 'You may not perform this operation on this resource.',
  });
}
