import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../core/shared/errors.ts';
import type { TDatabase } from './database.ts';

export const MIGRATIONS_DIR = new URL('./migrations/', import.meta.url).pathname;

export type TMigrationFile = { name: string; checksum: string; sql: string };

/** Migration files are `<yyyyMMddHHmmss>_<name>.sql`, applied in name order, forward only. */
export function readMigrationFiles(dir = MIGRATIONS_DIR): TMigrationFile[] {
  return readdirSync(dir)
    .filter((file) => /^\d{14}_[a-z0-9_-]+\.sql$/.test(file))
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

const LEDGER_TABLE = `
  create table if not exists schema_migrations (
    name text primary key,
    checksum text not null,
    applied_at timestamptz not null default now()
  )`;

/** Lists the files not applied yet; refuses when an applied file was changed afterwards. */
export async function pendingMigrations(
  db: TDatabase,
  files = readMigrationFiles(),
): Promise<TMigrationFile[]> {
  await db.exec(LEDGER_TABLE);
  const applied = await db.query<{ name: string; checksum: string }>(
    'select name, checksum from schema_migrations',
  );
  const byName = new Map(applied.map((row) => [row.name, row.checksum]));
  for (const file of files) {
    const checksum = byName.get(file.name);
    if (checksum !== undefined && checksum !== file.checksum) {
      throw new AppError(
        'MIGRATION_CHANGED',
        `migration ${file.name} was changed after it was applied (checksum ${checksum.slice(0, 12)} in the database, ${file.checksum.slice(0, 12)} on disk); write a new migration instead`,
        { field: 'migration', value: file.name },
      );
    }
  }
  return files.filter((file) => !byName.has(file.name));
}

export async function countAppliedMigrations(db: TDatabase): Promise<number> {
  await db.exec(LEDGER_TABLE);
  const [row] = await db.query<{ n: number }>('select count(*)::int8 as n from schema_migrations');
  return row?.n ?? 0;
}

/**
 * Applies each pending file in its own transaction together with its ledger row. On a server,
 * an advisory lock makes concurrent starters wait instead of applying the same file twice.
 */
export async function migrate(db: TDatabase, files = readMigrationFiles()): Promise<string[]> {
  const applied: string[] = [];
  for (const file of await pendingMigrations(db, files)) {
    const done = await db.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock(7254001)');
      const [already] = await tx.query('select 1 from schema_migrations where name = $1', [file.name]);
      if (already) return false;
      await tx.exec(file.sql);
      await tx.query('insert into schema_migrations (name, checksum) values ($1, $2)', [
        file.name,
        file.checksum,
      ]);
      return true;
    });
    if (done) applied.push(file.name);
  }
  return applied;
}
