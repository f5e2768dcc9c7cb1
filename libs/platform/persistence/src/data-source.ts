import { DataSource, DataSourceOptions, MixedList, EntitySchema } from 'typeorm';

export interface ServiceDataSourceOptions {
  url: string;
  // TypeORM's own option types; entities and migrations are classes or globs.
  entities: MixedList<string | EntitySchema | (new () => unknown)>;
  migrations: MixedList<string | (new () => unknown)>;
  poolSize?: number;
  applicationName?: string;
}

/**
 * The one way a service describes its database. `synchronize` is never on: the schema changes
 * only through committed migrations. Sessions start at READ COMMITTED, which `TransactionHost`
 * relies on to open such a transaction with a bare BEGIN.
 */
export function serviceDataSourceOptions(options: ServiceDataSourceOptions): DataSourceOptions {
  return {
    type: 'postgres',
    url: options.url,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    poolSize: options.poolSize ?? 10,
    applicationName: options.applicationName,
    extra: {
      statement_timeout: 30_000,
      idle_in_transaction_session_timeout: 60_000,
      // READ COMMITTED whatever the server's default, so a transaction at that level needs no SET TRANSACTION.
      options: '-c default_transaction_isolation=read\\ committed',
    },
  };
}

export function createServiceDataSource(options: ServiceDataSourceOptions): DataSource {
  return new DataSource(serviceDataSourceOptions(options));
}
