import fc from 'fast-check';
import { AuditAct, chainAuditAct, ChainedAuditAct, GENESIS_HASH, verifyAuditChain } from './audit-chain';

function act(sequence: number, overrides: Partial<AuditAct> = {}): AuditAct {
  return {
    caseId: 'case-1',
    sequence,
    actorId: `clerk-${sequence}`,
    actorRole: 'window_clerk',
    organisationId: 'county-hall',
    action: 'ACCEPT',
    stateBefore: 'SUBMITTED',
    stateAfter: 'IN_REVIEW',
    itemCode: '350123-SCJG-XK-0001',
    itemVersion: 2,
    at: `2026-11-29T08:00:0${sequence % 10}.000Z`,
    reason: null,
    ...overrides,
  };
}

function nth(acts: ChainedAuditAct[], index: number): ChainedAuditAct {
  const found = acts[index];
  if (!found) throw new Error(`no act at ${index}`);
  return found;
}

function chain(count: number): ChainedAuditAct[] {
  const acts: ChainedAuditAct[] = [];
  for (let i = 1; i <= count; i++) acts.push(chainAuditAct(acts[acts.length - 1], act(i)));
  return acts;
}

describe('the audit trail hash chain', () => {
  it('holds for an untouched chain, the first act linking to the genesis hash', () => {
    const acts = chain(5);
    expect(acts[0]?.previousHash).toBe(GENESIS_HASH);
    expect(verifyAuditChain(acts)).toBeUndefined();
  });

  it('names the first act whose stored fields were changed', () => {
    const acts = chain(5);
    acts[2] = { ...nth(acts, 2), stateAfter: 'APPROVED' };
    expect(verifyAuditChain(acts)).toEqual({ sequence: 3, reason: 'HASH_MISMATCH' });
  });

  it('detects an act whose hash was recomputed after tampering, at the next link', () => {
    const acts = chain(5);
    acts[1] = chainAuditAct(acts[0], { ...nth(acts, 1), reason: 'backdated' });
    expect(verifyAuditChain(acts)).toEqual({ sequence: 3, reason: 'LINK_BROKEN' });
  });

  it('detects a deleted act', () => {
    const acts = chain(5);
    acts.splice(3, 1);
    expect(verifyAuditChain(acts)).toEqual({ sequence: 5, reason: 'SEQUENCE_GAP' });
  });

  it('detects any single-field change anywhere in the chain', () => {
    const fields = ['actorId', 'actorRole', 'action', 'stateAfter', 'itemCode', 'at'] as const;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.constantFrom(...fields), fc.string({ minLength: 1 }), (size, field, value) => {
        const acts = chain(8).slice(0, size);
        const index = size - 1;
        fc.pre(nth(acts, index)[field] !== value);
        acts[index] = { ...nth(acts, index), [field]: value };
        expect(verifyAuditChain(acts)).toEqual({ sequence: size, reason: 'HASH_MISMATCH' });
      }),
    );
  });
});
