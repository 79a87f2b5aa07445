import type { TSql } from '../db/database.ts';

/** The tables a synthetic portfolio fills, parents first. */
export const PORTFOLIO_TABLES = ['debtors', 'invoices', 'instalments', 'payments', 'allocations'] as const;

export type TPortfolioTable = (typeof PORTFOLIO_TABLES)[number];
export type TRowCounts = Record<TPortfolioTable, number>;

/**
 * Ids are computed by the generator, not returned by the database: rows of different tables refer
 * to each other inside one chunk, and COPY cannot return ids. Each table's block is taken from its
 * own identity sequence (nextval, then setval past the block), so ordinary inserts after the load
 * continue above it. The tables are locked against concurrent inserts first (reads still run):
 * nobody can draw from a sequence between our nextval and setval. Returns each block's first id.
 */
export async function reserveIdBlocks(sql: TSql, counts: TRowCounts): Promise<TRowCounts> {
  await sql.query(`lock table ${PORTFOLIO_TABLES.join(', ')} in share row exclusive mode`);
  const first = {} as TRowCounts;
  for (const table of PORTFOLIO_TABLES) {
    const [row] = await sql.query<{ first: number }>(
      `select setval(s, nextval(s) + $2::int8 - 1) - $2::int8 + 1 as first
       from cast(pg_get_serial_sequence($1, 'id') as regclass) as s`,
      [table, Math.max(counts[table], 1)],
    );
    first[table] = row!.first;
  }
  return first;
}
