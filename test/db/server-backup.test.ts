import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backup, restore } from '../../src/db/backup.ts';
import { createTestDatabase, isPostgresRun } from '../support/test-database.ts';

// pg_dump / pg_restore against the run's throw-away database. Runs in CI's PostgreSQL pass; the
// embedded engine's backups are tested in embedded-data-dir.test.ts.
describe.runIf(isPostgresRun())('backup and restore of a PostgreSQL server', () => {
  it('restores the data as it was at backup time', async () => {
    const t = await createTestDatabase();
    const dir = mkdtempSync(join(tmpdir(), 'riscossa-srv-backup-'));
    try {
      await t.db.query(`insert into creditors (name, vat_number) values ('Before', 'IT00488410010')`);
      const saved = await backup({ databaseUrl: t.url, file: join(dir, 'db.pgdump'), now: new Date() });
      expect(saved.engine).toBe('postgres');
      expect(saved.bytes).toBeGreaterThan(1000);
      await t.db.query(`update creditors set name = 'After'`);
      await restore({ databaseUrl: t.url, file: saved.file, now: new Date() });
      const rows = await t.db.query<{ name: string }>('select name from creditors');
      expect(rows.map((r) => r.name)).toEqual(['Before']);
    } finally {
      await t.drop();
    }
  });
});
