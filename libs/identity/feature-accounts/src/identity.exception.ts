import { HttpException, HttpStatus } from '@nestjs/common';
import { DomainException, FieldError } from '@onewindow/platform/http';

export enum IdentityExceptionCode {
  ACCOUNT_EXISTS = 'ACCOUNT_EXISTS',
  ACCOUNT_NOT_FOUND = 'ACCOUNT_NOT_FOUND',
  INVALID_ID_NUMBER = 'INVALID_ID_NUMBER',
  PASSWORD_POLICY = 'PASSWORD_POLICY',
  INVALID_CREDENTIALS = 'INVALID_CREDENTIALS',
  INVALID_REFRESH_TOKEN = 'INVALID_REFRESH_TOKEN',
  INVALID_CLIENT = 'INVALID_CLIENT',
  INVALID_CLIENT_REQUEST = 'INVALID_CLIENT_REQUEST',
  INVALID_SCOPE = 'INVALID_SCOPE',
  WRONG_PASSWORD = 'WRONG_PASSWORD',
  NOT_A_PERSON = 'NOT_A_PERSON',
  REGISTER_MISMATCH = 'REGISTER_MISMATCH',
  ORGANISATION_NOT_FOUND = 'ORGANISATION_NOT_FOUND',
  ORGANISATION_OUT_OF_SCOPE = 'ORGANISATION_OUT_OF_SCOPE',
  ROLE_NOT_GRANTABLE = 'ROLE_NOT_GRANTABLE',
  ASSURANCE_TOO_LOW = 'ASSURANCE_TOO_LOW',
  INVALID_EXPIRY = 'INVALID_EXPIRY',
  SCOPE_REQUIRED = 'SCOPE_REQUIRED',
  CERTIFICATE_REJECTED = 'CERTIFICATE_REJECTED',
  CHALLENGE_UNKNOWN = 'CHALLENGE_UNKNOWN',
  TRUST_ANCHOR_INVALID = 'TRUST_ANCHOR_INVALID',
  TRUST_ANCHOR_NOT_FOUND = 'TRUST_ANCHOR_NOT_FOUND',
}

const STATUS: Record<IdentityExceptionCode, number> = {
  [IdentityExceptionCode.ACCOUNT_EXISTS]: 409,
  [IdentityExceptionCode.ACCOUNT_NOT_FOUND]: 404,
  [IdentityExceptionCode.INVALID_ID_NUMBER]: 400,
  [IdentityExceptionCode.PASSWORD_POLICY]: 400,
  [IdentityExceptionCode.INVALID_CREDENTIALS]: 401,
  [IdentityExceptionCode.INVALID_REFRESH_TOKEN]: 401,
  [IdentityExceptionCode.INVALID_CLIENT]: 401,
  [IdentityExceptionCode.INVALID_CLIENT_REQUEST]: 400,
  [IdentityExceptionCode.INVALID_SCOPE]: 400,
  [IdentityExceptionCode.WRONG_PASSWORD]: 403,
  [IdentityExceptionCode.NOT_A_PERSON]: 409,
  [IdentityExceptionCode.REGISTER_MISMATCH]: 422,
  [IdentityExceptionCode.ORGANISATION_NOT_FOUND]: 400,
  [IdentityExceptionCode.ORGANISATION_OUT_OF_SCOPE]: 403,
  [IdentityExceptionCode.ROLE_NOT_GRANTABLE]: 403,
  [IdentityExceptionCode.ASSURANCE_TOO_LOW]: 403,
  [IdentityExceptionCode.INVALID_EXPIRY]: 400,
  [IdentityExceptionCode.SCOPE_REQUIRED]: 403,
  [IdentityExceptionCode.CERTIFICATE_REJECTED]: 401,
  [IdentityExceptionCode.CHALLENGE_UNKNOWN]: 401,
  [IdentityExceptionCode.TRUST_ANCHOR_INVALID]: 400,
  [IdentityExceptionCode.TRUST_ANCHOR_NOT_FOUND]: 404,
};

/** Every business error of the identity service. */
export class IdentityException extends DomainException<IdentityExceptionCode> {
  constructor(code: IdentityExceptionCode, detail: string, errors?: readonly FieldError[]) {
    super(code, STATUS[code], detail, errors ? { errors } : {});
  }
}

export enum ThrottleCode {
  TOO_MANY_ATTEMPTS = 'TOO_MANY_ATTEMPTS',
  ACCOUNT_LOCKED = 'ACCOUNT_LOCKED',
}

/**
 * 429 with Retry-After. An HttpException rather than an IdentityException because the platform's
 * problem mapper sets Retry-After only from an HttpException's `retryAfter` member.
 */
export function tooManyAttempts(code: ThrottleCode, detail: string, retryAfterSeconds: number): HttpException {
  return new HttpException({ code, detail, retryAfter: Math.max(1, Math.ceil(retryAfterSeconds)) }, HttpStatus.TOO_MANY_REQUESTS);
}
