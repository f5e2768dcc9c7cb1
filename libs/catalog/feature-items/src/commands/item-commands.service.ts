import { Injectable } from '@nestjs/common';
import {
  assertCanStartDraft,
  assertEditable,
  CatalogErrorCode,
  formatItemCode,
  COUNTY_DIVISION_CODE,
  ITEM_TYPE_CODES,
  ItemContent,
  itemContentViolations,
  ItemType,
  parseItemCode,
  processAtPublication,
  proofsOutsideList,
  transition,
  VersionAction,
  VersionState,
  weightedTokens,
} from '@onewindow/catalog/domain';
import { CatalogItemRepository, CatalogVersionRepository, ItemRecord, RetainedProofRepository, VersionRecord } from '@onewindow/catalog/data-access';
import { assertAccess, Principal } from '@onewindow/platform/auth';
import { EventPublisher } from '@onewindow/platform/events';
import { RequestValidationException } from '@onewindow/platform/http';
import { TransactionHost } from '@onewindow/platform/persistence';
import { CatalogException, rule } from '../shared/catalog.exception';
import { ItemAction, itemAccessPolicy } from '../shared/item-access.policy';
import { plainContent } from '../shared/item-content.dto';
import { StaffItemVersionDto, toStaffItemVersionDto } from '../shared/mappers';
import { PublicCache } from '../shared/public-cache';

/** Today in China Standard Time, as YYYY-MM-DD. */
function todayInChina(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

export interface ImportedItem {
  code?: string;
  departmentCode: string;
  type: ItemType;
  content: ItemContent;
  effectiveFrom?: string;
}

/** Authoring and publication of items: drafts, review, publication, retirement. */
@Injectable()
export class ItemCommands {
  constructor(
    private readonly tx: TransactionHost,
    private readonly items: CatalogItemRepository,
    private readonly versions: CatalogVersionRepository,
    private readonly proofs: RetainedProofRepository,
    private readonly events: EventPublisher,
    private readonly cache: PublicCache,
  ) {}

  async create(principal: Principal, input: { departmentCode: string; type: ItemType; content: ItemContent }): Promise<StaffItemVersionDto> {
    assertAccess(principal, 'edit', { departmentCode: input.departmentCode }, itemAccessPolicy);
    const content = this.validContent(input.type, input.content);
    return this.tx.transaction(async () => {
      const code = await this.allocateCode(input.departmentCode, input.type);
      await this.items.insert({ code, departmentCode: input.departmentCode, type: input.type, serial: parseItemCode(code)?.serial ?? 0 });
      await this.versions.insert({ itemCode: code, version: 1, content, createdBy: principal.id });
      return this.staffView(code, 1);
    });
  }

  async editDraft(principal: Principal, code: string, input: ItemContent): Promise<StaffItemVersionDto> {
    return this.tx.transaction(async () => {
      const { item, latest } = await this.load(principal, code, 'edit');
      rule(() => assertEditable(latest.state, latest.version));
      await this.versions.update(code, latest.version, { content: this.validContent(item.type, input) });
      return this.staffView(code, latest.version);
    });
  }

  /** A new draft copying the latest version: how a published guide gets changed. */
  async startDraft(principal: Principal, code: string): Promise<StaffItemVersionDto> {
    return this.tx.transaction(async () => {
      const { latest } = await this.load(principal, code, 'edit');
      rule(() => assertCanStartDraft([latest.state]));
      const version = latest.version + 1;
      await this.versions.insert({ itemCode: code, version, content: latest.content, createdBy: principal.id });
      await this.items.setLatestVersion(code, version);
      return this.staffView(code, version);
    });
  }

  async submit(principal: Principal, code: string): Promise<StaffItemVersionDto> {
    return this.tx.transaction(async () => {
      const { latest } = await this.load(principal, code, 'edit');
      const state = rule(() => transition(latest.state, VersionAction.SUBMIT));
      await this.versions.update(code, latest.version, { state, submittedAt: new Date(), reviewNote: null });
      return this.staffView(code, latest.version);
    });
  }

  async reject(principal: Principal, code: string, note: string): Promise<StaffItemVersionDto> {
    return this.tx.transaction(async () => {
      const { latest } = await this.load(principal, code, 'review');
      const state = rule(() => transition(latest.state, VersionAction.REJECT));
      await this.versions.update(code, latest.version, { state, reviewNote: note });
      return this.staffView(code, latest.version);
    });
  }

  /**
   * Publishes the version in review: refused, with each offending material named, when it asks for
   * a proof outside the retained-proof list, and with each offending field named when its process
   * definition is unsound (ADR 0030). The previous published version is retired and the
   * `item.published` event carries the whole new version, all in one transaction.
   */
  async approve(principal: Principal, code: string, input: { effectiveFrom?: string; note?: string }): Promise<StaffItemVersionDto> {
    const view = await this.tx.transaction(async () => {
      const { item, latest } = await this.load(principal, code, 'review');
      const state = rule(() => transition(latest.state, VersionAction.APPROVE));
      await this.publish(item, latest, state, principal.id, input.effectiveFrom, input.note);
      return this.staffView(code, latest.version);
    });
    await this.cache.invalidate();
    return view;
  }

  async retire(principal: Principal, code: string, reason: string): Promise<StaffItemVersionDto> {
    const view = await this.tx.transaction(async () => {
      const item = await this.items.findForUpdate(code);
      assertAccess(principal, 'review', item, itemAccessPolicy, { notFound: () => CatalogException.itemNotFound(code) });
      if (item.publishedVersion === null) {
        throw new CatalogException(CatalogErrorCode.INVALID_VERSION_TRANSITION, `Item ${code} has no published version to retire`);
      }
      const current = (await this.versions.find(code, item.publishedVersion)) as VersionRecord;
      const state = rule(() => transition(current.state, VersionAction.RETIRE));
      const now = new Date();
      await this.versions.update(code, current.version, { state, retiredAt: now });
      await this.items.markRetired(code, now);
      await this.events.publish('gov.onewindow.catalog.item.retired.v1', {
        key: code,
        data: {
          code,
          version: current.version,
          departmentCode: item.departmentCode,
          type: item.type,
          publishedAt: (current.publishedAt as Date).toISOString(),
          effectiveFrom: current.effectiveFrom as string,
          retiredAt: now.toISOString(),
          reason,
          content: current.content,
        },
      });
      return this.staffView(code, current.version);
    });
    await this.cache.invalidate();
    return view;
  }

  /**
   * Loads a reviewed catalogue (demo data, migration from the old system) as published items, once:
   * an item whose code already exists is left alone. Returns whether it was imported.
   */
  async importPublished(actorId: string, input: ImportedItem): Promise<boolean> {
    const content = this.validContent(input.type, input.content);
    const imported = await this.tx.transaction(async () => {
      if (input.code && (await this.items.exists(input.code))) return false;
      const code = input.code ?? (await this.allocateCode(input.departmentCode, input.type));
      const parts = parseItemCode(code);
      if (!parts || parts.departmentCode !== input.departmentCode || parts.typeCode !== ITEM_TYPE_CODES[input.type]) {
        throw new RequestValidationException([{ field: 'code', reason: 'must be a valid item code of the given department and type' }]);
      }
      await this.items.insert({ code, departmentCode: input.departmentCode, type: input.type, serial: parts.serial });
      await this.versions.insert({ itemCode: code, version: 1, content, createdBy: actorId });
      const item = (await this.items.findForUpdate(code)) as ItemRecord;
      const draft = (await this.versions.find(code, 1)) as VersionRecord;
      const state = transition(transition(draft.state, VersionAction.SUBMIT), VersionAction.APPROVE);
      await this.publish(item, draft, state, actorId, input.effectiveFrom);
      return true;
    });
    if (imported) await this.cache.invalidate();
    return imported;
  }

  private async publish(item: ItemRecord, version: VersionRecord, state: VersionState, by: string, effectiveFrom?: string, note?: string): Promise<void> {
    const retained = await this.proofs.codesLocked();
    const offending = proofsOutsideList(version.content, retained);
    if (offending.length > 0) {
      throw new CatalogException(
        CatalogErrorCode.PROOF_NOT_RETAINED,
        `No proof outside the retained-proof list: ${offending.map((m) => `${m.name} (${m.proofCode})`).join('、')}`,
        offending.map((m) => ({ field: `content.${m.field}.proofCode`, reason: `${m.name}: proof ${m.proofCode} is not on the retained-proof list` })),
      );
    }
    const { process, violations } = processAtPublication(item.departmentCode, version.content);
    if (violations.length > 0) {
      throw new CatalogException(
        CatalogErrorCode.PROCESS_DEFINITION_INVALID,
        `The process definition is not sound: ${violations.map((v) => `${v.field} ${v.reason}`).join('; ')}`,
        violations,
      );
    }
    // A version published without a definition stores the default one, so every published version and event carries one.
    const content: ItemContent = version.content.process ? version.content : { ...version.content, process };
    const now = new Date();
    const effective = effectiveFrom ?? todayInChina(now);
    if (item.publishedVersion !== null) {
      await this.versions.update(item.code, item.publishedVersion, { state: VersionState.RETIRED, retiredAt: now });
    }
    await this.versions.update(item.code, version.version, {
      state,
      publishedAt: now,
      publishedBy: by,
      effectiveFrom: effective,
      ...(content !== version.content ? { content } : {}),
      ...(note ? { reviewNote: note } : {}),
    });
    await this.items.markPublished(item.code, {
      version: version.version,
      name: content.name,
      onlineLevel: content.onlineLevel,
      lifeEvents: content.lifeEvents,
      servicePoints: content.servicePoints,
      tokens: weightedTokens(content),
      changedAt: now,
    });
    await this.events.publish('gov.onewindow.catalog.item.published.v1', {
      key: item.code,
      data: {
        code: item.code,
        version: version.version,
        departmentCode: item.departmentCode,
        type: item.type,
        publishedAt: now.toISOString(),
        effectiveFrom: effective,
        ...(item.publishedVersion !== null ? { previousVersion: item.publishedVersion } : {}),
        content,
      },
    });
  }

  private async load(principal: Principal, code: string, action: ItemAction): Promise<{ item: ItemRecord; latest: VersionRecord }> {
    const item = await this.items.findForUpdate(code);
    assertAccess(principal, action, item, itemAccessPolicy, { notFound: () => CatalogException.itemNotFound(code) });
    const latest = (await this.versions.find(code, item.latestVersion)) as VersionRecord;
    return { item, latest };
  }

  private async allocateCode(departmentCode: string, type: ItemType): Promise<string> {
    const serial = await this.items.nextSerial(departmentCode, type);
    if (serial > 9999) throw new CatalogException(CatalogErrorCode.SERIALS_EXHAUSTED, `Department ${departmentCode} has no free serial for ${type}`);
    return formatItemCode({ divisionCode: COUNTY_DIVISION_CODE, departmentCode, typeCode: ITEM_TYPE_CODES[type], serial });
  }

  private validContent(type: ItemType, content: ItemContent): ItemContent {
    const plain = plainContent(content);
    const violations = itemContentViolations(type, plain);
    if (violations.length > 0) throw new RequestValidationException(violations);
    return plain;
  }

  private async staffView(code: string, version: number): Promise<StaffItemVersionDto> {
    const item = (await this.items.find(code)) as ItemRecord;
    return toStaffItemVersionDto(item, (await this.versions.find(code, version)) as VersionRecord);
  }
}
