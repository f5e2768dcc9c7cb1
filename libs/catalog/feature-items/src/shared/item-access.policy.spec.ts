import { AccessDecision, Principal, Role } from '@onewindow/platform/auth';
import { itemAccessPolicy } from './item-access.policy';

const principal = (roles: Role[], departmentId?: string): Principal => ({
  id: 'p',
  roles,
  organisationId: 'luoyuan',
  ...(departmentId ? { departmentId } : {}),
  scopes: [],
  tokenId: 'jti',
  expiresAt: new Date('2030-01-01T00:00:00Z'),
});
const market = { departmentCode: '010' };

describe('item access policy', () => {
  it.each<[string, Principal, 'read' | 'edit' | 'review', AccessDecision]>([
    ['a department admin edits their own department', principal([Role.DepartmentAdmin], '010'), 'edit', AccessDecision.Allow],
    ['a department admin reads their own department', principal([Role.DepartmentAdmin], '010'), 'read', AccessDecision.Allow],
    ['a department admin edits another department', principal([Role.DepartmentAdmin], '003'), 'edit', AccessDecision.Forbid],
    ['a department admin reviews their own items', principal([Role.DepartmentAdmin], '010'), 'review', AccessDecision.Forbid],
    ['a department admin bound to no department', principal([Role.DepartmentAdmin]), 'edit', AccessDecision.Forbid],
    ['a platform admin reviews any item', principal([Role.PlatformAdmin]), 'review', AccessDecision.Allow],
    ['a platform admin reads any item', principal([Role.PlatformAdmin]), 'read', AccessDecision.Allow],
    ['a platform admin authors a guide', principal([Role.PlatformAdmin]), 'edit', AccessDecision.Forbid],
    ['a reviewer of the department edits', principal([Role.DepartmentReviewer], '010'), 'edit', AccessDecision.Forbid],
  ])('%s', (_case, who, action, expected) => {
    expect(itemAccessPolicy.decide(who, action, market)).toBe(expected);
  });
});
