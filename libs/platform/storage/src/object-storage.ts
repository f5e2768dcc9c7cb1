import { createHash } from 'node:crypto';

/** What was stored: the key, the SHA-256 of the bytes (hex) and their size. */
export interface StoredObject {
  key: string;
  sha256: string;
  size: number;
}

export interface ObjectContent {
  bytes: Buffer;
  contentType: string;
  sha256: string;
}

/**
 * Where a service keeps files (application materials, scanned originals). Keys are chosen by the
 * caller and never reused. `get` verifies the SHA-256 recorded at `put` and throws
 * `CorruptObjectError` rather than return other bytes; `delete` of a missing key is not an error.
 */
export interface ObjectStorage {
  put(key: string, bytes: Buffer, contentType: string): Promise<StoredObject>;
  get(key: string): Promise<ObjectContent | null>;
  delete(key: string): Promise<void>;
}

/** DI token of the configured `ObjectStorage`. */
export const OBJECT_STORAGE = Symbol('OBJECT_STORAGE');

/** The stored bytes no longer match the SHA-256 recorded when they were written. */
export class CorruptObjectError extends Error {
  constructor(readonly key: string) {
    super(`Stored object ${key} does not match its SHA-256`);
    this.name = 'CorruptObjectError';
  }
}

export function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
