import pg from 'pg';

/** One statement on a PostgreSQL server (create or drop a benchmark's throw-away database). */
export async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
