import { AccountEntity } from './entities/account.entity';
import { AgentAuthorisationEntity } from './entities/agent-authorisation.entity';
import { AuditEntryEntity } from './entities/audit-entry.entity';
import { OrganisationEntity } from './entities/organisation.entity';
import { PopulationRecordEntity } from './entities/population-record.entity';
import { ServiceClientEntity } from './entities/service-client.entity';
import { RefreshTokenEntity, SessionFamilyEntity } from './entities/session.entity';
import { SigningKeyEntity } from './entities/signing-key.entity';
import { TrustAnchorEntity } from './entities/trust-anchor.entity';

export { identityMigrations, STAND_IN_RESIDENTS } from './migrations';

/** Every entity of the identity database, for the service's PersistenceModule. */
export const identityEntities = [
  AccountEntity,
  AgentAuthorisationEntity,
  AuditEntryEntity,
  OrganisationEntity,
  PopulationRecordEntity,
  RefreshTokenEntity,
  ServiceClientEntity,
  SessionFamilyEntity,
  SigningKeyEntity,
  TrustAnchorEntity,
];

export {
  AccountEntity,
  AgentAuthorisationEntity,
  AuditEntryEntity,
  OrganisationEntity,
  PopulationRecordEntity,
  RefreshTokenEntity,
  ServiceClientEntity,
  SessionFamilyEntity,
  SigningKeyEntity,
  TrustAnchorEntity,
};
export type { OrganisationKind, ServicePointCategory } from './entities/organisation.entity';
export { DEFAULT_TRUST_PROXY, IdentityConfig, resolveIdentitySecrets, parseDataKeys, DATA_KEYS_PATTERN, type IdentitySecrets } from './identity.config';
export { PersonalDataProtector, type PersonalDataKind } from './crypto/personal-data-protector';
export { AccountRepository, DuplicateAccountError, type NewAccount } from './repositories/account.repository';
export { AgentAuthorisationRepository } from './repositories/agent-authorisation.repository';
export { AuditLogRepository, type NewAuditEntry } from './repositories/audit-log.repository';
export { OrganisationRepository } from './repositories/organisation.repository';
export { ServiceClientRepository } from './repositories/service-client.repository';
export { SessionRepository, type PresentedRefreshToken } from './repositories/session.repository';
export { SigningKeyRepository } from './repositories/signing-key.repository';
export { TrustAnchorRepository } from './repositories/trust-anchor.repository';
export { SeededPopulationRegister } from './repositories/seeded-population-register';
export { IdentityDataAccessModule } from './identity-data-access.module';
