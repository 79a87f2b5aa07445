import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { AppError, invalid } from '../core/shared/errors.ts';
import { lockDataDir } from './data-dir-lock.ts';
import {
  backupEmbedded,
  backupsDirectory,
  openDatabase,
  pgliteDirectory,
  resolveDataDir,
  timestampForFile,
} from './open-database.ts';

export type TBackupResult = { engine: 'pglite' | 'postgres'; file: string; bytes: number };

function runTool(tool: string, args: string[]): void {
  const result = spawnSync(tool, args, { encoding: 'utf8' });
  if (result.error) {
    throw new AppError(
      'INTERNAL',
      `${tool} is needed to back up or restore a PostgreSQL server: ${result.error.message}`,
    );
  }
  if (result.status !== 0) throw new AppError('INTERNAL', `${tool} failed: ${result.stderr.trim()}`);
}

/** Embedded: a gzip tarball of the data directory. Server: pg_dump's custom format. */
export async function backup(options: {
  dataDir?: string;
  databaseUrl?: string | null;
  file?: string;
  now: Date;
}): Promise<TBackupResult> {
  const databaseUrl = options.databaseUrl === undefined ? process.env.DATABASE_URL : options.databaseUrl;
  if (databaseUrl) {
    const file = resolve(options.file ?? `riscossa-${timestampForFile(options.now)}.pgdump`);
    runTool('pg_dump', ['--format=custom', `--file=${file}`, databaseUrl]);
    return { engine: 'postgres', file, bytes: readFileSync(file).length };
  }
  const db = await openDatabase({ dataDir: options.dataDir, databaseUrl: null, migrate: false });
  try {
    const written = await backupEmbedded(db, db.dataDir!, options.now);
    const file = options.file ? resolve(options.file) : written;
    if (file !== written) renameSync(written, file);
    return { engine: 'pglite', file, bytes: readFileSync(file).length };
  } finally {
    await db.close();
  }
}

/**
 * Replaces the database with a backup. The current embedded data is itself backed up first, so a
 * restore of the wrong file can be undone.
 */
export async function restore(options: {
  dataDir?: string;
  databaseUrl?: string | null;
  file: string;
  now: Date;
}): Promise<TBackupResult> {
  const file = resolve(options.file);
  if (!existsSync(file)) throw invalid('file', options.file, 'does not exist');
  const databaseUrl = options.databaseUrl === undefined ? process.env.DATABASE_URL : options.databaseUrl;
  if (databaseUrl) {
    runTool('pg_restore', ['--clean', '--if-exists', '--no-owner', `--dbname=${databaseUrl}`, file]);
    return { engine: 'postgres', file, bytes: readFileSync(file).length };
  }
  const dataDir = resolveDataDir(options.dataDir);
  const pgdata = pgliteDirectory(dataDir);
  if (existsSync(pgdata)) {
    const current = await openDatabase({ dataDir, databaseUrl: null, migrate: false });
    try {
      await backupEmbedded(current, dataDir, options.now, 'before-restore');
    } finally {
      await current.close();
    }
  }
  const lock = lockDataDir(dataDir);
  try {
    const aside = `${pgdata}.replaced-${timestampForFile(options.now)}`;
    if (existsSync(pgdata)) renameSync(pgdata, aside);
    mkdirSync(backupsDirectory(dataDir), { recursive: true });
    try {
      const restored = await PGlite.create({ dataDir: pgdata, loadDataDir: new Blob([readFileSync(file)]) });
      await restored.query('select 1');
      await restored.exec('CHECKPOINT');
      await restored.close();
    } catch (error) {
      rmSync(pgdata, { recursive: true, force: true });
      if (existsSync(aside)) renameSync(aside, pgdata);
      throw invalid('file', options.file, `is not a Riscossa embedded backup (${(error as Error).message})`);
    }
    rmSync(aside, { recursive: true, force: true });
    return { engine: 'pglite', file, bytes: readFileSync(file).length };
  } finally {
    lock.release();
  }
}

export function listBackups(dataDir: string | undefined): string[] {
  const dir = backupsDirectory(resolveDataDir(dataDir));
  if (!existsSync(dir)) return [];
  return spawnSync('ls', ['-1', dir], { encoding: 'utf8' })
    .stdout.split('\n')
    .filter(Boolean)
    .map((f) => join(dir, f));
}
