import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { assertAccess, hasAnyRole, Principal, Role } from '@onewindow/platform/auth';
import { FieldError } from '@onewindow/platform/http';
import { TransactionHost } from '@onewindow/platform/persistence';
import { OBJECT_STORAGE, ObjectContent, ObjectStorage } from '@onewindow/platform/storage';
import {
  Application,
  ApplicationAction,
  ApplicationMaterial,
  applicationPolicy,
  ApplicationRepository,
  auditActOf,
  AuditTrailRepository,
  CatalogCopyRepository,
  ListedMaterial,
  MaterialRepository,
  scopeOf,
} from '@onewindow/workflow/data-access';
import { checkMaterials, ItemMaterial, OfferedMaterial } from '@onewindow/workflow/domain';
import { E_LICENCE_VERIFIER, ELicenceVerifier } from '../licences/e-licence-verifier';
import { MaterialException, MaterialExceptionCode } from '../material.exception';

function materialsOf(itemContent: unknown): ItemMaterial[] {
  const materials = (itemContent as { materials?: unknown } | null | undefined)?.materials;
  return Array.isArray(materials) ? (materials as ItemMaterial[]) : [];
}

/** A case's materials: checked against the item's list, attached per round, listed and downloaded. */
@Injectable()
export class MaterialsService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly materials: MaterialRepository,
    private readonly applications: ApplicationRepository,
    private readonly catalog: CatalogCopyRepository,
    private readonly audit: AuditTrailRepository,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    @Inject(E_LICENCE_VERIFIER) private readonly licences: ELicenceVerifier,
  ) {}

  /**
   * Attaches the materials of a submission. Runs in the submission's transaction, after its case row
   * is written: any refusal (400, 422, 503) rolls the whole submission back. Online, every material
   * the applicant provides must be there; a window clerk may take a case in without them (the paper
   * originals are checked at the window, ADR 0028).
   */
  async attachAtSubmission(
    principal: Principal,
    application: Application,
    itemContent: unknown,
    offered: readonly OfferedMaterial[],
  ): Promise<void> {
    const requireComplete = !hasAnyRole(principal, Role.WindowClerk);
    await this.attach(principal, application, itemContent, offered, { requireComplete, round: 0 });
  }

  /** Replacements and additions while a supplement is requested, recorded as that round's. */
  attachForSupplement(principal: Principal, applicationId: string, offered: readonly OfferedMaterial[]): Promise<ListedMaterial[]> {
    return this.tx.transaction(async () => {
      const byClerk = hasAnyRole(principal, Role.WindowClerk);
      const application = await this.load(principal, applicationId, byClerk ? 'act-at-window' : 'act-as-applicant', true);
      if (application.status !== 'SUPPLEMENT_REQUESTED') {
        throw new MaterialException(MaterialExceptionCode.NOT_ALLOWED_NOW, 'Materials can be added only while a supplement is requested');
      }
      const item = await this.catalog.findVersion(application.itemCode, application.itemVersion);
      await this.attach(principal, application, item?.content, offered, { requireComplete: false, round: application.supplementRounds });
      await this.audit.append(auditActOf(application, principal, 'ATTACH_MATERIALS', application.status, offered.map((m) => m.name).join('；')), application.auditHead);
      return this.materials.listForApplication(application.id);
    });
  }

  list(principal: Principal, applicationId: string): Promise<ListedMaterial[]> {
    return this.tx.transaction(async () => {
      await this.load(principal, applicationId, 'read', false);
      return this.materials.listForApplication(applicationId);
    });
  }

  /** The file of an uploaded material, verified against its SHA-256 by the storage. */
  content(principal: Principal, applicationId: string, materialId: string): Promise<ObjectContent> {
    return this.tx.transaction(async () => {
      await this.load(principal, applicationId, 'read', false);
      const material = await this.materials.findMaterial(applicationId, materialId);
      if (!material?.storageKey) throw MaterialException.notFound();
      const content = await this.storage.get(material.storageKey);
      if (!content) throw MaterialException.notFound();
      return content;
    });
  }

  private async attach(
    principal: Principal,
    application: Application,
    itemContent: unknown,
    offered: readonly OfferedMaterial[],
    options: { requireComplete: boolean; round: number },
  ): Promise<void> {
    const uploadIds = [...new Set(offered.flatMap((m) => (m.uploadId ? [m.uploadId] : [])))];
    const uploads = await this.materials.findUploadsForUpdate(uploadIds);
    const result = checkMaterials({
      itemCode: application.itemCode,
      itemMaterials: materialsOf(itemContent),
      offered,
      uploads: new Map(uploads.map((u) => [u.id, u])),
      uploaderId: principal.id,
      now: new Date(),
      requireComplete: options.requireComplete,
    });
    if (result.errors.length > 0) throw invalid(result.errors);
    if (result.missing.length > 0) {
      throw new MaterialException(
        MaterialExceptionCode.INCOMPLETE,
        `Materials the item requires are missing: ${result.missing.join('、')}`,
        result.missing.map((name) => ({ field: 'materials', reason: `must include ${name}` })),
      );
    }
    const holderId = application.enterpriseId ?? application.applicantId;
    const refused: FieldError[] = [];
    const verified = new Map<number, boolean>();
    for (const material of result.accepted) {
      if (material.source !== 'E_LICENCE' || !material.licenceId) continue;
      const check = await this.licences.verify(material.licenceId, material.licenceType, holderId);
      if (!check.valid) refused.push({ field: `materials[${material.index}].licenceId`, reason: check.reason ?? 'is not accepted' });
      verified.set(material.index, check.verified);
    }
    if (refused.length > 0) throw invalid(refused);
    const attachedAt = new Date();
    const rows: ApplicationMaterial[] = result.accepted.map((m) => ({
      id: randomUUID(),
      applicationId: application.id,
      materialName: m.name,
      source: m.source,
      uploadId: m.uploadId ?? null,
      licenceId: m.licenceId ?? null,
      licenceType: m.licenceType ?? null,
      verified: m.source === 'UPLOAD' ? true : (verified.get(m.index) ?? false),
      attachedAt,
      attachedBy: principal.id,
      round: options.round,
    }));
    await this.materials.markAttached(uploadIds, application.id);
    await this.materials.insertMaterials(rows);
  }

  private async load(principal: Principal, id: string, access: ApplicationAction, lock: boolean): Promise<Application> {
    const application = await this.applications.findById(id, { lock });
    assertAccess(principal, access, application && scopeOf(application), applicationPolicy, { notFound: MaterialException.applicationNotFound });
    if (!application) throw MaterialException.applicationNotFound();
    return application;
  }
}

function invalid(errors: readonly FieldError[]): MaterialException {
  const fields = [...new Set(errors.map((e) => e.field))].join(', ');
  return new MaterialException(MaterialExceptionCode.INVALID_MATERIALS, `The materials are not acceptable: ${fields}`, errors);
}
