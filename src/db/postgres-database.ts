import pg from 'pg';
import { type TDatabase, type TSql, TYPE_PARSERS } from './database.ts';

const customTypes = {
  getTypeParser(oid: number, format?: string) {
    const parser = TYPE_PARSERS[oid];
    if (parser && format !== 'binary') return parser;
    return pg.types.getTypeParser(oid, format as 'text');
  },
} as pg.CustomTypesConfig;

export async function openPostgres(
  connectionString: string,
  poolSize = 10,
): Promise<TDatabase & { pool: pg.Pool }> {
  const pool = new pg.Pool({ connectionString, max: poolSize, types: customTypes });
  // Fail at open time with a clear message rather than on the first query.
  const probe = await pool.connect();
  probe.release();

  function clientSql(client: pg.PoolClient): TSql {
    const sql: TSql = {
      async query(text, params) {
        const result = await client.query(text, params as unknown[] | undefined);
        return result.rows;
      },
      transaction: (fn) => fn(sql),
      async exec(script) {
        await client.query(script);
      },
    };
    return sql;
  }

  return {
    engine: 'postgres',
    pool,
    async query(text, params) {
      const result = await pool.query(text, params as unknown[] | undefined);
      return result.rows;
    },
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const value = await fn(clientSql(client));
        await client.query('COMMIT');
        return value;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async exec(script) {
      await pool.query(script);
    },
    async close() {
      await pool.end();
    },
  };
}
