import {
  AccessDecision,
  AccessPolicy,
  hasAnyRole,
  isStaff,
  ownedByPrincipal,
  Principal,
  Role,
} from '@onewindow/platform/auth';
import type { Application } from './application.repository';

/**
 * Who may do what with a case. Kept beside the case records so that every workflow feature (cases,
 * materials) applies the same policy without importing another feature.
 */
export type ApplicationAction =
  | 'read'
  | 'act-as-applicant'
  | 'act-at-window'
  | 'review'
  /** Pause, resume or ask for an extension: a reviewer or department admin of a department with a task. */
  | 'hold-review'
  /** Approve or reject an extension: a department admin of the owning department, or a supervisor. */
  | 'decide-extension'
  /** A department's own system: a service account bound to a department with a task on the case. */
  | 'decide-as-department-system';

interface CaseScope {
  ownerId: string;
  enterpriseId: string | null;
  servicePointId: string | null;
  owningDepartment: string;
  departmentCodes: readonly string[];
}

export function scopeOf(application: Application): CaseScope {
  return {
    ownerId: application.applicantId,
    enterpriseId: application.enterpriseId,
    servicePointId: application.servicePointId,
    owningDepartment: application.departmentCode,
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
    if (hasAnyRole(principal, Role.Service)) {
      const own = principal.departmentId !== undefined && scope.departmentCodes.includes(principal.departmentId);
      return action === 'decide-as-department-system' && own ? AccessDecision.Allow : AccessDecision.Forbid;
    }
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
        // Which of the two decides a task is the task's own role (ADR 0030), checked by the state machine.
        return inDepartment && hasAnyRole(principal, Role.DepartmentReviewer, Role.DepartmentAdmin) ? AccessDecision.Allow : AccessDecision.Forbid;
      case 'hold-review':
        return inDepartment ? AccessDecision.Allow : AccessDecision.Forbid;
      case 'decide-extension':
        return hasAnyRole(principal, Role.Supervisor) ||
          (hasAnyRole(principal, Role.DepartmentAdmin) && principal.departmentId === scope.owningDepartment)
          ? AccessDecision.Allow
          : AccessDecision.Forbid;
      case 'act-as-applicant':
      case 'decide-as-department-system':
        return AccessDecision.Forbid;
    }
  },
};
