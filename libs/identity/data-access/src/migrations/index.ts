import { IdentitySchema1764403200000 } from './1764403200000-identity-schema';
import { SeedOrganisations1764403200001 } from './1764403200001-seed-organisations';
import { SeedPopulationRegister1764403200002 } from './1764403200002-seed-population-register';
import { TrustAnchors1764403200003 } from './1764403200003-trust-anchors';

/** In order; registered by apps/identity/src/database.ts. */
export const identityMigrations = [IdentitySchema1764403200000, SeedOrganisations1764403200001, SeedPopulationRegister1764403200002, TrustAnchors1764403200003];
export { STAND_IN_RESIDENTS } from './1764403200002-seed-population-register';
