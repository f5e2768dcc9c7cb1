/** Luoyuan County, Fuzhou, Fujian: the administrative division code every item and organisation id starts with. */
export const LUOYUAN_DIVISION_CODE = '350123';

export interface CountyDepartment {
  /** Three digits: in item codes (`350123-010-…`), catalogue ownership and staff tokens' `dept` claim. */
  readonly code: string;
  /** Identity's organisation id is `350123-<slug>`; staff tokens carry it as `org`. */
  readonly slug: string;
  readonly name: string;
}

/**
 * The county departments OneWindow knows, with the one code each service uses for them. Reference
 * data shared by identity (organisations, token claims), the catalogue (item ownership) and the
 * workflow (review tasks): change it here, in one place, with a migration in each service that stores it.
 */
export const LUOYUAN_DEPARTMENTS: readonly CountyDepartment[] = [
  { code: '001', slug: 'development-reform', name: '罗源县发展和改革局' },
  { code: '002', slug: 'education', name: '罗源县教育局' },
  { code: '003', slug: 'public-security', name: '罗源县公安局' },
  { code: '004', slug: 'civil-affairs', name: '罗源县民政局' },
  { code: '005', slug: 'finance', name: '罗源县财政局' },
  { code: '006', slug: 'human-resources-social-security', name: '罗源县人力资源和社会保障局' },
  { code: '007', slug: 'natural-resources', name: '罗源县自然资源局' },
  { code: '008', slug: 'housing-construction', name: '罗源县住房和城乡建设局' },
  { code: '009', slug: 'health', name: '罗源县卫生健康局' },
  { code: '010', slug: 'market-regulation', name: '罗源县市场监督管理局' },
  { code: '011', slug: 'admin-service-centre', name: '罗源县行政（市民）服务中心管理委员会' },
  { code: '012', slug: 'approval-reform-office', name: '罗源县审改办' },
  { code: '013', slug: 'digital-office', name: '罗源县数字办' },
  { code: '014', slug: 'efficiency-office', name: '罗源县效能办' },
];

const BY_CODE = new Map(LUOYUAN_DEPARTMENTS.map((d) => [d.code, d]));
const BY_ORGANISATION = new Map(LUOYUAN_DEPARTMENTS.map((d) => [`${LUOYUAN_DIVISION_CODE}-${d.slug}`, d]));

export function departmentByCode(code: string): CountyDepartment | undefined {
  return BY_CODE.get(code);
}

/** The department an organisation id names (`350123-market-regulation` → 010), if it is one. */
export function departmentOfOrganisation(organisationId: string): CountyDepartment | undefined {
  return BY_ORGANISATION.get(organisationId);
}

export function organisationIdOf(department: CountyDepartment): string {
  return `${LUOYUAN_DIVISION_CODE}-${department.slug}`;
}
