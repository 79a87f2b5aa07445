import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/open-database.ts';
import { createApp } from '../../src/server/app.ts';
import { runCli } from '../support/run-cli.ts';
import { createTestDatabase, type TTestDatabase } from '../support/test-database.ts';

/**
 * `npm start` on a fresh directory must end with a web app one can enter: the demo prints a
 * log-in once (a credit manager of the demo creditor), and never adds one where people exist.
 */
const dir = mkdtempSync(join(tmpdir(), 'riscossa-demo-login-'));
let t: TTestDatabase | null = null;
let env: { dataDir?: string; databaseUrl?: string | null };

beforeAll(async () => {
  if (process.env.DATABASE_URL) {
    t = await createTestDatabase();
    await t.db.close();
    env = { databaseUrl: t.url };
  } else {
    env = { dataDir: join(dir, 'data') };
  }
});
afterAll(async () => {
  if (t) await t.drop().catch(() => undefined);
});

describe('the demo log-in', () => {
  it('is printed once by the first demo, and logs in to the API', async () => {
    const first = runCli(['demo', '--if-empty', '--json'], env);
    expect(first.status, first.stderr).toBe(0);
    const login = (first.json as { login: { email: string; password: string } }).login;
    expect(login.email).toBe('demo@riscossa.example');
    expect(login.password).toMatch(/^[A-Za-z0-9_-]{20}$/);

    const again = runCli(['demo', '--if-empty', '--json'], env);
    expect(again.json).toMatchObject({ status: 'skipped', login: null });

    const db = await openDatabase({ databaseUrl: env.databaseUrl ?? null, dataDir: env.dataDir });
    try {
      const app = createApp({ db });
      const session = await app.request('/api/v1/session', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(login),
      });
      expect(session.status).toBe(200);
      expect(await session.json()).toMatchObject({ user: { email: login.email, role: 'credit_manager' } });
    } finally {
      await db.close();
    }
  });
});
