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

/**
 * Tables without a creditor: reference data shared by all creditors, the tenants themselves,
 * the platform's people and their sessions (a user may reach several creditors), and agency mode,
 * whose tenant is the agency (its tables are distributed by agency_id: docs/scaling.md).
 */
const SHARED_TABLES = [
  'creditors',
  'interest_rates',
  'import_mappings',
  'schema_migrations',
  'users',
  'sessions',
  'login_attempts',
  'security_events',
  'idempotency_keys',
  'agencies',
  'specialists',
  'specialist_rules',
  'partner_offices',
  'remittances',
  'mandate_closures',
];

/**
 * Agency-mode tables that also name the client creditor: their keys lead with the agency (their
 * tenant) or, for what links them to a creditor's rows (a case taken once), with the creditor.
 */
const AGENCY_KEYED = ['mandates', 'mandate_cases'];

/**
 * Unique keys looked up before the creditor is known, each unique across tenants by
 * construction: an API key's hash (the key is the credential), a Message-ID (it embeds the
 * creditor's VAT number; receipts are matched by it).
 */
const GLOBAL_LOOKUPS = ['api_keys.token_hash', 'outbox.message_id'];

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
         and (select a.attname from pg_attribute a where a.attrelid = c.conrelid and a.attnum = c.conkey[1])
             <> all (case when r.relname = any($1::text[]) then array['agency_id', 'creditor_id'] else array['creditor_id'] end)
         -- A foreign key to a shared table (the tenants, the users) is not a tenant key.
         and not (c.contype = 'f' and (select f.relname from pg_class f where f.oid = c.confrelid) = any($2::text[]))
         and not (c.contype = 'u' and array_length(c.conkey, 1) = 1 and r.relname || '.' ||
                  (select a.attname from pg_attribute a where a.attrelid = c.conrelid and a.attnum = c.conkey[1]) = any($3::text[]))
       order by 1, 2`,
      [AGENCY_KEYED, SHARED_TABLES, GLOBAL_LOOKUPS],
    );
    expect(offending).toEqual([]);
  });

  it('creditor_id leads every unique index of a tenant table', async () => {
    const offending = await t.db.query<{ index: string }>(
      `select pg_get_indexdef(i.indexrelid) as index
       from pg_index i join pg_class r on r.oid = i.indrelid join pg_namespace n on n.oid = r.relnamespace
       where n.nspname = 'public' and i.indisunique
         and exists (select 1 from pg_attribute a where a.attrelid = i.indrelid and a.attname = 'creditor_id')
         and (select a.attname from pg_attribute a where a.attrelid = i.indrelid and a.attnum = i.indkey[0])
             <> all (case when r.relname = any($1::text[]) then array['agency_id', 'creditor_id'] else array['creditor_id'] end)
         and not (i.indnatts = 1 and r.relname || '.' ||
                  (select a.attname from pg_attribute a where a.attrelid = i.indrelid and a.attnum = i.indkey[0]) = any($2::text[]))
       order by 1`,
      [AGENCY_KEYED, GLOBAL_LOOKUPS],
    );
    expect(offending).toEqual([]);
  });
});
