import { DynamicModule, Module } from '@nestjs/common';
import { IdentityDataAccessModule } from '@onewindow/identity/data-access';
import { AccountErasureService } from './accounts/account-erasure.service';
import { AccountMapper } from './accounts/account.mapper';
import { PersonalDataRekeyService } from './accounts/personal-data-rekey.service';
import { AccountsController } from './accounts/accounts.controller';
import { AccountsService } from './accounts/accounts.service';
import { EnterprisesController } from './enterprises/enterprises.controller';
import { EnterprisesService } from './enterprises/enterprises.service';
import { CertificateLoginService } from './certificates/certificate-login.service';
import { CertificatesController } from './certificates/certificates.controller';
import { TrustAnchorsService } from './certificates/trust-anchors.service';
import { ClientsController } from './clients/clients.controller';
import { ClientsService } from './clients/clients.service';
import { SessionsController } from './sessions/sessions.controller';
import { SessionsService } from './sessions/sessions.service';
import { StaffController } from './staff/staff.controller';
import { PlatformAdminBootstrap } from './staff/platform-admin.bootstrap';
import { StaffService } from './staff/staff.service';
import { AuditTrail } from './support/audit-trail';
import { LoginThrottle } from './support/login-throttle';
import { Passwords } from './support/passwords';
import { SIGNING_KEY_RING, SigningKeyService } from './tokens/signing-key.service';
import { SigningKeyRing } from './tokens/signing-key-ring';
import { TokenIssuer } from './tokens/token-issuer';
import { WellKnownController } from './tokens/well-known.controller';
import { VerificationController } from './verification/verification.controller';
import { VerificationService } from './verification/verification.service';

export interface IdentityAccountsOptions {
  /** The ring also given to the platform's AuthModule as `keySource`, so identity verifies its own tokens. */
  keyRing: SigningKeyRing;
}

/**
 * Accounts, sessions, tokens, verification, staff and service clients. Import next to
 * `ServicePlatformModule.forService({ config: IdentityConfig, database, auth: { keySource: keyRing.keySource } })`.
 */
@Module({})
export class IdentityAccountsModule {
  static register(options: IdentityAccountsOptions): DynamicModule {
    return {
      module: IdentityAccountsModule,
      imports: [IdentityDataAccessModule],
      controllers: [WellKnownController, AccountsController, SessionsController, VerificationController, StaffController, ClientsController, EnterprisesController, CertificatesController],
      providers: [
        { provide: SIGNING_KEY_RING, useValue: options.keyRing },
        SigningKeyService,
        TokenIssuer,
        AuditTrail,
        LoginThrottle,
        Passwords,
        AccountMapper,
        AccountsService,
        AccountErasureService,
        PersonalDataRekeyService,
        SessionsService,
        VerificationService,
        StaffService,
        PlatformAdminBootstrap,
        ClientsService,
        EnterprisesService,
        TrustAnchorsService,
        CertificateLoginService,
      ],
      exports: [SigningKeyService, PlatformAdminBootstrap],
    };
  }
}
