import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, readMigrationFiles } from '../../src/db/migrate.ts';
import { createTestDatabase, type TTestDatabase } from '../support/test-database.ts';

let t: TTestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

describe('migration runner', () => {
  it('has applied every shipped migration and records each once', async () => {
    const rows = await t.db.query<{ name: string }>('select name from schema_migrations order by name');
    expect(rows.map((r) => r.name)).toEqual(readMigrationFiles().map((f) => f.name));
    expect(await migrate(t.db)).toEqual([]);
  });

  it('applies a new file once and refuses it after it was changed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'riscossa-mig-'));
    const file = join(dir, '29990101000000_probe.sql');
    writeFileSync(file, 'create table migration_probe (id int);');
    expect(await migrate(t.db, readMigrationFiles(dir))).toEqual(['29990101000000_probe.sql']);
    expect(await migrate(t.db, readMigrationFiles(dir))).toEqual([]);
    writeFileSync(file, 'create table migration_probe (id bigint);');
    await expect(migrate(t.db, readMigrationFiles(dir))).rejects.toThrow(
      'migration 29990101000000_probe.sql was changed after it was applied',
    );
  });

  it('rolls back a failing migration entirely', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'riscossa-mig-'));
    writeFileSync(
      join(dir, '29990102000000_broken.sql'),
      'create table half_done (id int); select * from no_such_table;',
    );
    await expect(migrate(t.db, readMigrationFiles(dir))).rejects.toThrow(/no_such_table/);
    const [row] = await t.db.query<{ n: number }>(
      `select count(*)::int8 as n from information_schema.tables where table_name = 'half_done'`,
    );
    expect(row!.n).toBe(0);
  });

  it('enforces the append-only register in the database', async () => {
    await t.db.query(`insert into creditors (name, vat_number) values ('X', 'IT00488410010')`);
    await t.db.query(
      `insert into register_entries (creditor_id, seq, occurred_at, actor, action, subject_type, prev_hash, hash)
       select id, 1, now(), 'test', 'probe', 'creditor', 'a', 'b' from creditors where vat_number = 'IT00488410010'`,
    );
    await expect(t.db.query(`update register_entries set actor = 'someone else'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(t.db.query('delete from register_entries')).rejects.toThrow(/append-only/);
  });
});
