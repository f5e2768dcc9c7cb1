import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AccountRepository } from '@onewindow/identity/data-access';
import { Role } from '@onewindow/platform/auth';
import { RequestContext } from '@onewindow/platform/observability';
import { StaffService } from './staff.service';

/** The county organisation platform admins belong to. */
export const COUNTY_ORGANISATION_ID = '350123';

export interface FirstPlatformAdmin {
  readonly idNumber: string;
  readonly name: string;
  readonly password: string;
}

/**
 * Staff accounts are created by admins, so the very first platform admin is created by an operator
 * command (`create-platform-admin.js`), once: it does nothing when an active platform admin exists.
 */
@Injectable()
export class PlatformAdminBootstrap {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly staff: StaffService,
  ) {}

  /** Returns the new account's id, or undefined when a platform admin already exists. */
  async createIfNone(admin: FirstPlatformAdmin): Promise<string | undefined> {
    if (await this.accounts.anyActiveStaffWithRole(Role.PlatformAdmin)) return undefined;
    const operator = { id: 'platform-bootstrap', type: 'system' as const, roles: [Role.PlatformAdmin], organisationId: COUNTY_ORGANISATION_ID };
    const id = randomUUID();
    const created = await RequestContext.run({ requestId: id, correlationId: id, actor: operator }, () =>
      this.staff.createStaff(
        { id: operator.id, roles: [Role.PlatformAdmin], organisationId: COUNTY_ORGANISATION_ID, scopes: [], tokenId: id, expiresAt: new Date() },
        { idNumber: admin.idNumber, name: admin.name, password: admin.password, organisationId: COUNTY_ORGANISATION_ID, roles: [Role.PlatformAdmin] },
      ),
    );
    return created.id;
  }
}
