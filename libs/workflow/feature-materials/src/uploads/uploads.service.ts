import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Principal } from '@onewindow/platform/auth';
import { TransactionHost } from '@onewindow/platform/persistence';
import { OBJECT_STORAGE, ObjectStorage } from '@onewindow/platform/storage';
import { MaterialRepository, Upload } from '@onewindow/workflow/data-access';
import { MATERIALS_CONFIG, MaterialsConfig, UPLOAD_TTL_MS } from '../materials.config';
import { MaterialException } from '../material.exception';
import { isUploadContentType, mediaTypeOf } from './upload-body.parser';

const PRUNE_BATCH = 100;

@Injectable()
export class UploadsService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly materials: MaterialRepository,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    @Inject(MATERIALS_CONFIG) private readonly config: MaterialsConfig,
  ) {}

  /** Stores a file for the uploader; it may be attached to a material within 24 hours. */
  async upload(principal: Principal, contentTypeHeader: string | undefined, body: unknown): Promise<Upload> {
    const contentType = mediaTypeOf(contentTypeHeader);
    if (!isUploadContentType(contentType)) throw MaterialException.unsupportedType();
    if (!Buffer.isBuffer(body) || body.length === 0) throw MaterialException.empty();
    if (body.length > this.config.MATERIAL_MAX_BYTES) throw MaterialException.tooLarge(this.config.MATERIAL_MAX_BYTES);
    const id = randomUUID();
    const storageKey = `uploads/${id}`;
    try {
      return await this.tx.transaction(async () => {
        const stored = await this.storage.put(storageKey, body, contentType);
        const createdAt = new Date();
        const upload: Upload = {
          id,
          ownerId: principal.id,
          storageKey,
          contentType,
          size: stored.size,
          sha256: stored.sha256,
          createdAt,
          expiresAt: new Date(createdAt.getTime() + UPLOAD_TTL_MS),
          attachedTo: null,
        };
        await this.materials.insertUpload(upload);
        return upload;
      });
    } catch (error) {
      // An object store outside the database (S3) keeps the object when the record failed.
      await this.storage.delete(storageKey).catch(() => undefined);
      throw error;
    }
  }

  /**
   * Deletes uploads never attached and past their expiry, with their stored objects, in batches.
   * Safe on several replicas at once (SKIP LOCKED) and to repeat (deleting a missing object is no error).
   */
  async pruneExpired(now: Date = new Date()): Promise<number> {
    let pruned = 0;
    for (;;) {
      const batch = await this.tx.transaction(async () => {
        const expired = await this.materials.deleteExpired(now, PRUNE_BATCH);
        for (const upload of expired) await this.storage.delete(upload.storageKey);
        return expired.length;
      });
      pruned += batch;
      if (batch < PRUNE_BATCH) return pruned;
    }
  }
}
