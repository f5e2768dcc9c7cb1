import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { IncomingHttpHeaders } from 'node:http';
import { Strategy } from 'passport-custom';
import { AccessTokenVerifier } from './access-token-verifier';
import { extractBearerToken } from './bearer';
import { Principal } from './principal';

export const JWT_STRATEGY = 'jwt';

/**
 * passport-custom rather than passport-jwt: passport-jwt resolves keys through its own
 * `secretOrKeyProvider` and verifies with jsonwebtoken, which would bypass jose and the JWKS cache.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, JWT_STRATEGY) {
  constructor(private readonly verifier: AccessTokenVerifier) {
    super();
  }

  async validate(request: { headers: IncomingHttpHeaders }): Promise<Principal> {
    return this.verifier.verify(extractBearerToken(request.headers.authorization));
  }
}
