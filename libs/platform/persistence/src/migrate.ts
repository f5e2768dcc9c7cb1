import { DataSource } from 'typeorm';

export interface MigrationReport {
  applied: string[];
}

/** Applies pending migrations, each in its own transaction; used by `migrate.js` and the k8s Job. */
export async function runMigrations(dataSource: DataSource): Promise<MigrationReport> {
  const owned = !dataSource.isInitialized;
  if (owned) await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return { applied: applied.map((m) => m.name) };
  } finally {
    if (owned) await dataSource.destroy();
  }
}
