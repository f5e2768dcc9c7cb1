import { Injectable } from '@nestjs/common';
import { StatementParams, TransactionHost } from '@onewindow/platform/persistence';

export interface Upload {
  id: string;
  ownerId: string;
  storageKey: string;
  contentType: string;
  size: number;
  sha256: string;
  createdAt: Date;
  expiresAt: Date;
  attachedTo: string | null;
}

export interface ApplicationMaterial {
  id: string;
  applicationId: string;
  materialName: string;
  source: 'UPLOAD' | 'E_LICENCE';
  uploadId: string | null;
  licenceId: string | null;
  licenceType: string | null;
  /** False when the licence reference was only checked for format (no licence store configured). */
  verified: boolean;
  attachedAt: Date;
  attachedBy: string;
  round: number;
}

/** An attached material with what the upload says of its file, for listings. */
export interface ListedMaterial extends ApplicationMaterial {
  contentType: string | null;
  size: number | null;
  sha256: string | null;
  storageKey: string | null;
}

interface UploadRow {
  id: string;
  owner_id: string;
  storage_key: string;
  content_type: string;
  size: number;
  sha256: string;
  created_at: Date;
  expires_at: Date;
  attached_to: string | null;
}

interface MaterialRow {
  id: string;
  application_id: string;
  material_name: string;
  source: 'UPLOAD' | 'E_LICENCE';
  upload_id: string | null;
  licence_id: string | null;
  licence_type: string | null;
  verified: boolean;
  attached_at: Date;
  attached_by: string;
  round: number;
  content_type: string | null;
  size: number | null;
  sha256: string | null;
  storage_key: string | null;
}

@Injectable()
export class MaterialRepository {
  constructor(private readonly tx: TransactionHost) {}

  async insertUpload(upload: Upload): Promise<void> {
    await this.tx.manager.query(
      `INSERT INTO upload (id, owner_id, storage_key, content_type, size, sha256, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [upload.id, upload.ownerId, upload.storageKey, upload.contentType, upload.size, upload.sha256, upload.createdAt, upload.expiresAt],
    );
  }

  /** The named uploads, locked so two submissions cannot attach the same one. */
  async findUploadsForUpdate(ids: readonly string[]): Promise<Upload[]> {
    if (ids.length === 0) return [];
    const rows: UploadRow[] = await this.tx.manager.query(`SELECT * FROM upload WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [ids]);
    return rows.map(toUpload);
  }

  async markAttached(uploadIds: readonly string[], applicationId: string): Promise<void> {
    if (uploadIds.length === 0) return;
    await this.tx.manager.query(`UPDATE upload SET attached_to = $2 WHERE id = ANY($1::uuid[]) AND attached_to IS NULL`, [uploadIds, applicationId]);
  }

  async insertMaterials(materials: readonly ApplicationMaterial[]): Promise<void> {
    if (materials.length === 0) return;
    const params = new StatementParams();
    const values = params.rows(
      materials.map((m) => [m.id, m.applicationId, m.materialName, m.source, m.uploadId, m.licenceId, m.licenceType, m.verified, m.attachedAt, m.attachedBy, m.round]),
    );
    await this.tx.manager.query(
      `INSERT INTO application_material (id, application_id, material_name, source, upload_id, licence_id, licence_type, verified,
         attached_at, attached_by, round) VALUES ${values}`,
      params.values,
    );
  }

  async listForApplication(applicationId: string): Promise<ListedMaterial[]> {
    const rows: MaterialRow[] = await this.tx.manager.query(
      `SELECT m.*, u.content_type, u.size, u.sha256, u.storage_key FROM application_material m
         LEFT JOIN upload u ON u.id = m.upload_id
        WHERE m.application_id = $1 ORDER BY m.round, m.attached_at, m.material_name`,
      [applicationId],
    );
    return rows.map(toListed);
  }

  async findMaterial(applicationId: string, materialId: string): Promise<ListedMaterial | undefined> {
    const [row]: MaterialRow[] = await this.tx.manager.query(
      `SELECT m.*, u.content_type, u.size, u.sha256, u.storage_key FROM application_material m
         LEFT JOIN upload u ON u.id = m.upload_id
        WHERE m.application_id = $1 AND m.id = $2`,
      [applicationId, materialId],
    );
    return row ? toListed(row) : undefined;
  }

  /**
   * Claims up to `limit` unattached uploads that expired before `now` and deletes their rows,
   * skipping rows another replica holds; returns them so their stored objects can be deleted.
   */
  async deleteExpired(now: Date, limit: number): Promise<Upload[]> {
    const rows: UploadRow[] = await this.tx.manager.query(
      // Wrapped in a SELECT: TypeORM answers a bare DELETE ... RETURNING as [rows, count].
      `WITH gone AS (
         DELETE FROM upload WHERE id IN (
           SELECT id FROM upload WHERE attached_to IS NULL AND expires_at <= $1 ORDER BY expires_at LIMIT $2 FOR UPDATE SKIP LOCKED)
         RETURNING *)
       SELECT * FROM gone`,
      [now, limit],
    );
    return rows.map(toUpload);
  }
}

function toUpload(row: UploadRow): Upload {
  return {
    id: row.id,
    ownerId: row.owner_id,
    storageKey: row.storage_key,
    contentType: row.content_type,
    size: row.size,
    sha256: row.sha256,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    attachedTo: row.attached_to,
  };
}

function toListed(row: MaterialRow): ListedMaterial {
  return {
    id: row.id,
    applicationId: row.application_id,
    materialName: row.material_name,
    source: row.source,
    uploadId: row.upload_id,
    licenceId: row.licence_id,
    licenceType: row.licence_type,
    verified: row.verified,
    attachedAt: row.attached_at,
    attachedBy: row.attached_by,
    round: row.round,
    contentType: row.content_type,
    size: row.size,
    sha256: row.sha256,
    storageKey: row.storage_key,
  };
}
