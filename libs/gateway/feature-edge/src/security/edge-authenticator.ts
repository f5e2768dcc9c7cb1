import { Injectable, Logger } from '@nestjs/common';
import { bearerToken } from '@onewindow/gateway/domain';
import { AccessTokenVerifier, Principal, TokenRejectedError, VerificationUnavailableError } from '@onewindow/platform/auth';
import { GatewayException } from '../gateway.exception';

/** Far above any access token identity issues; bounds the work a caller can make the edge do. */
const MAX_TOKEN_LENGTH = 8192;
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/**
 * Verifies the bearer token of a protected route with the platform verifier (signature against
 * identity's JWKS, RFC 9068 claims, revocations in Redis), the same check every service repeats.
 */
@Injectable()
export class EdgeAuthenticator {
  private readonly logger = new Logger(EdgeAuthenticator.name);

  constructor(private readonly verifier: AccessTokenVerifier) {}

  /** Who a bearer token verified here shortly before names, unchecked (see AccessTokenVerifier.rememberedSubject). */
  rememberedSubject(authorization: string | string[] | undefined): string | undefined {
    const token = bearerToken(authorization);
    return token === undefined || token.length > MAX_TOKEN_LENGTH ? undefined : this.verifier.rememberedSubject(token);
  }

  async authenticate(authorization: string | string[] | undefined): Promise<Principal> {
    const token = bearerToken(authorization);
    if (token === undefined) throw GatewayException.missingToken();
    if (token.length > MAX_TOKEN_LENGTH || !COMPACT_JWS.test(token)) throw GatewayException.invalidToken();
    try {
      return await this.verifier.verify(token);
    } catch (error) {
      if (error instanceof TokenRejectedError) {
        this.logger.debug(`Access token rejected: ${error.reason}`);
        throw GatewayException.invalidToken();
      }
      if (error instanceof VerificationUnavailableError) {
        this.logger.error(`Access token verification unavailable: ${error.dependency}`);
        throw GatewayException.verificationUnavailable();
      }
      throw error;
    }
  }
}
