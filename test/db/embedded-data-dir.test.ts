import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backup, restore } from '../../src/db/backup.ts';
import { openDatabase } from '../../src/db/open-database.ts';

// These tests are about the embedded engine's own hazards (one process per directory, no fsync,
// backups); they run the same way whichever engine the rest of the suite uses.
const now = new Date('2026-03-15T10:00:00Z');

describe('embedded data directory', () => {
  it('refuses a second opener of the same directory with a clear error, and reopens after close', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'riscossa-lock-'));
    const first = await openDatabase({ dataDir, databaseUrl: '' });
    await expect(openDatabase({ dataDir, databaseUrl: '' })).rejects.toThrow(
      `data directory ${dataDir} is in use by another Riscossa process (pid ${process.pid})`,
    );
    await first.close();
    const again = await openDatabase({ dataDir, databaseUrl: '' });
    await again.close();
  });

  it('refuses a directory locked by another live process', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'riscossa-lock-'));
    const script = `
      import { lockDataDir } from '${join(process.cwd(), 'src/db/data-dir-lock.ts')}';
      lockDataDir(process.argv[1]); console.log('locked'); setTimeout(() => {}, 5000);`;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', `${script}`, dataDir], {
      timeout: 1500,
    });
    // The child held the lock and was killed by the timeout: a stale lock of a dead pid is taken over.
    expect(String(child.stdout)).toContain('locked');
    const db = await openDatabase({ dataDir, databaseUrl: '' });
    await db.close();
  });

  it('backs up and restores, and backs up automatically before migrating an existing directory', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'riscossa-backup-'));
    const db = await openDatabase({ dataDir, databaseUrl: '' });
    await db.query(`insert into creditors (name, vat_number) values ('Before', 'IT00488410010')`);
    await db.close();
    const saved = await backup({ dataDir, databaseUrl: '', now });
    expect(saved.engine).toBe('pglite');
    expect(saved.bytes).toBeGreaterThan(1000);

    const changed = await openDatabase({ dataDir, databaseUrl: '' });
    await changed.query(`update creditors set name = 'After'`);
    // Pretend a newer release brings a migration: the directory is backed up before it runs.
    await changed.query(
      `insert into schema_migrations (name, checksum) values ('00000000000000_older.sql', 'x')`,
    );
    await changed.query(
      // The first migration: re-applying it must fail (it creates tables that exist).
      `delete from schema_migrations where name = '20261123120000_ledger.sql'`,
    );
    await changed.close();
    const migrated = await openDatabase({ dataDir, databaseUrl: '' }).catch((e: Error) => e);
    // The re-applied migration fails (its tables exist) — but the backup was taken first.
    expect(migrated).toBeInstanceOf(Error);
    const backups = readdirSync(join(dataDir, 'backups'));
    expect(backups.some((f) => f.startsWith('riscossa-before-migration-'))).toBe(true);

    await restore({ dataDir, databaseUrl: '', file: saved.file, now });
    const restored = await openDatabase({ dataDir, databaseUrl: '' });
    const rows = await restored.query<{ name: string }>('select name from creditors');
    expect(rows.map((r) => r.name)).toEqual(['Before']);
    await restored.close();
    expect(existsSync(join(dataDir, 'riscossa.lock'))).toBe(false);
  });
});
