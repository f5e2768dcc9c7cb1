export { serviceDataSourceOptions, createServiceDataSource, type ServiceDataSourceOptions } from './data-source';
export { TransactionHost, OutsideTransactionError, type IsolationLevel } from './transaction-host';
export { runMigrations, type MigrationReport } from './migrate';
export { PersistenceModule, DatabaseReadiness, type PersistenceModuleOptions } from './persistence.module';
export { StatementParams } from './statement-params';
export { queryPrepared, type PreparedResult } from './prepared';
