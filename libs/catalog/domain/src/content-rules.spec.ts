import fc from 'fast-check';
import { ItemContent, itemContentViolations, processAtPublication } from './item-content';
import { ItemType, MaterialForm, MaterialSource, OnlineLevel, ServicePointKind } from './item-types';
import { proofsOutsideList } from './retained-proof-rule';
import { documentTokens, queryTokens, weightedTokens } from './search-tokens';
import { diffContent } from './version-diff';

function content(overrides: Partial<ItemContent> = {}): ItemContent {
  return {
    name: '个体工商户设立登记',
    aliases: ['办营业执照'],
    keywords: ['开店'],
    legalBasis: ['《促进个体工商户发展条例》'],
    onlineLevel: OnlineLevel.ZERO_TRIP,
    instant: false,
    statutoryDays: 15,
    promisedDays: 1,
    fee: { kind: 'NONE' },
    conditions: ['有经营能力的公民'],
    materials: [
      { name: '身份证明', form: MaterialForm.ELECTRONIC, copies: 1, originalRequired: false, source: MaterialSource.E_LICENCE, licenceType: 'RESIDENT_ID' },
      { name: '经营场所证明', form: MaterialForm.PAPER, copies: 1, originalRequired: true, source: MaterialSource.APPLICANT },
    ],
    steps: ['申请', '受理', '审查', '发照'],
    reviewRules: ['核对经营者身份'],
    servicePoints: [ServicePointKind.COUNTY_HALL, ServicePointKind.KIOSK],
    lifeEvents: ['开办企业'],
    themes: ['市场准入'],
    faqs: [],
    complaintChannels: ['12345'],
    responsibilities: [],
    ...overrides,
  };
}

describe('item content rules', () => {
  it('accepts a sound guide', () => {
    expect(itemContentViolations(ItemType.LICENSING, content())).toEqual([]);
  });

  it('names each field that breaks a cross-field rule', () => {
    const broken = content({
      promisedDays: 20,
      fee: { kind: 'FIXED', name: '工本费', amountFen: 500, legalBasis: '' },
      materials: [{ name: '无犯罪记录证明', form: MaterialForm.PAPER, copies: 1, originalRequired: true, source: MaterialSource.RETAINED_PROOF }],
      negativeMeasure: '禁止',
    });
    expect(itemContentViolations(ItemType.LICENSING, broken).map((v) => v.field).sort()).toEqual([
      'content.fee.legalBasis',
      'content.materials[0].proofCode',
      'content.negativeMeasure',
      'content.promisedDays',
    ]);
  });
});

describe('the process definition at publication', () => {
  it('publishes the default definition when the author gave none', () => {
    const { process, violations } = processAtPublication('010', content());
    expect(violations).toEqual([]);
    expect(process.stages).toEqual([{ name: '审查', days: 1, tasks: [{ departmentCode: '010', kind: 'REVIEW', role: 'department_reviewer' }] }]);
  });

  it('names each field of an unsound definition, as a reason', () => {
    const process = {
      version: 1 as const,
      acceptance: { roles: ['window_clerk' as const] },
      preReviewDays: 0,
      stages: [{ name: '并联审查', days: 2, tasks: [{ departmentCode: '003', kind: 'REVIEW' as const, role: 'department_reviewer' as const }] }],
    };
    expect(processAtPublication('010', content({ process })).violations).toEqual([
      { field: 'content.process.stages', reason: expect.stringContaining('more than the 1 promised') },
      { field: 'content.process.stages', reason: expect.stringContaining('owning department 010') },
    ]);
  });
});

describe('no proof outside the retained-proof list', () => {
  const proof = (name: string, proofCode: string) => ({
    name,
    form: MaterialForm.PAPER,
    copies: 1,
    originalRequired: true,
    source: MaterialSource.RETAINED_PROOF,
    proofCode,
  });

  it('names each material asking for a proof not on the list, and only those', () => {
    const guide = content({ materials: [proof('出生医学证明', 'ZM-001'), proof('居住证明', 'ZM-404'), proof('亲属关系证明', 'ZM-405')] });
    expect(proofsOutsideList(guide, new Set(['ZM-001']))).toEqual([
      { field: 'materials[1]', name: '居住证明', proofCode: 'ZM-404' },
      { field: 'materials[2]', name: '亲属关系证明', proofCode: 'ZM-405' },
    ]);
  });

  it('never lets through a proof whose code is off the list, whatever else the list holds', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.stringMatching(/^ZM-\d{3}$/), { maxLength: 8 }), fc.stringMatching(/^ZM-\d{3}$/), (listed, asked) => {
        const offending = proofsOutsideList(content({ materials: [proof('某证明', asked)] }), new Set(listed));
        expect(offending.length === 0).toBe(listed.includes(asked));
      }),
    );
  });

  it('ignores materials that are not proofs', () => {
    expect(proofsOutsideList(content(), new Set())).toEqual([]);
  });
});

describe('field-by-field diff', () => {
  it('lists changed, added and removed leaves with their paths', () => {
    const before = content();
    const after = content({
      promisedDays: 0,
      instant: true,
      aliases: ['办营业执照', '个体户执照'],
      materials: [before.materials[0] as ItemContent['materials'][number]],
    });
    expect(diffContent(before, after)).toEqual([
      { field: 'aliases[1]', kind: 'ADDED', after: '个体户执照' },
      { field: 'instant', kind: 'CHANGED', before: false, after: true },
      { field: 'materials[1]', kind: 'REMOVED', before: before.materials[1] },
      { field: 'promisedDays', kind: 'CHANGED', before: 1, after: 0 },
    ]);
  });

  it('finds nothing between a version and itself, and something whenever a leaf differs', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(diffContent(value, structuredClone(value))).toEqual([]);
      }),
    );
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        fc.pre(a !== b);
        expect(diffContent(content({ name: a }), content({ name: b }))).toEqual([{ field: 'name', kind: 'CHANGED', before: a, after: b }]);
      }),
    );
  });
});

describe('search tokens', () => {
  it('indexes characters and bigrams, and queries by bigrams', () => {
    expect(documentTokens('营业执照')).toEqual(['业', '业执', '执', '执照', '照', '营', '营业'].sort());
    expect(queryTokens('我要办营业执照')).toEqual(['办营', '我要', '执照', '业执', '营业', '要办'].sort());
    expect(queryTokens('证')).toEqual(['证']);
    expect(queryTokens('ICP 备案')).toEqual(['icp', '备案']);
  });

  it('weighs each token by the best field it appears in', () => {
    const weights = weightedTokens({ name: '出生登记', aliases: ['报户口'], keywords: ['户口', '登记'], lifeEvents: ['出生'], themes: [] });
    expect(weights.get('出生')).toBe(3);
    expect(weights.get('登记')).toBe(3);
    expect(weights.get('户口')).toBe(2);
    expect(weights.get('报户')).toBe(2);
  });

  it('finds every bigram of a phrase in a document that contains the phrase', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[\u4e00-\u9fa5]{1,8}$/), fc.stringMatching(/^[\u4e00-\u9fa5]{0,6}$/), (phrase, around) => {
        const doc = new Set(documentTokens(`${around}${phrase}${around}`));
        expect(queryTokens(phrase).every((token) => doc.has(token))).toBe(true);
      }),
    );
  });
});
