import { ForbiddenException, NotFoundException } from '@nestjs/common';
import { Principal } from '../principal';
import { Role } from '../role';
import { AccessDecision, AccessPolicy, anyOf, assertAccess, can } from './access-policy';
import { organisationScoped, ownedByPrincipal, OrganisationScope, Owned } from './policies';

function principal(overrides: Partial<Principal> = {}): Principal {
  return {
    id: 'citizen-1',
    roles: [Role.Citizen],
    scopes: [],
    tokenId: 'jti-1',
    expiresAt: new Date('2030-01-01T00:00:00Z'),
    ...overrides,
  };
}

const citizen = principal();
const otherCitizen = principal({ id: 'citizen-2' });
const agent = principal({ id: 'agent-1', roles: [Role.EnterpriseAgent], enterpriseId: 'ent-1' });
const otherAgent = principal({ id: 'agent-2', roles: [Role.EnterpriseAgent], enterpriseId: 'ent-2' });
const service = principal({ id: 'svc-licence', roles: [Role.Service], scopes: ['cases:read'] });
const clerkA = principal({ id: 'clerk-a', roles: [Role.WindowClerk], organisationId: 'org-a' });
const reviewerA1 = principal({ id: 'rev-a1', roles: [Role.DepartmentReviewer], organisationId: 'org-a', departmentId: 'dept-1' });
const reviewerB1 = principal({ id: 'rev-b1', roles: [Role.DepartmentReviewer], organisationId: 'org-b', departmentId: 'dept-1' });
const supervisorA = principal({ id: 'sup-a', roles: [Role.Supervisor], organisationId: 'org-a' });
const platformAdmin = principal({ id: 'admin', roles: [Role.PlatformAdmin], organisationId: 'org-platform' });

type Case = OrganisationScope & Owned;
const caseA1: Case = { organisationId: 'org-a', departmentId: 'dept-1', ownerId: 'citizen-1' };
const caseA2: Case = { organisationId: 'org-a', departmentId: 'dept-2', ownerId: 'citizen-2' };
const caseAOrgWide: Case = { organisationId: 'org-a', departmentId: null, ownerId: 'citizen-2' };
const caseB1: Case = { organisationId: 'org-b', departmentId: 'dept-1', ownerId: 'citizen-2', enterpriseId: 'ent-1' };

const { Allow, Forbid, Conceal } = AccessDecision;

describe('organisationScoped', () => {
  const policy = organisationScoped<Case>();

  it.each<[string, Principal, string, Case, AccessDecision]>([
    ['an organisation-wide clerk reads a case of a department of their organisation', clerkA, 'read', caseA2, Allow],
    ['an organisation-wide clerk updates an organisation-wide case', clerkA, 'update', caseAOrgWide, Allow],
    ['a clerk of org A reads a case of org B', clerkA, 'read', caseB1, Forbid],
    ['a reviewer acts on a case of their department', reviewerA1, 'approve', caseA1, Allow],
    ['a reviewer acts on a case of another department of their organisation', reviewerA1, 'approve', caseA2, Forbid],
    ['a department-bound reviewer acts on an organisation-wide case', reviewerA1, 'read', caseAOrgWide, Forbid],
    ['a reviewer of org B acts on a case of a same-named department of org A', reviewerB1, 'read', caseA1, Forbid],
    ['a supervisor of org A reads a case of org B', supervisorA, 'read', caseB1, Allow],
    ['a supervisor of org A updates a case of org B', supervisorA, 'update', caseB1, Forbid],
    ['a supervisor of org A updates a case of org A', supervisorA, 'update', caseA2, Allow],
    ['a platform admin reads any case', platformAdmin, 'read', caseB1, Allow],
    ['a platform admin updates a case outside their organisation', platformAdmin, 'update', caseA1, Forbid],
    ['a citizen, even the owner, is not staff', citizen, 'read', caseA1, Conceal],
    ['an enterprise agent is not staff', agent, 'read', caseB1, Conceal],
    ['a service client is not staff', service, 'read', caseA1, Conceal],
  ])('%s: %s', (_case, who, action, resource, expected) => {
    expect(policy.decide(who, action, resource)).toBe(expected);
  });

  it('lets supervisors read everywhere only through the configured read actions', () => {
    const policy = organisationScoped<Case, 'view' | 'read'>({ readActions: ['view'] });
    expect(policy.decide(supervisorA, 'view', caseB1)).toBe(Allow);
    expect(policy.decide(supervisorA, 'read', caseB1)).toBe(Forbid);
  });
});

describe('ownedByPrincipal', () => {
  const policy = ownedByPrincipal<Case>();
  const withdrawOnly = ownedByPrincipal<Case, 'read' | 'withdraw' | 'approve'>({ actions: ['read', 'withdraw'] });

  it.each<[string, Principal, string, Case, AccessDecision]>([
    ['the applicant reads their own case', citizen, 'read', caseA1, Allow],
    ['a citizen reads another citizen\'s case', otherCitizen, 'read', caseA1, Conceal],
    ['an agent reads a case their enterprise owns', agent, 'read', caseB1, Allow],
    ['an agent of another enterprise reads it', otherAgent, 'read', caseB1, Conceal],
    ['an agent reads a case with no owning enterprise', agent, 'read', caseA1, Conceal],
    ['a staff member who is not the owner', clerkA, 'read', caseA1, Conceal],
  ])('%s: %s', (_case, who, action, resource, expected) => {
    expect(policy.decide(who, action, resource)).toBe(expected);
  });

  it('only counts enterprise ownership for principals holding the enterprise agent role', () => {
    const citizenWithEnt = principal({ id: 'citizen-3', enterpriseId: 'ent-1' });
    expect(policy.decide(citizenWithEnt, 'read', caseB1)).toBe(Conceal);
  });

  it('forbids the owner an action outside the allowed list, and still allows the listed ones', () => {
    expect(withdrawOnly.decide(citizen, 'approve', caseA1)).toBe(Forbid);
    expect(withdrawOnly.decide(citizen, 'withdraw', caseA1)).toBe(Allow);
  });
});

describe('anyOf', () => {
  const fixed = (decision: AccessDecision): AccessPolicy<Case> => ({ decide: () => decision });

  it.each<[AccessDecision[], AccessDecision]>([
    [[Conceal, Allow], Allow],
    [[Forbid, Allow], Allow],
    [[Conceal, Forbid], Forbid],
    [[Forbid, Conceal], Forbid],
    [[Conceal, Conceal], Conceal],
    [[], Conceal],
  ])('combines %p into %s', (decisions, expected) => {
    expect(anyOf(...decisions.map(fixed)).decide(citizen, 'read', caseA1)).toBe(expected);
  });

  it('gives owners and in-scope staff access to the same case and conceals it from everyone else', () => {
    const policy = anyOf(ownedByPrincipal<Case>(), organisationScoped<Case>());
    expect(policy.decide(citizen, 'read', caseA1)).toBe(Allow);
    expect(policy.decide(reviewerA1, 'read', caseA1)).toBe(Allow);
    expect(policy.decide(otherCitizen, 'read', caseA1)).toBe(Conceal);
    expect(policy.decide(reviewerB1, 'read', caseA1)).toBe(Forbid);
  });
});

describe('assertAccess', () => {
  const policy = anyOf(ownedByPrincipal<Case>(), organisationScoped<Case>());

  it('returns when the policy allows', () => {
    expect(() => assertAccess(citizen, 'read', caseA1, policy)).not.toThrow();
  });

  it('throws 404 for a resource the principal must not know exists', () => {
    expect(() => assertAccess(otherCitizen, 'read', caseA1, policy)).toThrow(NotFoundException);
  });

  it('throws 403 for staff acting outside their organisation', () => {
    expect(() => assertAccess(clerkA, 'read', caseB1, policy)).toThrow(ForbiddenException);
  });

  it.each([null, undefined])('throws the same 404 for a missing (%p) resource as for a concealed one', (missing) => {
    const notFound = () => new NotFoundException('case not found');
    const thrown = (resource: Case | null | undefined): unknown => {
      try {
        assertAccess(otherCitizen, 'read', resource, policy, { notFound });
      } catch (error) {
        return error;
      }
      return undefined;
    };
    const concealed = thrown(caseA1) as NotFoundException;
    const absent = thrown(missing) as NotFoundException;
    expect(absent).toBeInstanceOf(NotFoundException);
    expect(absent.getResponse()).toEqual(concealed.getResponse());
  });
});

describe('can', () => {
  it('filters a list down to what the principal may read', () => {
    const policy = anyOf(ownedByPrincipal<Case>(), organisationScoped<Case>());
    const visible = [caseA1, caseA2, caseB1].filter((resource) => can(reviewerA1, 'read', resource, policy));
    expect(visible).toEqual([caseA1]);
  });
});
