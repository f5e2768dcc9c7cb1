import fc from 'fast-check';
import { checkMaterials, ItemMaterial, MaterialsCheckInput, MaterialSourceKind, requiredOfApplicant, UploadFacts } from './materials-check';

const now = new Date('2026-11-30T02:00:00Z');
const later = new Date('2026-12-01T02:00:00Z');
const mine = (overrides: Partial<UploadFacts> = {}): UploadFacts => ({ ownerId: 'person-1', expiresAt: later, attachedTo: null, ...overrides });

const item: ItemMaterial[] = [
  { name: '申请书', source: 'APPLICANT' },
  { name: '场所证明', source: 'RETAINED_PROOF' },
  { name: '营业执照', source: 'E_LICENCE', licenceType: 'BUSINESS_LICENCE' },
  { name: '户籍信息', source: 'DEPARTMENT_DATA' },
];

function check(overrides: Partial<MaterialsCheckInput>) {
  return checkMaterials({
    itemCode: '350123-010-01-0001-1',
    itemMaterials: item,
    offered: [],
    uploads: new Map([['u1', mine()], ['u2', mine()]]),
    uploaderId: 'person-1',
    now,
    requireComplete: true,
    ...overrides,
  });
}

describe('checkMaterials', () => {
  it('accepts a complete online set of uploads and an e-licence reference', () => {
    const result = check({
      offered: [
        { name: '申请书', uploadId: 'u1' },
        { name: '场所证明', uploadId: 'u2' },
        { name: '营业执照', licenceId: 'BL-350123-0001' },
      ],
    });
    expect(result).toEqual({
      errors: [],
      missing: [],
      accepted: [
        { index: 0, name: '申请书', source: 'UPLOAD', uploadId: 'u1' },
        { index: 1, name: '场所证明', source: 'UPLOAD', uploadId: 'u2' },
        { index: 2, name: '营业执照', source: 'E_LICENCE', licenceId: 'BL-350123-0001', licenceType: 'BUSINESS_LICENCE' },
      ],
    });
  });

  it('names a material the item does not list', () => {
    expect(check({ offered: [{ name: '身份证', uploadId: 'u1' }] }).errors).toEqual([
      { field: 'materials[0].name', reason: 'is not a material of item 350123-010-01-0001-1' },
    ]);
  });

  it('refuses duplicates, department data and a licence for a material the applicant provides', () => {
    const { errors } = check({
      offered: [
        { name: '申请书', uploadId: 'u1' },
        { name: '申请书', uploadId: 'u2' },
        { name: '户籍信息', uploadId: 'u2' },
        { name: '场所证明', licenceId: 'BL-350123-0001' },
      ],
    });
    expect(errors.map((e) => e.field)).toEqual(['materials[1].name', 'materials[2].name', 'materials[3].licenceId']);
  });

  it('requires exactly one of uploadId and licenceId', () => {
    const { errors } = check({ offered: [{ name: '营业执照' }, { name: '申请书', uploadId: 'u1', licenceId: 'BL-350123-0001' }], requireComplete: false });
    expect(errors.map((e) => e.field)).toEqual(['materials[0].uploadId', 'materials[1].uploadId']);
  });

  it("refuses someone else's, an unknown, an expired, an attached and a reused upload", () => {
    const { errors } = check({
      uploads: new Map([
        ['theirs', mine({ ownerId: 'person-2' })],
        ['old', mine({ expiresAt: now })],
        ['used', mine({ attachedTo: 'another-case' })],
        ['u1', mine()],
      ]),
      offered: [
        { name: '申请书', uploadId: 'theirs' },
        { name: '场所证明', uploadId: 'nowhere' },
      ],
    });
    expect(errors.map((e) => e.reason)).toEqual(['is not an upload of yours', 'is not an upload of yours']);
    const second = check({
      uploads: new Map([['old', mine({ expiresAt: now })], ['used', mine({ attachedTo: 'another-case' })], ['u1', mine()]]),
      offered: [
        { name: '申请书', uploadId: 'old' },
        { name: '场所证明', uploadId: 'used' },
        { name: '营业执照', uploadId: 'u1' },
      ],
      itemMaterials: [...item.slice(0, 2), { name: '营业执照', source: 'APPLICANT' }],
    });
    expect(second.errors.map((e) => e.field)).toEqual(['materials[0].uploadId', 'materials[1].uploadId']);
    const reused = check({ offered: [{ name: '申请书', uploadId: 'u1' }, { name: '场所证明', uploadId: 'u1' }] });
    expect(reused.errors).toEqual([{ field: 'materials[1].uploadId', reason: 'is already attached to a material' }]);
  });

  it('refuses a malformed licence number', () => {
    expect(check({ offered: [{ name: '营业执照', licenceId: 'x' }], requireComplete: false }).errors).toEqual([
      { field: 'materials[0].licenceId', reason: 'is not a licence number' },
    ]);
  });

  it('lists what is missing only when the set must be complete', () => {
    expect(check({ offered: [{ name: '申请书', uploadId: 'u1' }] }).missing).toEqual(['场所证明']);
    expect(check({ offered: [], requireComplete: false }).missing).toEqual([]);
  });

  describe('properties', () => {
    const sources: MaterialSourceKind[] = ['APPLICANT', 'E_LICENCE', 'DEPARTMENT_DATA', 'RETAINED_PROOF'];
    const itemArb = fc.uniqueArray(fc.record({ name: fc.string({ minLength: 1, maxLength: 6 }), source: fc.constantFrom(...sources) }), {
      selector: (m) => m.name,
      maxLength: 8,
    });

    it('offering each required material with a fresh upload of ones own is always accepted and complete', () => {
      fc.assert(
        fc.property(itemArb, (materials) => {
          const required = requiredOfApplicant(materials);
          const uploads = new Map(required.map((_, i) => [`u${i}`, mine()]));
          const result = check({ itemMaterials: materials, offered: required.map((name, i) => ({ name, uploadId: `u${i}` })), uploads });
          return result.errors.length === 0 && result.missing.length === 0 && result.accepted.length === required.length;
        }),
      );
    });

    it('missing is exactly the required materials not offered, and nothing is accepted twice', () => {
      fc.assert(
        fc.property(itemArb, fc.array(fc.boolean(), { maxLength: 8 }), (materials, keep) => {
          const required = requiredOfApplicant(materials);
          const offeredNames = required.filter((_, i) => keep[i] ?? false);
          const uploads = new Map(offeredNames.map((_, i) => [`u${i}`, mine()]));
          const result = check({ itemMaterials: materials, offered: offeredNames.map((name, i) => ({ name, uploadId: `u${i}` })), uploads });
          const expected = required.filter((name) => !offeredNames.includes(name));
          const names = result.accepted.map((a) => a.name);
          return JSON.stringify(result.missing) === JSON.stringify(expected) && new Set(names).size === names.length;
        }),
      );
    });

    it('a name outside the item is always reported at its own index and never accepted', () => {
      fc.assert(
        fc.property(itemArb, fc.string({ minLength: 7, maxLength: 10 }), fc.nat(5), (materials, stranger, position) => {
          const offered = requiredOfApplicant(materials).map((name, i) => ({ name, uploadId: `u${i}` }));
          const index = Math.min(position, offered.length);
          offered.splice(index, 0, { name: stranger, uploadId: 'x' });
          const uploads = new Map(offered.map((o) => [o.uploadId, mine()]));
          const result = check({ itemMaterials: materials, offered, uploads });
          return result.errors.some((e) => e.field === `materials[${index}].name`) && !result.accepted.some((a) => a.name === stranger);
        }),
      );
    });
  });
});
