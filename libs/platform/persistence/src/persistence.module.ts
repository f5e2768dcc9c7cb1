import { DynamicModule, Global, Injectable, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig, DatabaseConfig } from '@onewindow/platform/config';
import { DataSource } from 'typeorm';
import { serviceDataSourceOptions, ServiceDataSourceOptions } from './data-source';
import { TransactionHost } from './transaction-host';

export interface PersistenceModuleOptions {
  entities: ServiceDataSourceOptions['entities'];
  migrations: ServiceDataSourceOptions['migrations'];
}

/** Readiness: the database answers a trivial query. Shaped as the health module's ReadinessCheck. */
@Injectable()
export class DatabaseReadiness {
  readonly name = 'database';

  constructor(private readonly dataSource: DataSource) {}

  async check(): Promise<void> {
    await this.dataSource.query('SELECT 1');
  }
}

@Global()
@Module({})
export class PersistenceModule {
  /** One DataSource per service from DATABASE_URL; migrations run by `migrate`, never at boot. */
  static forService(options: PersistenceModuleOptions): DynamicModule {
    return {
      module: PersistenceModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig<DatabaseConfig>) =>
            serviceDataSourceOptions({
              url: config.get('DATABASE_URL'),
              poolSize: config.get('DATABASE_POOL_SIZE'),
              applicationName: config.get('SERVICE_NAME'),
              entities: options.entities,
              migrations: options.migrations,
            }),
        }),
      ],
      providers: [
        { provide: TransactionHost, inject: [DataSource], useFactory: (ds: DataSource) => new TransactionHost(ds) },
        DatabaseReadiness,
      ],
      exports: [TransactionHost, DatabaseReadiness],
    };
  }
}
