import { PGlite, type Transaction } from '@electric-sql/pglite';
import { type TDatabase, type TSql, TYPE_PARSERS } from './database.ts';

function wrapTransaction(tx: Transaction): TSql {
  const sql: TSql = {
    async query(text, params) {
      const result = await tx.query(text, params as unknown[] | undefined);
      return result.rows as never[];
    },
    transaction: (fn) => fn(sql),
    async exec(script) {
      await tx.exec(script);
    },
  };
  return sql;
}

/** Opens (and creates if needed) an embedded database; `dataDir` undefined = in memory. */
export async function openPglite(dataDir: string | undefined): Promise<TDatabase & { pglite: PGlite }> {
  const pglite = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    parsers: TYPE_PARSERS,
  });
  return {
    engine: 'pglite',
    pglite,
    async query(text, params) {
      const result = await pglite.query(text, params as unknown[] | undefined);
      return result.rows as never[];
    },
    transaction: (fn) => pglite.transaction((tx) => fn(wrapTransaction(tx))),
    async exec(script) {
      await pglite.exec(script);
    },
    async close() {
      if (pglite.closed) return;
      // PGlite does not fsync on every commit: a checkpoint flushes everything before closing.
      await pglite.exec('CHECKPOINT');
      await pglite.close();
    },
  };
}
