import { Controller, Get, Header } from '@nestjs/common';
import { IdentityConfig } from '@onewindow/identity/data-access';
import { Public } from '@onewindow/platform/auth';
import { AppConfig } from '@onewindow/platform/config';
import type { JWK } from 'jose';
import { SIGNING_ALGORITHM, SigningKeyService } from './signing-key.service';

@Public()
@Controller('.well-known')
export class WellKnownController {
  constructor(
    private readonly keys: SigningKeyService,
    private readonly config: AppConfig<IdentityConfig>,
  ) {}

  @Get('jwks.json')
  @Header('cache-control', 'public, max-age=60')
  async jwks(): Promise<{ keys: JWK[] }> {
    return { keys: (await this.keys.published()).map((key) => key.jwk) };
  }

  @Get('openid-configuration')
  @Header('cache-control', 'public, max-age=300')
  discovery(): Record<string, unknown> {
    const issuer = this.config.get('JWT_ISSUER').replace(/\/$/, '');
    return {
      issuer,
      jwks_uri: `${issuer}/.well-known/jwks.json`,
      token_endpoint: `${issuer}/oauth/token`,
      grant_types_supported: ['client_credentials'],
      token_endpoint_auth_methods_supported: ['client_secret_post'],
      response_types_supported: ['token'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: [SIGNING_ALGORITHM],
      access_token_signing_alg_values_supported: [SIGNING_ALGORITHM],
      claims_supported: ['iss', 'aud', 'exp', 'nbf', 'iat', 'jti', 'sub', 'roles', 'org', 'dept', 'ent', 'scope', 'sid'],
    };
  }
}
