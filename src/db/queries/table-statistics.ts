import type { TSql } from '../database.ts';

/** Below this many rows a write cannot make a plan go wrong enough to matter. */
const MIN_ROWS = 100;

/** Tables a bulk import grows (a fixed list: their names go into the ANALYZE statement). */
const GROWN_TABLES = new Set([
  'debtors',
  'invoices',
  'instalments',
  'import_files',
  'documents',
  'register_entries',
]);

/**
 * Refreshes the planner's statistics of tables that have just grown by at least as many rows as
 * the planner believes they hold. PGlite has no autovacuum, so a table created empty is believed
 * empty forever: foreign-key checks and joins then scan it row by row, and a bulk import turns
 * quadratic (0.7 ms per instalment's foreign-key check at 1,000 invoices). ANALYZE samples at most
 * 30,000 rows and, since it runs only when a table has about doubled, costs little overall.
 */
export async function analyzeIfGrown(db: TSql, added: Readonly<Record<string, number>>): Promise<void> {
  const names = Object.keys(added).filter((t) => GROWN_TABLES.has(t) && added[t]! >= MIN_ROWS);
  if (names.length === 0) return;
  const rows = await db.query<{ relname: string; reltuples: number }>(
    `select relname, reltuples::float8 as reltuples from pg_class
     where relname = any($1::text[]) and relnamespace = current_schema()::regnamespace`,
    [names],
  );
  for (const r of rows) {
    if (r.reltuples < added[r.relname]!) await db.query(`analyze ${r.relname}`);
  }
}
