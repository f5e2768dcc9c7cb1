import { DynamicModule, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { loadConfig } from '@onewindow/platform/config';
import { TransactionHost } from '@onewindow/platform/persistence';
import { OBJECT_STORAGE, ObjectStorage } from './object-storage';
import { PostgresObjectStorage } from './postgres-object-storage';
import { S3ObjectStorage } from './s3-object-storage';
import { StorageConfig } from './storage.config';

/** Builds the adapter the validated config selects. */
export function objectStorageFor(config: StorageConfig, tx: TransactionHost): ObjectStorage {
  if (config.MATERIAL_STORAGE === 'postgres') return new PostgresObjectStorage(tx);
  return new S3ObjectStorage({
    endpoint: config.S3_ENDPOINT,
    region: config.S3_REGION,
    bucket: config.S3_BUCKET ?? '',
    accessKeyId: config.S3_ACCESS_KEY_ID ?? '',
    secretAccessKey: config.S3_SECRET_ACCESS_KEY ?? '',
    forcePathStyle: config.S3_FORCE_PATH_STYLE,
  });
}

@Injectable()
class ObjectStorageShutdown implements OnApplicationShutdown {
  constructor(@Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage) {}

  onApplicationShutdown(): void {
    if (this.storage instanceof S3ObjectStorage) this.storage.destroy();
  }
}

/**
 * Provides `OBJECT_STORAGE` (inject with `@Inject(OBJECT_STORAGE)`), the adapter `StorageConfig`
 * selects. The environment is validated when the app is created, so bad storage settings stop the
 * service at boot with the variables named.
 */
@Module({})
export class ObjectStorageModule {
  static forRoot(env: Record<string, string | undefined> = process.env): DynamicModule {
    return {
      module: ObjectStorageModule,
      providers: [
        {
          provide: OBJECT_STORAGE,
          inject: [TransactionHost],
          useFactory: (tx: TransactionHost) => objectStorageFor(loadConfig(StorageConfig, env), tx),
        },
        ObjectStorageShutdown,
      ],
      exports: [OBJECT_STORAGE],
    };
  }
}
