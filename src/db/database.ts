/**
 * One SQL dialect, two engines: the embedded PGlite (default) and a PostgreSQL server
 * (DATABASE_URL). Queries and use cases only see `TSql`, which both a connection and a
 * transaction satisfy, so the same code runs inside or outside a transaction.
 *
 * Types come back the same on both engines: bigint as a safe JS integer (ids and cents; an
 * overflow throws rather than rounding), date as 'YYYY-MM-DD' text, numeric as text.
 */
export type TSql = {
  query<T = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs `fn` in a transaction, or inside the current one when already in a transaction. */
  transaction<T>(fn: (tx: TSql) => Promise<T>): Promise<T>;
  /** Runs a script of several statements without parameters (migrations, bulk DDL). */
  exec(script: string): Promise<void>;
};

export type TEngine = 'pglite' | 'postgres';

export type TDatabase = TSql & {
  readonly engine: TEngine;
  close(): Promise<void>;
};

export const PG_TYPE = { INT8: 20, NUMERIC: 1700, DATE: 1082, TIMESTAMPTZ: 1184, TIMESTAMP: 1114 } as const;

export function parseInt8(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new Error(`bigint ${text} does not fit a safe JS integer`);
  return n;
}

/** Text parsers shared by both engines, keyed by PostgreSQL type oid. */
export const TYPE_PARSERS: Record<number, (text: string) => unknown> = {
  [PG_TYPE.INT8]: parseInt8,
  [PG_TYPE.NUMERIC]: (text) => text,
  [PG_TYPE.DATE]: (text) => text,
  [PG_TYPE.TIMESTAMPTZ]: (text) => new Date(text),
};
