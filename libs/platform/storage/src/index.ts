export {
  CorruptObjectError,
  OBJECT_STORAGE,
  sha256Hex,
  type ObjectContent,
  type ObjectStorage,
  type StoredObject,
} from './object-storage';
export { objectStorageTable, PostgresObjectStorage } from './postgres-object-storage';
export { S3ObjectStorage, type S3ObjectStorageOptions } from './s3-object-storage';
export { StorageConfig } from './storage.config';
export { ObjectStorageModule, objectStorageFor } from './storage.module';
