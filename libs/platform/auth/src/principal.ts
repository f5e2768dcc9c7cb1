import { Role } from './role';

/** The caller of a request, built from a verified access token. */
export interface Principal {
  /** `sub`: account id for people, client id for service clients. */
  readonly id: string;
  readonly roles: readonly Role[];
  /** `org`: present for staff. */
  readonly organisationId?: string;
  /** `dept`: present for staff bound to one department. */
  readonly departmentId?: string;
  /** `ent`: present for enterprise agents. */
  readonly enterpriseId?: string;
  /** `scope`, split on spaces; empty unless a service client got scopes through client_credentials. */
  readonly scopes: readonly string[];
  /** `sid`: the session (refresh-token family) the token belongs to. */
  readonly sessionId?: string;
  /** `jti` */
  readonly tokenId: string;
  /** `exp` */
  readonly expiresAt: Date;
}
