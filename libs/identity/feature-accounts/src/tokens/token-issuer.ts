import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { IdentityConfig } from '@onewindow/identity/data-access';
import { AppConfig } from '@onewindow/platform/config';
import { SignJWT } from 'jose';
import { SigningKeyService } from './signing-key.service';

export interface AccessTokenSubject {
  readonly sub: string;
  readonly roles: readonly string[];
  readonly org?: string;
  readonly dept?: string;
  readonly ent?: string;
  readonly scope?: string;
  readonly sid?: string;
}

export interface IssuedAccessToken {
  readonly token: string;
  readonly tokenId: string;
  readonly expiresIn: number;
  readonly expiresAt: Date;
}

/** Signs RFC 9068 access tokens the platform verifier accepts (typ at+jwt, ES256, kid, no key-carrying headers). */
@Injectable()
export class TokenIssuer {
  constructor(
    private readonly keys: SigningKeyService,
    private readonly config: AppConfig<IdentityConfig>,
  ) {}

  async issue(subject: AccessTokenSubject): Promise<IssuedAccessToken> {
    const signer = await this.keys.currentSigner();
    const now = Math.floor(Date.now() / 1000);
    const expiresIn = this.config.get('ACCESS_TOKEN_TTL_SECONDS');
    const tokenId = randomUUID();
    const claims: Record<string, unknown> = { roles: [...subject.roles] };
    for (const claim of ['org', 'dept', 'ent', 'scope', 'sid'] as const) {
      if (subject[claim] !== undefined) claims[claim] = subject[claim];
    }
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: signer.alg, kid: signer.kid, typ: 'at+jwt' })
      .setIssuer(this.config.get('JWT_ISSUER'))
      .setAudience(this.config.get('JWT_AUDIENCE'))
      .setSubject(subject.sub)
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(now + expiresIn)
      .setJti(tokenId)
      .sign(signer.key);
    return { token, tokenId, expiresIn, expiresAt: new Date((now + expiresIn) * 1000) };
  }
}
