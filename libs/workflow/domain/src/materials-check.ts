/**
 * Which materials an applicant offers with a submission or a supplement, checked against the item
 * version's material list (办事指南 材料清单). Pure: the caller looks up the uploads and verifies
 * licences; this decides what is acceptable and what is missing.
 */

export type MaterialSourceKind = 'APPLICANT' | 'E_LICENCE' | 'DEPARTMENT_DATA' | 'RETAINED_PROOF';

/** One entry of the item's material list, as the catalogue published it. */
export interface ItemMaterial {
  name: string;
  source: MaterialSourceKind;
  licenceType?: string;
}

/** What the request names for one material: an upload or an e-licence, never both. */
export interface OfferedMaterial {
  name: string;
  uploadId?: string;
  licenceId?: string;
}

/** What the caller found of an upload the request names. */
export interface UploadFacts {
  ownerId: string;
  expiresAt: Date;
  attachedTo: string | null;
}

export interface MaterialsCheckInput {
  itemCode: string;
  itemMaterials: readonly ItemMaterial[];
  offered: readonly OfferedMaterial[];
  /** The named uploads that exist; a name missing here is an unknown upload. */
  uploads: ReadonlyMap<string, UploadFacts>;
  /** Whose uploads may be attached: the applicant online, the clerk at a window. */
  uploaderId: string;
  now: Date;
  /** Every APPLICANT and RETAINED_PROOF material must be offered (an online submission). */
  requireComplete: boolean;
}

export interface MaterialFieldError {
  field: string;
  reason: string;
}

export interface AcceptedMaterial {
  /** Position in the request, for field paths such as `materials[2].licenceId`. */
  index: number;
  name: string;
  source: 'UPLOAD' | 'E_LICENCE';
  uploadId?: string;
  licenceId?: string;
  licenceType?: string;
}

export interface MaterialsCheckResult {
  /** Bad input, one entry per offending field (400). */
  errors: MaterialFieldError[];
  /** Required materials not offered (422 when there are no `errors`). */
  missing: string[];
  accepted: AcceptedMaterial[];
}

/** Licence numbers as the licence store issues them: letters, digits and dashes, 6 to 64 long. */
const LICENCE_ID = /^[A-Za-z0-9][A-Za-z0-9-]{5,63}$/;

export function isLicenceIdFormat(value: string): boolean {
  return LICENCE_ID.test(value);
}

/** The materials an applicant must provide for the case to be complete online. */
export function requiredOfApplicant(itemMaterials: readonly ItemMaterial[]): string[] {
  return itemMaterials.filter((m) => m.source === 'APPLICANT' || m.source === 'RETAINED_PROOF').map((m) => m.name);
}

export function checkMaterials(input: MaterialsCheckInput): MaterialsCheckResult {
  const errors: MaterialFieldError[] = [];
  const accepted: AcceptedMaterial[] = [];
  const byName = new Map(input.itemMaterials.map((m) => [m.name, m]));
  const seenNames = new Set<string>();
  const seenUploads = new Set<string>();

  input.offered.forEach((offer, i): void => {
    const at = (field: string, reason: string): void => void errors.push({ field: `materials[${i}].${field}`, reason });
    const material = byName.get(offer.name);
    if (!material) return at('name', `is not a material of item ${input.itemCode}`);
    if (seenNames.has(offer.name)) return at('name', 'is given more than once');
    seenNames.add(offer.name);
    if (material.source === 'DEPARTMENT_DATA') return at('name', 'is read from department data and is never asked of the applicant');
    if ((offer.uploadId === undefined) === (offer.licenceId === undefined)) {
      return at('uploadId', 'exactly one of uploadId and licenceId is required');
    }
    if (offer.licenceId !== undefined) {
      if (material.source !== 'E_LICENCE') return at('licenceId', 'is only accepted for a material read from the e-licence store');
      if (!isLicenceIdFormat(offer.licenceId)) return at('licenceId', 'is not a licence number');
      accepted.push({ index: i, name: offer.name, source: 'E_LICENCE', licenceId: offer.licenceId, licenceType: material.licenceType });
      return;
    }
    const uploadId = offer.uploadId as string;
    const upload = input.uploads.get(uploadId);
    if (!upload || upload.ownerId !== input.uploaderId) return at('uploadId', 'is not an upload of yours');
    if (upload.attachedTo !== null || seenUploads.has(uploadId)) return at('uploadId', 'is already attached to a material');
    if (upload.expiresAt.getTime() <= input.now.getTime()) return at('uploadId', 'has expired; upload the file again');
    seenUploads.add(uploadId);
    accepted.push({ index: i, name: offer.name, source: 'UPLOAD', uploadId });
  });

  const missing = input.requireComplete ? requiredOfApplicant(input.itemMaterials).filter((name) => !seenNames.has(name)) : [];
  return { errors, missing, accepted };
}
