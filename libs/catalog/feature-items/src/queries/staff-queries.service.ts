import { Injectable } from '@nestjs/common';
import { diffContent, VersionState } from '@onewindow/catalog/domain';
import { CatalogItemRepository, CatalogVersionRepository } from '@onewindow/catalog/data-access';
import { assertAccess, Principal } from '@onewindow/platform/auth';
import { CatalogException } from '../shared/catalog.exception';
import { itemAccessPolicy } from '../shared/item-access.policy';
import {
  ItemHistoryDto,
  StaffItemListDto,
  StaffItemVersionDto,
  toHistoryDto,
  toStaffItemRowDto,
  toStaffItemVersionDto,
  VersionDiffDto,
} from '../shared/mappers';

/** Version history, any version and diffs, for the department's admins and platform admins. */
@Injectable()
export class StaffItemQueries {
  constructor(
    private readonly items: CatalogItemRepository,
    private readonly versions: CatalogVersionRepository,
  ) {}

  /**
   * Department admins see their own department's items; platform admins see any department (the
   * review queue is `state=IN_REVIEW`).
   */
  async list(principal: Principal, query: { department?: string; state?: VersionState; page?: number; pageSize?: number }): Promise<StaffItemListDto> {
    const departmentCode = query.department ?? principal.departmentId;
    // Without a department only a platform admin may list (everything); a department admin lists their own.
    assertAccess(principal, 'read', { departmentCode: departmentCode ?? '*' }, itemAccessPolicy);
    const pageSize = query.pageSize ?? 50;
    const { total, rows } = await this.items.staffList({ departmentCode, state: query.state, limit: pageSize, offset: ((query.page ?? 1) - 1) * pageSize });
    return { total, items: rows.map(toStaffItemRowDto) };
  }

  async history(principal: Principal, code: string): Promise<ItemHistoryDto> {
    const item = await this.items.find(code);
    assertAccess(principal, 'read', item, itemAccessPolicy, { notFound: () => CatalogException.itemNotFound(code) });
    return toHistoryDto(item, await this.versions.history(code));
  }

  async version(principal: Principal, code: string, version: number): Promise<StaffItemVersionDto> {
    const item = await this.items.find(code);
    assertAccess(principal, 'read', item, itemAccessPolicy, { notFound: () => CatalogException.itemNotFound(code) });
    const found = await this.versions.find(code, version);
    if (!found) throw CatalogException.versionNotFound(code, version);
    return toStaffItemVersionDto(item, found);
  }

  async diff(principal: Principal, code: string, from: number, to: number): Promise<VersionDiffDto> {
    const item = await this.items.find(code);
    assertAccess(principal, 'read', item, itemAccessPolicy, { notFound: () => CatalogException.itemNotFound(code) });
    const [before, after] = await Promise.all([this.versions.find(code, from), this.versions.find(code, to)]);
    if (!before) throw CatalogException.versionNotFound(code, from);
    if (!after) throw CatalogException.versionNotFound(code, to);
    return { code, from, to, changes: diffContent(before.content, after.content) };
  }
}
