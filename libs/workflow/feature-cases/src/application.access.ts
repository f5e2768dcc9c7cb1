import {
  AccessDecision,
  AccessPolicy,
  hasAnyRole,
  isStaff,
  ownedByPrincipal,
  Principal,
  Role,
} from '@onewindow/platform/auth';
import type { Application } from '@onewindow/workflow/data-access';

export type ApplicationAction = 'read' | 'act-as-applicant' | 'act-at-window' | 'review';

interface CaseScope {
  ownerId: string;
  enterpriseId: string | null;
  servicePointId: string | null;
  departmentCodes: readonly string[];
}

export function scopeOf(application: Application): CaseScope {
  return {
    ownerId: application.applicantId,
    enterpriseId: application.enterpriseId,
    servicePointId: application.servicePointId,
    departmentCodes: [application.departmentCode, ...application.tasks.map((t) => t.departmentId)],
  };
}

const owner = ownedByPrincipal<CaseScope, ApplicationAction>({ actions: ['read', 'act-as-applicant'] });

/**
 * Applicants see their own or their enterprise's cases; window clerks those of their service point;
 * reviewers those their department reviews; supervisors and platform admins read everything. A
 * citizen learns nothing of other cases (404); staff outside the case's scope get 403.
 */
export const applicationPolicy: AccessPolicy<CaseScope, ApplicationAction> = {
  decide(principal: Principal, action: ApplicationAction, scope: CaseScope): AccessDecision {
    if (!isStaff(principal)) return owner.decide(principal, action, scope);
    if (action === 'read' && hasAnyRole(principal, Role.Supervisor, Role.PlatformAdmin)) return AccessDecision.Allow;
    const atWindow = hasAnyRole(principal, Role.WindowClerk) && principal.organisationId === scope.servicePointId;
    const inDepartment =
      hasAnyRole(principal, Role.DepartmentReviewer, Role.DepartmentAdmin) &&
      principal.departmentId !== undefined &&
      scope.departmentCodes.includes(principal.departmentId);
    switch (action) {
      case 'read':
        return atWindow || inDepartment ? AccessDecision.Allow : AccessDecision.Forbid;
      case 'act-at-window':
        return atWindow ? AccessDecision.Allow : AccessDecision.Forbid;
      case 'review':
        return inDepartment && hasAnyRole(principal, Role.DepartmentReviewer) ? AccessDecision.Allow : AccessDecision.Forbid;
      case 'act-as-applicant':
        return AccessDecision.Forbid;
    }
  },
};
