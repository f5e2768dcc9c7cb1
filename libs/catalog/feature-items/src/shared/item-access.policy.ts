import { AccessDecision, AccessPolicy, Principal, Role } from '@onewindow/platform/auth';

export type ItemAction = 'read' | 'edit' | 'review';

/**
 * Department admins read and edit their own department's items (the `dept` claim is the catalogue
 * department code, ADR 0019); platform admins read and review every item but do not author guides,
 * so the approver is never the author.
 */
export const itemAccessPolicy: AccessPolicy<{ departmentCode: string }, ItemAction> = {
  decide(principal: Principal, action: ItemAction, item: { departmentCode: string }): AccessDecision {
    if (principal.roles.includes(Role.PlatformAdmin) && (action === 'read' || action === 'review')) return AccessDecision.Allow;
    if (principal.roles.includes(Role.DepartmentAdmin) && principal.departmentId === item.departmentCode && action !== 'review') {
      return AccessDecision.Allow;
    }
    return AccessDecision.Forbid;
  },
};
