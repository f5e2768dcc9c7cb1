/** Fees in fen (1/100 yuan) as integers; a charge always names its legal basis (收费依据). */
export type FeeRule =
  | { kind: 'NONE' }
  | { kind: 'FIXED'; name: string; amountFen: number; legalBasis: string }
  | { kind: 'PER_UNIT'; name: string; unit: string; amountFenPerUnit: number; maxUnits?: number; legalBasis: string };

export const FEE_KINDS = ['NONE', 'FIXED', 'PER_UNIT'] as const;
export type FeeKind = (typeof FEE_KINDS)[number];

/** Largest single charge accepted: 10 million yuan, far above any county fee, well inside safe integers. */
export const MAX_FEE_FEN = 1_000_000_000;

export interface RuleViolation {
  field: string;
  reason: string;
}

const isFen = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value);

/** What is wrong with a fee rule, with `field` relative to `prefix`; empty when it is sound. */
export function feeRuleViolations(rule: FeeRule, prefix = 'fee'): RuleViolation[] {
  const violations: RuleViolation[] = [];
  const at = (field: string, reason: string) => violations.push({ field: `${prefix}.${field}`, reason });
  const record = rule as unknown as Record<string, unknown>;
  if (!FEE_KINDS.includes(rule.kind)) {
    at('kind', `must be one of ${FEE_KINDS.join(', ')}`);
    return violations;
  }
  const allowed: Record<FeeKind, string[]> = {
    NONE: ['kind'],
    FIXED: ['kind', 'name', 'amountFen', 'legalBasis'],
    PER_UNIT: ['kind', 'name', 'unit', 'amountFenPerUnit', 'maxUnits', 'legalBasis'],
  };
  for (const key of Object.keys(record)) {
    if (!allowed[rule.kind].includes(key) && record[key] !== undefined) at(key, `is not allowed for a ${rule.kind} fee`);
  }
  if (rule.kind === 'NONE') return violations;
  if (typeof rule.name !== 'string' || rule.name.trim() === '') at('name', 'is required for a charged fee');
  if (typeof rule.legalBasis !== 'string' || rule.legalBasis.trim() === '') at('legalBasis', 'is required: a fee without a legal basis may not be charged');
  if (rule.kind === 'FIXED') {
    if (!isFen(rule.amountFen) || rule.amountFen < 1 || rule.amountFen > MAX_FEE_FEN) at('amountFen', `must be an integer number of fen between 1 and ${MAX_FEE_FEN}`);
  } else {
    if (typeof rule.unit !== 'string' || rule.unit.trim() === '') at('unit', 'is required for a per-unit fee');
    if (!isFen(rule.amountFenPerUnit) || rule.amountFenPerUnit < 1 || rule.amountFenPerUnit > MAX_FEE_FEN) {
      at('amountFenPerUnit', `must be an integer number of fen between 1 and ${MAX_FEE_FEN}`);
    }
    if (rule.maxUnits !== undefined && (!Number.isSafeInteger(rule.maxUnits) || rule.maxUnits < 1)) at('maxUnits', 'must be a positive integer');
  }
  return violations;
}

/** The amount due for `units` (1 for fixed fees), in fen. */
export function feeDue(rule: FeeRule, units = 1): number {
  if (!Number.isSafeInteger(units) || units < 0) throw new RangeError('units must be a non-negative integer');
  switch (rule.kind) {
    case 'NONE':
      return 0;
    case 'FIXED':
      return units === 0 ? 0 : rule.amountFen;
    case 'PER_UNIT': {
      const billed = rule.maxUnits === undefined ? units : Math.min(units, rule.maxUnits);
      return billed * rule.amountFenPerUnit;
    }
  }
}
