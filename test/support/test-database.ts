import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { TDatabase } from '../../src/db/database.ts';
import { openDatabase } from '../../src/db/open-database.ts';

/**
 * A fresh, migrated database for one test file: an in-memory PGlite by default, or, when
 * DATABASE_URL is set, a throw-away database created on that PostgreSQL server and dropped after.
 * Nothing is mocked: the real migrations and the real engine run.
 */
export type TTestDatabase = { db: TDatabase; url: string | null; drop(): Promise<void> };

export function serverUrl(): string | null {
  return process.env.DATABASE_URL ?? null;
}

export function isPostgresRun(): boolean {
  return serverUrl() !== null;
}

export async function createTestDatabase(): Promise<TTestDatabase> {
  const base = serverUrl();
  if (!base) {
    const db = await openDatabase({ inMemory: true });
    return { db, url: null, drop: () => db.close() };
  }
  const name = `riscossa_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const db = await openDatabase({ databaseUrl: url.toString(), poolSize: 4 });
  return {
    db,
    url: url.toString(),
    async drop() {
      await db.close();
      const cleanup = new pg.Client({ connectionString: base });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}
