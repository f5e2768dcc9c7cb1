/** Roles identity puts in the `roles` claim of an access token. */
export enum Role {
  Citizen = 'citizen',
  EnterpriseAgent = 'enterprise_agent',
  WindowClerk = 'window_clerk',
  DepartmentReviewer = 'department_reviewer',
  Supervisor = 'supervisor',
  DepartmentAdmin = 'department_admin',
  PlatformAdmin = 'platform_admin',
  Service = 'service',
}

const ROLES: ReadonlySet<string> = new Set(Object.values(Role));

/** Government staff: they act for an organisation (and possibly a department), never for themselves. */
export const STAFF_ROLES: readonly Role[] = [
  Role.WindowClerk,
  Role.DepartmentReviewer,
  Role.Supervisor,
  Role.DepartmentAdmin,
  Role.PlatformAdmin,
];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && ROLES.has(value);
}

export function hasAnyRole(principal: { readonly roles: readonly Role[] }, ...roles: readonly Role[]): boolean {
  return roles.some((role) => principal.roles.includes(role));
}

export function isStaff(principal: { readonly roles: readonly Role[] }): boolean {
  return hasAnyRole(principal, ...STAFF_ROLES);
}
