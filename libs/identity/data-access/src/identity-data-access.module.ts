import { Module } from '@nestjs/common';
import { POPULATION_REGISTER } from '@onewindow/identity/domain';
import { AppConfig } from '@onewindow/platform/config';
import { PersonalDataProtector } from './crypto/personal-data-protector';
import { IdentityConfig, resolveIdentitySecrets } from './identity.config';
import { AccountRepository } from './repositories/account.repository';
import { AgentAuthorisationRepository } from './repositories/agent-authorisation.repository';
import { AuditLogRepository } from './repositories/audit-log.repository';
import { OrganisationRepository } from './repositories/organisation.repository';
import { SeededPopulationRegister } from './repositories/seeded-population-register';
import { ServiceClientRepository } from './repositories/service-client.repository';
import { SessionRepository } from './repositories/session.repository';
import { SigningKeyRepository } from './repositories/signing-key.repository';
import { TrustAnchorRepository } from './repositories/trust-anchor.repository';

const repositories = [
  AccountRepository,
  AgentAuthorisationRepository,
  AuditLogRepository,
  OrganisationRepository,
  ServiceClientRepository,
  SessionRepository,
  SigningKeyRepository,
  TrustAnchorRepository,
  SeededPopulationRegister,
];

/** Repositories and the personal-data protector; needs the platform's PersistenceModule and ConfigModule(IdentityConfig). */
@Module({
  providers: [
    ...repositories,
    {
      provide: PersonalDataProtector,
      inject: [AppConfig],
      useFactory: (config: AppConfig<IdentityConfig>) =>
        new PersonalDataProtector(
          resolveIdentitySecrets({
            NODE_ENV: config.get('NODE_ENV'),
            IDENTITY_DATA_KEYS: config.get('IDENTITY_DATA_KEYS'),
            IDENTITY_HASH_KEY: config.get('IDENTITY_HASH_KEY'),
          }),
        ),
    },
    { provide: POPULATION_REGISTER, useExisting: SeededPopulationRegister },
  ],
  exports: [...repositories, PersonalDataProtector, POPULATION_REGISTER],
})
export class IdentityDataAccessModule {}
