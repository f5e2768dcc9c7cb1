import { AssuranceLevel, isAtLeast, levelAfterNameChange, levelAfterVerification } from './assurance';
import { eraseAfter, normaliseName } from './account';

describe('assurance levels', () => {
  it('orders the levels', () => {
    expect(isAtLeast(AssuranceLevel.L3, AssuranceLevel.L2)).toBe(true);
    expect(isAtLeast(AssuranceLevel.L1, AssuranceLevel.L2)).toBe(false);
  });

  it('never lowers the level through a verification', () => {
    expect(levelAfterVerification(AssuranceLevel.L3, AssuranceLevel.L2)).toBe(AssuranceLevel.L3);
    expect(levelAfterVerification(AssuranceLevel.L1, AssuranceLevel.L2)).toBe(AssuranceLevel.L2);
  });

  it('drops to L1 when the name changes', () => {
    expect(levelAfterNameChange()).toBe(AssuranceLevel.L1);
  });
});

describe('accounts', () => {
  it('erases personal data the retention period after deregistration', () => {
    expect(eraseAfter(new Date('2026-01-01T00:00:00Z'), 180).toISOString()).toBe('2026-06-30T00:00:00.000Z');
  });

  it('normalises full-width and repeated spaces in names', () => {
    expect(normaliseName(' 欧阳\u3000 娜娜 ')).toBe('欧阳 娜娜');
  });
});
