import type { ListedMaterial, Upload } from '@onewindow/workflow/data-access';
import type { MaterialResponse, UploadResponse } from './material.dto';

/** Owners and storage keys stay inside the service. */
export function toUploadResponse(upload: Upload): UploadResponse {
  return {
    uploadId: upload.id,
    sha256: upload.sha256,
    size: upload.size,
    contentType: upload.contentType,
    expiresAt: upload.expiresAt.toISOString(),
  };
}

export function toMaterialResponse(material: ListedMaterial): MaterialResponse {
  return {
    id: material.id,
    name: material.materialName,
    source: material.source,
    contentType: material.contentType,
    size: material.size,
    sha256: material.sha256,
    licenceId: material.licenceId,
    round: material.round,
    verified: material.verified,
    attachedAt: material.attachedAt.toISOString(),
  };
}
