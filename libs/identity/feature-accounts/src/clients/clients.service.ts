import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { departmentOfOrganisation } from '@onewindow/domain/county';
import { OrganisationRepository, ServiceClientRepository } from '@onewindow/identity/data-access';
import { Role } from '@onewindow/platform/auth';
import { TransactionHost } from '@onewindow/platform/persistence';
import { IdentityException, IdentityExceptionCode } from '../identity.exception';
import { AuditTrail } from '../support/audit-trail';
import { LoginThrottle } from '../support/login-throttle';
import { Passwords } from '../support/passwords';
import { TokenIssuer } from '../tokens/token-issuer';
import { ClientCredentialsDto, ClientTokenResponse, CreateServiceClientDto, ServiceClientCreatedResponse } from './client.dto';

const invalidClient = () => new IdentityException(IdentityExceptionCode.INVALID_CLIENT, 'Unknown client or wrong secret.');

/** Department systems: registered by platform admins, tokens through client_credentials (role `service`). */
@Injectable()
export class ClientsService {
  constructor(
    private readonly clients: ServiceClientRepository,
    private readonly organisations: OrganisationRepository,
    private readonly passwords: Passwords,
    private readonly throttle: LoginThrottle,
    private readonly issuer: TokenIssuer,
    private readonly audit: AuditTrail,
    private readonly tx: TransactionHost,
  ) {}

  async create(dto: CreateServiceClientDto): Promise<ServiceClientCreatedResponse> {
    if (!(await this.organisations.findById(dto.organisationId))) {
      throw new IdentityException(IdentityExceptionCode.ORGANISATION_NOT_FOUND, 'No such organisation.', [
        { field: 'organisationId', reason: 'is not a known organisation' },
      ]);
    }
    if (await this.clients.findById(dto.clientId)) {
      throw new IdentityException(IdentityExceptionCode.ACCOUNT_EXISTS, 'A client with this id exists.', [{ field: 'clientId', reason: 'is taken' }]);
    }
    const clientSecret = randomBytes(32).toString('base64url');
    const scopes = [...new Set(dto.scopes)];
    const secretHash = await this.passwords.hash(clientSecret);
    await this.tx.transaction(async () => {
      await this.clients.insert({ clientId: dto.clientId, name: dto.name, organisationId: dto.organisationId, secretHash, scopes });
      await this.audit.record({ action: 'service-client.created', accountId: null, details: { clientId: dto.clientId, scopes } });
    });
    return { clientId: dto.clientId, clientSecret, scopes };
  }

  async token(dto: ClientCredentialsDto, address: string, authorization?: string): Promise<ClientTokenResponse> {
    await this.throttle.hitAddress(address);
    const credentials = clientCredentialsOf(dto, authorization);
    const subject = `client:${credentials.clientId}`;
    await this.throttle.assertNotLocked(subject);
    const client = await this.clients.findById(credentials.clientId);
    if (!(await this.passwords.verify(client?.secretHash, credentials.clientSecret)) || !client || !client.enabled) {
      await this.throttle.recordFailure(subject);
      throw invalidClient();
    }
    await this.throttle.recordSuccess(subject);
    const requested = dto.scope === undefined ? client.scopes : [...new Set(dto.scope.split(' ').filter(Boolean))];
    const unknown = requested.filter((scope) => !client.scopes.includes(scope));
    if (unknown.length > 0) {
      throw new IdentityException(IdentityExceptionCode.INVALID_SCOPE, 'The client may not request these scopes.', [
        { field: 'scope', reason: `not granted: ${unknown.join(' ')}` },
      ]);
    }
    const scope = requested.join(' ');
    // A department's system acts for its department: it carries the department's code like its staff.
    const dept = departmentOfOrganisation(client.organisationId)?.code;
    const access = await this.issuer.issue({ sub: client.clientId, roles: [Role.Service], org: client.organisationId, ...(dept ? { dept } : {}), scope });
    return { access_token: access.token, token_type: 'Bearer', expires_in: access.expiresIn, scope };
  }
}

/**
 * The client's id and secret from HTTP Basic authentication (each form-urlencoded, RFC 6749 2.3.1)
 * or from the body; one way only.
 */
function clientCredentialsOf(dto: ClientCredentialsDto, authorization: string | undefined): { clientId: string; clientSecret: string } {
  const basic = /^Basic ([A-Za-z0-9+/=]+)$/i.exec(authorization ?? '');
  if (basic?.[1]) {
    if (dto.client_id !== undefined || dto.client_secret !== undefined) {
      throw new IdentityException(IdentityExceptionCode.INVALID_CLIENT_REQUEST, 'Send the client credentials one way only.', [
        { field: 'client_id', reason: 'must not be in the body when HTTP Basic authentication is used' },
      ]);
    }
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const separator = decoded.indexOf(':');
    if (separator > 0) {
      const formDecode = (value: string) => decodeURIComponent(value.replace(/\+/g, ' '));
      return { clientId: formDecode(decoded.slice(0, separator)), clientSecret: formDecode(decoded.slice(separator + 1)) };
    }
    throw invalidClient();
  }
  if (dto.client_id === undefined || dto.client_secret === undefined) {
    throw new IdentityException(IdentityExceptionCode.INVALID_CLIENT_REQUEST, 'The client credentials are missing.', [
      { field: dto.client_id === undefined ? 'client_id' : 'client_secret', reason: 'is required without HTTP Basic authentication' },
    ]);
  }
  return { clientId: dto.client_id, clientSecret: dto.client_secret };
}
