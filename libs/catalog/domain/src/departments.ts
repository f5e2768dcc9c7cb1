import { LUOYUAN_DEPARTMENTS as COUNTY_DEPARTMENTS } from '@onewindow/domain/county';

/**
 * Departments that may own items, by the three-digit code used in item codes, from the county's one
 * department table (`@onewindow/domain/county`). A department admin's token carries the code in its
 * `dept` claim (ADR 0019).
 */
export const LUOYUAN_DEPARTMENTS: Readonly<Record<string, string>> = Object.freeze(
  Object.fromEntries(COUNTY_DEPARTMENTS.map((d) => [d.code, d.name])),
);

export function isDepartmentCode(code: unknown): code is string {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(LUOYUAN_DEPARTMENTS, code);
}
