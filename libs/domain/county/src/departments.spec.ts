import { departmentByCode, departmentOfOrganisation, LUOYUAN_DEPARTMENTS, organisationIdOf } from './departments';

describe('Luoyuan departments', () => {
  it('gives every department a distinct three-digit code and slug', () => {
    expect(LUOYUAN_DEPARTMENTS.every((d) => /^[0-9]{3}$/.test(d.code))).toBe(true);
    expect(new Set(LUOYUAN_DEPARTMENTS.map((d) => d.code)).size).toBe(LUOYUAN_DEPARTMENTS.length);
    expect(new Set(LUOYUAN_DEPARTMENTS.map((d) => d.slug)).size).toBe(LUOYUAN_DEPARTMENTS.length);
  });

  it('maps identity organisation ids to department codes and back', () => {
    expect(departmentOfOrganisation('350123-market-regulation')?.code).toBe('010');
    expect(departmentOfOrganisation('350123-fengshan-centre')).toBeUndefined();
    const health = departmentByCode('009');
    expect(health && organisationIdOf(health)).toBe('350123-health');
  });
});
