import { AccessDecision, Principal, Role } from '@onewindow/platform/auth';
import { accountAccessPolicy } from './account-access.policy';

const principal = (id: string, roles: Role[], organisationId?: string): Principal => ({
  id,
  roles,
  scopes: [],
  tokenId: `jti-${id}`,
  expiresAt: new Date(Date.now() + 60_000),
  ...(organisationId !== undefined && { organisationId }),
});

const resident = { id: 'person-1', kind: 'person', organisationId: null };
const marketClerkAccount = { id: 'staff-1', kind: 'staff', organisationId: '350123-market-regulation' };

describe('account access policy', () => {
  it('lets holders read their own account, and hides others’ from citizens', () => {
    expect(accountAccessPolicy.decide(principal('person-1', [Role.Citizen]), 'read', resident)).toBe(AccessDecision.Allow);
    expect(accountAccessPolicy.decide(principal('person-2', [Role.Citizen]), 'read', resident)).toBe(AccessDecision.Conceal);
  });

  it('lets serving staff read residents, but not department admins', () => {
    expect(accountAccessPolicy.decide(principal('clerk', [Role.WindowClerk], '350123-admin-service-centre'), 'read-id-number', resident)).toBe(
      AccessDecision.Allow,
    );
    expect(accountAccessPolicy.decide(principal('admin', [Role.DepartmentAdmin], '350123-finance'), 'read', resident)).toBe(AccessDecision.Forbid);
  });

  it('lets a department admin whose token carries the department code manage the department’s staff', () => {
    const admin: Principal = { ...principal('a', [Role.DepartmentAdmin], '350123-market-regulation'), departmentId: '010' };
    expect(accountAccessPolicy.decide(admin, 'deactivate', marketClerkAccount)).toBe(AccessDecision.Allow);
    const police: Principal = { ...principal('p', [Role.DepartmentAdmin], '350123-public-security'), departmentId: '003' };
    expect(accountAccessPolicy.decide(police, 'deactivate', marketClerkAccount)).toBe(AccessDecision.Forbid);
  });

  it('keeps staff accounts inside their organisation, except reads by supervisors and platform admins', () => {
    expect(accountAccessPolicy.decide(principal('a', [Role.DepartmentAdmin], '350123-market-regulation'), 'read', marketClerkAccount)).toBe(
      AccessDecision.Allow,
    );
    expect(accountAccessPolicy.decide(principal('b', [Role.DepartmentAdmin], '350123-public-security'), 'read', marketClerkAccount)).toBe(
      AccessDecision.Forbid,
    );
    expect(accountAccessPolicy.decide(principal('c', [Role.Supervisor], '350123-efficiency-office'), 'read', marketClerkAccount)).toBe(
      AccessDecision.Allow,
    );
    expect(accountAccessPolicy.decide(principal('d', [Role.Supervisor], '350123-efficiency-office'), 'read-id-number', marketClerkAccount)).toBe(
      AccessDecision.Forbid,
    );
  });

  it('lets only admins of the organisation read a staff member’s full ID number', () => {
    expect(accountAccessPolicy.decide(principal('e', [Role.WindowClerk], '350123-market-regulation'), 'read-id-number', marketClerkAccount)).toBe(
      AccessDecision.Forbid,
    );
    expect(
      accountAccessPolicy.decide(principal('f', [Role.DepartmentAdmin], '350123-market-regulation'), 'read-id-number', marketClerkAccount),
    ).toBe(AccessDecision.Allow);
  });

  it('lets department admins deactivate staff of their organisation only, platform admins any, nobody a resident', () => {
    expect(accountAccessPolicy.decide(principal('g', [Role.DepartmentAdmin], '350123-market-regulation'), 'deactivate', marketClerkAccount)).toBe(
      AccessDecision.Allow,
    );
    expect(accountAccessPolicy.decide(principal('h', [Role.DepartmentAdmin], '350123-finance'), 'deactivate', marketClerkAccount)).toBe(
      AccessDecision.Forbid,
    );
    expect(accountAccessPolicy.decide(principal('i', [Role.Supervisor], '350123-market-regulation'), 'deactivate', marketClerkAccount)).toBe(
      AccessDecision.Forbid,
    );
    expect(accountAccessPolicy.decide(principal('j', [Role.PlatformAdmin], '350123'), 'deactivate', marketClerkAccount)).toBe(AccessDecision.Allow);
    expect(accountAccessPolicy.decide(principal('k', [Role.PlatformAdmin], '350123'), 'deactivate', resident)).toBe(AccessDecision.Forbid);
  });
});
