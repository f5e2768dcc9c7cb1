import { departmentOfOrganisation, LUOYUAN_DEPARTMENTS } from '@onewindow/domain/county';
import { SEEDED_DEPARTMENTS } from './1764403200001-seed-organisations';

describe('seeded departments', () => {
  it('are exactly the county department table, under the same names, so tokens carry the codes the catalogue uses', () => {
    for (const [slug, name] of SEEDED_DEPARTMENTS) {
      expect(departmentOfOrganisation(`350123-${slug}`)?.name).toBe(name);
    }
    expect(SEEDED_DEPARTMENTS.map(([slug]) => slug).sort()).toEqual(LUOYUAN_DEPARTMENTS.map((d) => d.slug).sort());
  });
});
