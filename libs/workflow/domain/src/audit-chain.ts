import { createHash } from 'node:crypto';

/**
 * One act on a case in the append-only audit trail (可追溯): who, in which role and organisation, did
 * what, moving the case from which state to which, under which item code and version, when and why.
 */
export interface AuditAct {
  readonly caseId: string;
  readonly sequence: number;
  readonly actorId: string;
  readonly actorRole: string;
  readonly organisationId: string | null;
  readonly action: string;
  readonly stateBefore: string | null;
  readonly stateAfter: string;
  readonly itemCode: string;
  readonly itemVersion: number;
  /** ISO 8601 instant with milliseconds, as stored. */
  readonly at: string;
  readonly reason: string | null;
}

export interface ChainedAuditAct extends AuditAct {
  readonly previousHash: string;
  readonly hash: string;
}

/** The previous hash of a case's first act. */
export const GENESIS_HASH = '0'.repeat(64);

const FIELDS: ReadonlyArray<keyof AuditAct> = [
  'caseId', 'sequence', 'actorId', 'actorRole', 'organisationId', 'action',
  'stateBefore', 'stateAfter', 'itemCode', 'itemVersion', 'at', 'reason',
];

/** SHA-256 over the previous hash and the act's fields in a fixed order, as canonical JSON. */
export function hashAuditAct(previousHash: string, act: AuditAct): string {
  const canonical = JSON.stringify([previousHash, ...FIELDS.map((field) => act[field] ?? null)]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/** Where a case's chain ends: the last act's sequence and hash (0 and GENESIS_HASH before its first act). */
export interface AuditHead {
  readonly sequence: number;
  readonly hash: string;
}

export const EMPTY_AUDIT_HEAD: AuditHead = { sequence: 0, hash: GENESIS_HASH };

/** `act` linked to the act before it (`previous`, or none for a case's first act). */
export function chainAuditAct(previous: Pick<ChainedAuditAct, 'hash'> | undefined, act: AuditAct): ChainedAuditAct {
  const previousHash = previous?.hash ?? GENESIS_HASH;
  return { ...act, previousHash, hash: hashAuditAct(previousHash, act) };
}

export type AuditChainBreak =
  | { readonly sequence: number; readonly reason: 'HASH_MISMATCH' | 'LINK_BROKEN' | 'SEQUENCE_GAP' }
  | undefined;

/**
 * Checks a case's acts in sequence order: each links to the one before and hashes to what it
 * stores. Returns the first broken act, or undefined when the whole chain holds.
 */
export function verifyAuditChain(acts: readonly ChainedAuditAct[]): AuditChainBreak {
  let previousHash = GENESIS_HASH;
  let expectedSequence = 1;
  for (const act of acts) {
    if (act.sequence !== expectedSequence) return { sequence: act.sequence, reason: 'SEQUENCE_GAP' };
    if (act.previousHash !== previousHash) return { sequence: act.sequence, reason: 'LINK_BROKEN' };
    if (hashAuditAct(act.previousHash, act) !== act.hash) return { sequence: act.sequence, reason: 'HASH_MISMATCH' };
    previousHash = act.hash;
    expectedSequence++;
  }
  return undefined;
}
