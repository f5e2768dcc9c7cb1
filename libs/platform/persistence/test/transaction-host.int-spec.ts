import { MigrationInterface, QueryRunner } from 'typeorm';
import { createTestDatabase, TestDatabase } from '@onewindow/platform/testing';
import { QueryFailedError } from 'typeorm';
import { runMigrations, serviceDataSourceOptions, TransactionHost } from '../src';

class CreateNote1700000000000 implements MigrationInterface {
  name = 'CreateNote1700000000000';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE note (id serial PRIMARY KEY, body text NOT NULL)`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE note`);
  }
}

describe('TransactionHost', () => {
  let db: TestDatabase;
  let tx: TransactionHost;
  const count = async () => Number((await db.dataSource.query(`SELECT count(*) AS n FROM note`))[0].n);

  beforeAll(async () => {
    db = await createTestDatabase({ entities: [], migrations: [CreateNote1700000000000], prefix: 'ow_persist' });
    tx = new TransactionHost(db.dataSource);
  });

  afterAll(() => db.drop());

  beforeEach(() => db.dataSource.query(`TRUNCATE note`));

  it('commits every write made through the ambient manager together', async () => {
    await tx.transaction(async () => {
      await tx.manager.query(`INSERT INTO note (body) VALUES ('a')`);
      await tx.manager.query(`INSERT INTO note (body) VALUES ('b')`);
    });
    expect(await count()).toBe(2);
  });

  it('rolls back every write when the work throws', async () => {
    await expect(
      tx.transaction(async () => {
        await tx.manager.query(`INSERT INTO note (body) VALUES ('a')`);
        throw new Error('rule broken');
      }),
    ).rejects.toThrow('rule broken');
    expect(await count()).toBe(0);
  });

  it('joins the surrounding transaction instead of opening a second one', async () => {
    await expect(
      tx.transaction(async () => {
        await tx.transaction(() => tx.manager.query(`INSERT INTO note (body) VALUES ('inner')`));
        throw new Error('outer fails');
      }),
    ).rejects.toThrow('outer fails');
    expect(await count()).toBe(0);
  });

  it('keeps concurrent transactions apart', async () => {
    await Promise.allSettled([
      tx.transaction(async () => {
        await tx.manager.query(`INSERT INTO note (body) VALUES ('kept')`);
      }),
      tx.transaction(async () => {
        await tx.manager.query(`INSERT INTO note (body) VALUES ('dropped')`);
        throw new Error('second fails');
      }),
    ]);
    expect(await db.dataSource.query(`SELECT body FROM note`)).toEqual([{ body: 'kept' }]);
  });

  it('runs prepared statements in the surrounding transaction, parsing each text once per connection', async () => {
    const insert = `INSERT INTO note (body) VALUES ($1) RETURNING id, body`;
    await expect(
      tx.transaction(async () => {
        const first = await tx.prepared<{ body: string }>(insert, ['a']);
        await tx.prepared(insert, ['b']);
        expect(first).toEqual({ rows: [{ id: expect.any(Number), body: 'a' }], rowCount: 1 });
        // The same connection as the transaction's: its prepared statements include this text once.
        const prepared = await tx.manager.query(`SELECT count(*)::int AS n FROM pg_prepared_statements WHERE statement = $1`, [insert]);
        expect(prepared).toEqual([{ n: 1 }]);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await count()).toBe(0);
    expect((await tx.prepared(`UPDATE note SET body = $1`, ['x'])).rowCount).toBe(0);
  });

  it('keeps a prepared statement valid when a migration adds a column, and reports failures as TypeORM does', async () => {
    const read = `SELECT id, body FROM note WHERE body = $1`;
    await tx.transaction(() => tx.prepared(`INSERT INTO note (body) VALUES ($1)`, ['kept']));
    expect((await tx.prepared(read, ['kept'])).rows).toEqual([{ id: expect.any(Number), body: 'kept' }]);
    await db.dataSource.query(`ALTER TABLE note ADD COLUMN added_later text`);
    try {
      for (let i = 0; i < 12; i++) expect((await tx.prepared(read, ['kept'])).rows).toHaveLength(1);
    } finally {
      await db.dataSource.query(`ALTER TABLE note DROP COLUMN added_later`);
    }
    await expect(tx.prepared(`INSERT INTO note (body) VALUES ($1)`, [null])).rejects.toBeInstanceOf(QueryFailedError);
  });

  it('reports itself outside a transaction and inside one', async () => {
    expect(tx.inTransaction).toBe(false);
    await tx.transaction(async () => expect(tx.inTransaction).toBe(true));
  });
});

describe('a service connection', () => {
  it('runs READ COMMITTED transactions with a bare BEGIN even where the server default is stricter', async () => {
    const db = await createTestDatabase({ entities: [], migrations: [], prefix: 'ow_isolation' });
    const { DataSource } = await import('typeorm');
    await db.dataSource.query(`ALTER DATABASE "${db.name}" SET default_transaction_isolation = 'serializable'`);
    const service = new DataSource(serviceDataSourceOptions({ url: db.url, entities: [], migrations: [] }));
    try {
      await service.initialize();
      const host = new TransactionHost(service);
      const levelIn = (isolation?: 'SERIALIZABLE') =>
        host.transaction(async () => (await host.manager.query(`SHOW transaction_isolation`))[0].transaction_isolation, isolation);
      expect(await levelIn()).toBe('read committed');
      expect(await levelIn('SERIALIZABLE')).toBe('serializable');
    } finally {
      if (service.isInitialized) await service.destroy();
      await db.drop();
    }
  });
});

describe('runMigrations', () => {
  it('applies pending migrations once and never synchronizes the schema', async () => {
    const db = await createTestDatabase({ entities: [], migrations: [], prefix: 'ow_migrate' });
    try {
      const { DataSource } = await import('typeorm');
      const options = serviceDataSourceOptions({ url: db.url, entities: [], migrations: [CreateNote1700000000000] });
      expect(options.synchronize).toBe(false);
      expect(await runMigrations(new DataSource(options))).toEqual({ applied: ['CreateNote1700000000000'] });
      expect(await runMigrations(new DataSource(options))).toEqual({ applied: [] });
    } finally {
      await db.drop();
    }
  });
});
