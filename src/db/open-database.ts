import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { lockDataDir } from './data-dir-lock.ts';
import type { TDatabase } from './database.ts';
import { countAppliedMigrations, migrate, pendingMigrations } from './migrate.ts';
import { openPglite } from './pglite-database.ts';
import { openPostgres } from './postgres-database.ts';

export const DEFAULT_DATA_DIR = './riscossa-data';

export type TOpenOptions = {
  /** PostgreSQL server. Undefined: DATABASE_URL decides; null or '': the embedded database in `dataDir`. */
  databaseUrl?: string | null | undefined;
  dataDir?: string | undefined;
  /** Embedded only: keep everything in memory (tests). */
  inMemory?: boolean;
  migrate?: boolean;
  poolSize?: number;
};

export type TOpenDatabase = TDatabase & { dataDir?: string; appliedMigrations: string[] };

export function resolveDataDir(dataDir: string | undefined): string {
  return resolve(dataDir ?? process.env.RISCOSSA_DATA_DIR ?? DEFAULT_DATA_DIR);
}

export function pgliteDirectory(dataDir: string): string {
  return join(dataDir, 'pgdata');
}

export function backupsDirectory(dataDir: string): string {
  return join(dataDir, 'backups');
}

export function timestampForFile(now: Date): string {
  return now.toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
}

/**
 * Opens the database the environment asks for and brings its schema up to date. An existing
 * embedded data directory is backed up automatically before a migration touches it.
 */
export async function openDatabase(options: TOpenOptions = {}): Promise<TOpenDatabase> {
  const databaseUrl = options.databaseUrl === undefined ? process.env.DATABASE_URL : options.databaseUrl;
  const shouldMigrate = options.migrate ?? true;
  if (databaseUrl) {
    const db = await openPostgres(databaseUrl, options.poolSize);
    const appliedMigrations = shouldMigrate ? await migrate(db) : [];
    return Object.assign(db, { appliedMigrations });
  }
  if (options.inMemory) {
    const db = await openPglite(undefined);
    const appliedMigrations = shouldMigrate ? await migrate(db) : [];
    return Object.assign(db, { appliedMigrations });
  }

  const dataDir = resolveDataDir(options.dataDir);
  const lock = lockDataDir(dataDir);
  try {
    const db = await openPglite(pgliteDirectory(dataDir));
    const close = db.close;
    const wrapped = Object.assign(db, {
      dataDir,
      appliedMigrations: [] as string[],
      async close() {
        try {
          await close();
        } finally {
          lock.release();
        }
      },
    });
    if (shouldMigrate) {
      const pending = await pendingMigrations(db);
      if (pending.length > 0 && (await countAppliedMigrations(db)) > 0) {
        await backupEmbedded(wrapped, dataDir, new Date(), 'before-migration');
      }
      wrapped.appliedMigrations = await migrate(db);
    }
    return wrapped;
  } catch (error) {
    lock.release();
    throw error;
  }
}

/** Writes a gzip tarball of the embedded data directory and returns its path. */
export async function backupEmbedded(
  db: TDatabase,
  dataDir: string,
  now: Date,
  label = 'backup',
): Promise<string> {
  const pglite = (
    db as { pglite?: { dumpDataDir(c: 'gzip'): Promise<Blob>; exec(s: string): Promise<unknown> } }
  ).pglite;
  if (!pglite) throw new Error('backupEmbedded needs the embedded database');
  await pglite.exec('CHECKPOINT');
  const blob = await pglite.dumpDataDir('gzip');
  const dir = backupsDirectory(dataDir);
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true });
  const path = join(dir, `riscossa-${label}-${timestampForFile(now)}.tar.gz`);
  writeFileSync(path, Buffer.from(await blob.arrayBuffer()));
  return path;
}
