import type { PGlite, Transaction } from '@electric-sql/pglite';
import type { TDatabase, TSql } from '../db/database.ts';

/**
 * A transaction with a bulk path for each engine. Rows arrive as columns (one array per column),
 * a batch of tables at a time (parents first), and never row by row:
 * - PGlite: one `COPY ... FROM '/dev/blob'` per table, of COPY text built in memory (measured
 *   about 4 times faster than unnest on PGlite, whose parameter serialiser quotes every element);
 * - PostgreSQL: ONE statement per batch, `WITH a AS (INSERT ... SELECT FROM unnest($1::int8[], ...)),
 *   ... INSERT ...`, with the array literals built here (node-postgres has no COPY FROM STDIN
 *   without an extra package). One statement is one round trip: the server inserts a batch while
 *   the caller builds the next one. Foreign-key and other AFTER triggers fire at the end of the
 *   statement, when the parents of the same batch are there.
 * Both write explicit ids (COPY always does; INSERT needs OVERRIDING SYSTEM VALUE).
 */

export type TColumnType = 'int8' | 'int4' | 'int2' | 'text' | 'date';

export type TBulkColumn =
  | { name: string; type: TColumnType; values: readonly (string | number)[] }
  | { name: string; type: TColumnType; constant: string | number };

export type TBulkRows = { table: string; columns: readonly TBulkColumn[] };

export type TBulkSession = {
  sql: TSql;
  /** Inserts each table's rows, in order (all `values` arrays of one table have the same length). */
  insert(batch: readonly TBulkRows[]): Promise<void>;
};

export async function withBulkTransaction<T>(
  db: TDatabase,
  fn: (session: TBulkSession) => Promise<T>,
): Promise<T> {
  const pglite = (db as { pglite?: PGlite }).pglite;
  if (db.engine === 'pglite' && pglite) {
    return pglite.transaction((tx) =>
      fn({
        sql: pgliteSql(tx),
        async insert(batch) {
          for (const rows of batch) await copyInto(tx, rows);
        },
      }),
    );
  }
  return db.transaction((sql) => fn({ sql, insert: (batch) => unnestInto(sql, batch) }));
}

function pgliteSql(tx: Transaction): TSql {
  const sql: TSql = {
    async query(text, params) {
      return (await tx.query(text, params as unknown[] | undefined)).rows as never[];
    },
    transaction: (fn) => fn(sql),
    async exec(script) {
      await tx.exec(script);
    },
  };
  return sql;
}

function rowCount(columns: readonly TBulkColumn[]): number {
  for (const c of columns) if ('values' in c) return c.values.length;
  return 0;
}

const COPY_SPECIAL = /[\\\t\n\r]/;

function copyField(value: string | number): string {
  if (typeof value === 'number') return String(value);
  return COPY_SPECIAL.test(value)
    ? value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r')
    : value;
}

async function copyInto(tx: Transaction, { table, columns }: TBulkRows): Promise<void> {
  const n = rowCount(columns);
  if (n === 0) return;
  const varying = columns.filter((c) => 'values' in c);
  const constants = columns.filter((c) => 'constant' in c);
  // Constant columns go last so that every line ends with the same precomputed suffix.
  const suffix = constants.map((c) => `\t${copyField(c.constant)}`).join('');
  const lines: string[] = new Array(n);
  for (let i = 0; i < n; i++) {
    let line = copyField(varying[0]!.values[i]!);
    for (let k = 1; k < varying.length; k++) line += `\t${copyField(varying[k]!.values[i]!)}`;
    lines[i] = line + suffix;
  }
  const names = [...varying, ...constants].map((c) => c.name).join(', ');
  await tx.query(`copy ${table} (${names}) from '/dev/blob'`, [], {
    blob: new Blob([lines.join('\n'), '\n']),
  });
}

function arrayLiteral(column: { type: TColumnType; values: readonly (string | number)[] }): string {
  if (column.type !== 'text') return `{${column.values.join(',')}}`;
  return `{${column.values.map((v) => `"${String(v).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}

async function unnestInto(sql: TSql, batch: readonly TBulkRows[]): Promise<void> {
  const params: unknown[] = [];
  const inserts: string[] = [];
  for (const { table, columns } of batch) {
    if (rowCount(columns) === 0) continue;
    const selected: string[] = [];
    const unnested: string[] = [];
    for (const c of columns) {
      params.push('values' in c ? arrayLiteral(c) : c.constant);
      if ('values' in c) {
        unnested.push(`$${params.length}::${c.type}[]`);
        selected.push(`u.c${unnested.length}`);
      } else selected.push(`$${params.length}::${c.type}`);
    }
    const aliases = unnested.map((_, i) => `c${i + 1}`).join(', ');
    inserts.push(
      `insert into ${table} (${columns.map((c) => c.name).join(', ')}) overriding system value
       select ${selected.join(', ')} from unnest(${unnested.join(', ')}) as u(${aliases})`,
    );
  }
  if (inserts.length === 0) return;
  const ctes = inserts.slice(0, -1).map((insert, i) => `b${i} as (${insert})`);
  await sql.query(`${ctes.length > 0 ? `with ${ctes.join(', ')} ` : ''}${inserts.at(-1)}`, params);
}
