import { departmentOfOrganisation } from '@onewindow/domain/county';
import { AccessDecision, AccessPolicy, hasAnyRole, isStaff, organisationScoped, Principal, Role } from '@onewindow/platform/auth';

export type AccountAction = 'read' | 'read-id-number' | 'deactivate';

export interface AccountResource {
  readonly id: string;
  readonly kind: string;
  /** Staff accounts only. */
  readonly organisationId: string | null;
}

const staffAccounts = organisationScoped<{ organisationId: string; departmentId: string | null }, AccountAction>({ readActions: ['read'] });

/** Staff who serve the public and may look a resident or enterprise up (masked; the full ID number with a purpose). */
const SERVING_ROLES = [Role.WindowClerk, Role.DepartmentReviewer, Role.Supervisor, Role.PlatformAdmin] as const;

/**
 * Who may read an account. A holder reads their own. Staff accounts belong to an organisation: staff
 * of another one are refused (403) unless supervisors or platform admins reading; department admins
 * deactivate staff of their own organisation, platform admins any staff. Residents' and
 * enterprises' accounts are read by serving staff only. Everyone else learns nothing (404).
 */
export const accountAccessPolicy: AccessPolicy<AccountResource, AccountAction> = {
  decide(principal: Principal, action: AccountAction, account: AccountResource): AccessDecision {
    if (principal.id === account.id) return AccessDecision.Allow;
    if (!isStaff(principal)) return AccessDecision.Conceal;
    if (account.organisationId !== null) {
      if (action === 'deactivate' && hasAnyRole(principal, Role.PlatformAdmin)) return AccessDecision.Allow;
      if (action !== 'read' && !hasAnyRole(principal, Role.DepartmentAdmin, Role.PlatformAdmin)) return AccessDecision.Forbid;
      // A department's staff tokens carry its code (`dept`); the account's organisation names the same department.
      const departmentId = departmentOfOrganisation(account.organisationId)?.code ?? null;
      return staffAccounts.decide(principal, action, { organisationId: account.organisationId, departmentId });
    }
    if (action === 'deactivate') return AccessDecision.Forbid;
    return hasAnyRole(principal, ...SERVING_ROLES) ? AccessDecision.Allow : AccessDecision.Forbid;
  },
};
