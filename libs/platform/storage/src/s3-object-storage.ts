import { GetObjectCommand, DeleteObjectCommand, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CorruptObjectError, ObjectContent, ObjectStorage, sha256Hex, StoredObject } from './object-storage';

export interface S3ObjectStorageOptions {
  endpoint?: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  forcePathStyle: boolean;
}

/** Metadata key holding the hex SHA-256, checked on read whether or not the store returns checksums. */
const SHA256_METADATA = 'sha256';

/**
 * Objects in a bucket of an S3-compatible store. Each put sends `x-amz-checksum-sha256`, so the store
 * itself refuses bytes damaged in transit; each get re-hashes what came back.
 */
export class S3ObjectStorage implements ObjectStorage {
  private readonly client: S3Client;

  constructor(private readonly options: S3ObjectStorageOptions) {
    this.client = new S3Client({
      region: options.region,
      forcePathStyle: options.forcePathStyle,
      credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    });
  }

  async put(key: string, bytes: Buffer, contentType: string): Promise<StoredObject> {
    const sha256 = sha256Hex(bytes);
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.options.bucket,
        Key: key,
        Body: bytes,
        ContentType: contentType,
        ContentLength: bytes.length,
        ChecksumAlgorithm: 'SHA256',
        ChecksumSHA256: Buffer.from(sha256, 'hex').toString('base64'),
        Metadata: { [SHA256_METADATA]: sha256 },
      }),
    );
    return { key, sha256, size: bytes.length };
  }

  async get(key: string): Promise<ObjectContent | null> {
    try {
      const response = await this.client.send(new GetObjectCommand({ Bucket: this.options.bucket, Key: key, ChecksumMode: 'ENABLED' }));
      if (!response.Body) return null;
      const bytes = Buffer.from(await response.Body.transformToByteArray());
      const sha256 = sha256Hex(bytes);
      const recorded = response.Metadata?.[SHA256_METADATA];
      if (recorded !== undefined && recorded !== sha256) throw new CorruptObjectError(key);
      return { bytes, contentType: response.ContentType ?? 'application/octet-stream', sha256 };
    } catch (error) {
      if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.options.bucket, Key: key }));
  }

  /** Closes the client's sockets. */
  destroy(): void {
    this.client.destroy();
  }
}
