import type { TSql } from '../../src/db/database.ts';

const TABLES = [
  'creditors',
  'debtors',
  'debtor_addresses',
  'debtor_contacts',
  'invoices',
  'instalments',
  'payments',
  'allocations',
  'register_entries',
  'register_heads',
  'import_files',
  'import_mappings',
];

/** A fingerprint of every ledger and import table: equal snapshots mean nothing changed. */
export async function snapshot(db: TSql): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of TABLES) {
    const [row] = await db.query<{ n: number; h: string | null }>(
      `select count(*)::int8 as n, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from ${table} x`,
    );
    out[table] = `${row!.n}:${row!.h}`;
  }
  return out;
}
