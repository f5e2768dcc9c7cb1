import fc from 'fast-check';
import { FeeRule, feeDue, feeRuleViolations } from './fee-rule';

describe('fee rules', () => {
  it('accepts no fee, a fixed fee and a per-unit fee with legal basis', () => {
    expect(feeRuleViolations({ kind: 'NONE' })).toEqual([]);
    expect(feeRuleViolations({ kind: 'FIXED', name: '工本费', amountFen: 1000, legalBasis: '闽价费〔2017〕1号' })).toEqual([]);
    expect(
      feeRuleViolations({ kind: 'PER_UNIT', name: '测绘费', unit: '平方米', amountFenPerUnit: 36, maxUnits: 500, legalBasis: '闽价〔2015〕' }),
    ).toEqual([]);
  });

  it.each<[string, FeeRule, string]>([
    ['a charge without legal basis', { kind: 'FIXED', name: '工本费', amountFen: 1000, legalBasis: ' ' }, 'fee.legalBasis'],
    ['a fractional amount of fen', { kind: 'FIXED', name: '工本费', amountFen: 10.5, legalBasis: 'x' }, 'fee.amountFen'],
    ['a zero fixed amount', { kind: 'FIXED', name: '工本费', amountFen: 0, legalBasis: 'x' }, 'fee.amountFen'],
    ['a per-unit fee with no unit', { kind: 'PER_UNIT', name: 'x', unit: '', amountFenPerUnit: 10, legalBasis: 'x' }, 'fee.unit'],
    ['a negative per-unit amount', { kind: 'PER_UNIT', name: 'x', unit: '件', amountFenPerUnit: -1, legalBasis: 'x' }, 'fee.amountFenPerUnit'],
    ['an amount on a NONE fee', { kind: 'NONE', amountFen: 100 } as unknown as FeeRule, 'fee.amountFen'],
    ['an unknown kind', { kind: 'FREE' } as unknown as FeeRule, 'fee.kind'],
  ])('refuses %s, naming the field', (_case, rule, field) => {
    expect(feeRuleViolations(rule).map((v) => v.field)).toContain(field);
  });

  it('charges per unit up to the cap, and never a negative amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100000 }), fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 0, max: 5000 }), (price, cap, units) => {
        const rule: FeeRule = { kind: 'PER_UNIT', name: 'x', unit: '件', amountFenPerUnit: price, maxUnits: cap, legalBasis: 'x' };
        const due = feeDue(rule, units);
        expect(due).toBe(Math.min(units, cap) * price);
        expect(due).toBeGreaterThanOrEqual(0);
        expect(Number.isSafeInteger(due)).toBe(true);
      }),
    );
    expect(feeDue({ kind: 'NONE' }, 3)).toBe(0);
    expect(feeDue({ kind: 'FIXED', name: 'x', amountFen: 500, legalBasis: 'x' })).toBe(500);
  });
});
