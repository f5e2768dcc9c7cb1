import { ItemType } from '@onewindow/catalog/domain';
import { toCsv } from './public-queries.service';

const row = (overrides: Partial<Parameters<typeof toCsv>[0][number]> = {}) => ({
  code: '350123-010-01-0001-8',
  name: '个体工商户设立登记',
  departmentCode: '010',
  departmentName: '罗源县市场监督管理局',
  type: ItemType.LICENSING,
  version: 1,
  effectiveFrom: '2026-11-01',
  legalBasis: '《促进个体工商户发展条例》',
  detail: '承诺时限1个工作日；不收费',
  ...overrides,
});

describe('list CSV export', () => {
  it('writes a BOM, a Chinese header and one CRLF line per row', () => {
    const csv = toCsv([row(), row({ code: '350123-010-01-0002-6' })]);
    expect(csv.startsWith('\uFEFF事项编码,事项名称')).toBe(true);
    expect(csv.split('\r\n')).toHaveLength(4);
  });

  it('quotes commas and quotes, and defuses spreadsheet formulas', () => {
    const csv = toCsv([row({ name: '甲,乙"丙"', detail: '=HYPERLINK("x")' })]);
    expect(csv).toContain('"甲,乙""丙"""');
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
  });
});
