/**
 * Real-name assurance: L1 self-asserted at registration, L2 ID number and name matched against the
 * population base register, L3 verified in person at a window (or by certificate).
 */
export enum AssuranceLevel {
  L1 = 'L1',
  L2 = 'L2',
  L3 = 'L3',
}

export enum AssuranceMethod {
  SelfAsserted = 'self_asserted',
  PopulationRegister = 'population_register',
  InPerson = 'in_person',
  /** Logged in with a certificate from a recognised CA whose subject carries the ID number. */
  Certificate = 'certificate',
}

const RANK: Record<AssuranceLevel, number> = { [AssuranceLevel.L1]: 1, [AssuranceLevel.L2]: 2, [AssuranceLevel.L3]: 3 };

export function isAtLeast(level: AssuranceLevel, minimum: AssuranceLevel): boolean {
  return RANK[level] >= RANK[minimum];
}

/** A verification never lowers the level: an L3 account matched against the register stays L3. */
export function levelAfterVerification(current: AssuranceLevel, verified: AssuranceLevel): AssuranceLevel {
  return isAtLeast(current, verified) ? current : verified;
}

/** The name is part of what was verified, so changing it drops the account to L1 until re-verified. */
export function levelAfterNameChange(): AssuranceLevel {
  return AssuranceLevel.L1;
}
