import { Principal } from '../principal';
import { hasAnyRole, isStaff, Role } from '../role';
import { AccessDecision, AccessPolicy } from './access-policy';

export interface OrganisationScope {
  readonly organisationId: string;
  /** Absent or null: the resource belongs to the organisation as a whole. */
  readonly departmentId?: string | null;
}

export interface OrganisationScopedOptions<TAction extends string> {
  /** Actions supervisors and platform admins may take on any organisation's resources. Default `['read']`. */
  readonly readActions?: readonly TAction[];
}

/**
 * Staff act only inside their organisation and, when their token names a department, inside that
 * department (an organisation-wide resource is then out of reach too). Supervisors and platform
 * admins may take `readActions` anywhere. Non-staff get Conceal: combine with `ownedByPrincipal`
 * through `anyOf` for resources citizens or enterprises own. Which actions a role may take at all is
 * still @Roles' and the use case's business.
 */
export function organisationScoped<TResource extends OrganisationScope, TAction extends string = string>(
  options: OrganisationScopedOptions<TAction> = {},
): AccessPolicy<TResource, TAction> {
  const readActions: readonly string[] = options.readActions ?? ['read'];
  return {
    decide(principal: Principal, action: TAction, resource: TResource): AccessDecision {
      if (!isStaff(principal)) return AccessDecision.Conceal;
      if (readActions.includes(action) && hasAnyRole(principal, Role.Supervisor, Role.PlatformAdmin)) {
        return AccessDecision.Allow;
      }
      if (principal.organisationId === undefined || principal.organisationId !== resource.organisationId) {
        return AccessDecision.Forbid;
      }
      if (principal.departmentId !== undefined && principal.departmentId !== resource.departmentId) {
        return AccessDecision.Forbid;
      }
      return AccessDecision.Allow;
    },
  };
}

export interface Owned {
  /** Principal id (`sub`) of the person who owns the resource, e.g. the applicant. */
  readonly ownerId: string;
  /** Set when an enterprise owns it; its agents share access. */
  readonly enterpriseId?: string | null;
}

export interface OwnedByPrincipalOptions<TAction extends string> {
  /** Actions the owner may take; others are Forbid. Default: every action. */
  readonly actions?: readonly TAction[];
}

/**
 * The owner, or an enterprise agent of the owning enterprise, may act; anyone else gets Conceal
 * (a citizen must not learn that another citizen's case exists).
 */
export function ownedByPrincipal<TResource extends Owned, TAction extends string = string>(
  options: OwnedByPrincipalOptions<TAction> = {},
): AccessPolicy<TResource, TAction> {
  return {
    decide(principal: Principal, action: TAction, resource: TResource): AccessDecision {
      const owns =
        principal.id === resource.ownerId ||
        (hasAnyRole(principal, Role.EnterpriseAgent) &&
          principal.enterpriseId !== undefined &&
          principal.enterpriseId === resource.enterpriseId);
      if (!owns) return AccessDecision.Conceal;
      if (options.actions !== undefined && !options.actions.includes(action)) return AccessDecision.Forbid;
      return AccessDecision.Allow;
    },
  };
}
