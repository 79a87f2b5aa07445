import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TTestDatabase } from '../support/test-database.ts';

/**
 * The schema stays ready to be distributed by tenant (Citus): in every table that belongs to a
 * creditor, creditor_id leads the primary key, every unique constraint or index and every
 * foreign key. A new migration that forgets it fails here, on both engines.
 */
let t: TTestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

/** Tables without a tenant: reference data shared by all creditors, and the tenants themselves. */
const SHARED_TABLES = ['creditors', 'interest_rates', 'import_mappings', 'schema_migrations'];

describe('tenant keys', () => {
  it('every table but the shared ones has a creditor_id', async () => {
    const rows = await t.db.query<{ table_name: string }>(
      `select table_name from information_schema.tables t
       where table_schema = 'public' and table_type = 'BASE TABLE'
         and not exists (select 1 from information_schema.columns c where c.table_schema = 'public'
                         and c.table_name = t.table_name and c.column_name = 'creditor_id')
       order by 1`,
    );
    expect(rows.map((r) => r.table_name).sort()).toEqual([...SHARED_TABLES].sort());
  });

  it('creditor_id leads every primary key, unique constraint and foreign key of a tenant table', async () => {
    const offending = await t.db.query<{ tbl: string; def: string }>(
      `select r.relname as tbl, pg_get_constraintdef(c.oid) as def
       from pg_constraint c join pg_class r on r.oid = c.conrelid join pg_namespace n on n.oid = r.relnamespace
       where n.nspname = 'public' and c.contype in ('p', 'u', 'f')
         and exists (select 1 from pg_attribute a where a.attrelid = c.conrelid and a.attname = 'creditor_id')
         and (select a.attname from pg_attribute a where a.attrelid = c.conrelid and a.attnum = c.conkey[1]) <> 'creditor_id'
         -- A foreign key to the tenant table itself is the tenant column.
         and not (c.contype = 'f' and c.confrelid = 'creditors'::regclass)
       order by 1, 2`,
    );
    expect(offending).toEqual([]);
  });

  it('creditor_id leads every unique index of a tenant table', async () => {
    const offending = await t.db.query<{ index: string }>(
      `select pg_get_indexdef(i.indexrelid) as index
       from pg_index i join pg_class r on r.oid = i.indrelid join pg_namespace n on n.oid = r.relnamespace
       where n.nspname = 'public' and i.indisunique
         and exists (select 1 from pg_attribute a where a.attrelid = i.indrelid and a.attname = 'creditor_id')
         and (select a.attname from pg_attribute a where a.attrelid = i.indrelid and a.attnum = i.indkey[0]) <> 'creditor_id'
       order by 1`,
    );
    expect(offending).toEqual([]);
  });
});
