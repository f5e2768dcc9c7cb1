import { JWTPayload } from 'jose';
import { principalFromClaims } from './claims';
import { Role } from './role';
import { TokenRejectedError } from './verification-errors';

const base: JWTPayload = {
  iss: 'https://identity.onewindow.local',
  aud: 'onewindow',
  sub: 'account-1',
  iat: 1_800_000_000,
  nbf: 1_800_000_000,
  exp: 1_800_000_600,
  jti: 'token-1',
  roles: ['citizen'],
};

// Deliberately malformed payloads do not fit JWTPayload's claim types.
function rejectionOf(payload: Record<string, unknown>): string {
  try {
    principalFromClaims(payload as JWTPayload);
  } catch (error) {
    if (error instanceof TokenRejectedError) return error.reason;
    throw error;
  }
  throw new Error('expected the claims to be rejected');
}

describe('principalFromClaims', () => {
  it('maps a citizen token to a principal with no organisation, no scopes and the expiry as a Date', () => {
    expect(principalFromClaims(base)).toEqual({
      id: 'account-1',
      roles: [Role.Citizen],
      scopes: [],
      tokenId: 'token-1',
      expiresAt: new Date(1_800_000_600_000),
    });
  });

  it('maps staff claims org, dept and sid to organisationId, departmentId and sessionId', () => {
    const principal = principalFromClaims({ ...base, roles: ['window_clerk'], org: 'org-a', dept: 'dept-1', sid: 'session-9' });
    expect(principal).toMatchObject({
      roles: [Role.WindowClerk],
      organisationId: 'org-a',
      departmentId: 'dept-1',
      sessionId: 'session-9',
    });
  });

  it('maps an enterprise agent ent claim to enterpriseId', () => {
    expect(principalFromClaims({ ...base, roles: ['enterprise_agent'], ent: 'ent-7' }).enterpriseId).toBe('ent-7');
  });

  it('splits the space-delimited scope claim into distinct scopes', () => {
    const principal = principalFromClaims({ ...base, roles: ['service'], scope: 'cases:read  licences:read cases:read' });
    expect(principal.scopes).toEqual(['cases:read', 'licences:read']);
  });

  it('drops role names it does not know and keeps the known ones', () => {
    expect(principalFromClaims({ ...base, roles: ['citizen', 'auditor', 'citizen'] }).roles).toEqual([Role.Citizen]);
  });

  it('returns a frozen principal so a handler cannot grant itself roles', () => {
    const principal = principalFromClaims(base);
    expect(Object.isFrozen(principal)).toBe(true);
    expect(Object.isFrozen(principal.roles)).toBe(true);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['roles missing', { ...base, roles: undefined }, 'claim.roles'],
    ['roles not an array', { ...base, roles: 'citizen' }, 'claim.roles'],
    ['roles holding a non-string', { ...base, roles: ['citizen', 1] }, 'claim.roles'],
    ['no known role', { ...base, roles: ['auditor'] }, 'claim.roles'],
    ['empty roles', { ...base, roles: [] }, 'claim.roles'],
    ['staff without org', { ...base, roles: ['department_reviewer'] }, 'claim.org'],
    ['dept without org', { ...base, dept: 'dept-1' }, 'claim.org'],
    ['enterprise agent without ent', { ...base, roles: ['enterprise_agent'] }, 'claim.ent'],
    ['empty sub', { ...base, sub: '' }, 'claim.sub'],
    ['numeric jti', { ...base, jti: 42 }, 'claim.jti'],
    ['non-string org', { ...base, roles: ['supervisor'], org: 7 }, 'claim.org'],
    ['non-string scope', { ...base, scope: ['a'] }, 'claim.scope'],
    ['empty sid', { ...base, sid: '' }, 'claim.sid'],
    ['exp missing', { ...base, exp: undefined }, 'claim.exp'],
  ])('refuses a token with %s', (_case, payload, reason) => {
    expect(rejectionOf(payload)).toBe(reason);
  });
});
