import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.ts';
import { runCli } from '../support/run-cli.ts';
import { createTestDatabase, isPostgresRun, type TTestDatabase } from '../support/test-database.ts';

let t: TTestDatabase | null = null;
let token = '';
let env: { dataDir?: string; databaseUrl?: string | null };

beforeAll(async () => {
  if (isPostgresRun()) {
    t = await createTestDatabase();
    env = { databaseUrl: t.url };
  } else {
    env = { dataDir: join(mkdtempSync(join(tmpdir(), 'riscossa-users-')), 'data') };
  }
});
afterAll(() => t?.drop());

describe('riscossa users, apikeys and webhooks', () => {
  it('adds users from stdin passwords, lists them, creates an API key printed once, disables a user', async () => {
    expect(runCli(['creditors', 'add', '--name', 'Acme', '--vat-number', 'IT01114601006'], env).status).toBe(
      0,
    );
    const weak = runCli(
      [
        'users',
        'add',
        '--email',
        'a@b.it',
        '--name',
        'A',
        '--role',
        'administrator',
        '--password-stdin',
        '--json',
      ],
      { ...env, input: 'password123\n' },
    );
    expect(weak.status).toBe(1);
    expect((weak.json as any).error.details).toEqual({ field: 'password', value: '(hidden)' });
    const added = runCli(
      [
        'users',
        'add',
        '--email',
        'Op@Example.it',
        '--name',
        'Operatore',
        '--role',
        'operator',
        '--creditor',
        'IT01114601006',
        '--password-stdin',
        '--json',
      ],
      { ...env, input: 'correct horse battery staple\n' },
    );
    expect(added.status).toBe(0);
    expect(added.json).toMatchObject({
      email: 'op@example.it',
      role: 'operator',
      creditorIds: [1],
      hasTotp: false,
    });
    const key = runCli(
      ['apikeys', 'create', '--creditor', 'IT01114601006', '--permissions', 'read,write', '--json'],
      env,
    );
    expect(key.status).toBe(0);
    token = (key.json as any).token as string;
    expect(token).toMatch(/^rk_[A-Za-z0-9_-]{43}$/);
    expect((key.json as any).permissions).toEqual(['read', 'work', 'write']);
    const listed = runCli(['apikeys', 'list', '--json'], env);
    expect(JSON.stringify(listed.json)).not.toContain(token);
    expect(runCli(['users', 'disable', '--email', 'op@example.it'], env).status).toBe(0);
    const users = runCli(['users', 'list', '--json'], env).json as any[];
    expect(users.map((u) => [u.email, u.isDisabled])).toEqual([['op@example.it', true]]);
  }, 300_000);

  it('adds a webhook endpoint, lists it and runs a delivery pass', () => {
    const hook = runCli(
      [
        'webhooks',
        'add',
        '--creditor',
        'IT01114601006',
        '--url',
        'http://127.0.0.1:9/none',
        '--events',
        'dispute.opened',
        '--json',
      ],
      env,
    );
    expect(hook.status).toBe(0);
    expect(hook.json).toMatchObject({ id: 1, events: ['dispute.opened'], isActive: true });
    expect((hook.json as any).secret).toMatch(/^whsec_/);
    expect(runCli(['webhooks', 'list', '--json'], env).json).toMatchObject([
      { id: 1, url: 'http://127.0.0.1:9/none' },
    ]);
    expect(runCli(['webhooks', 'deliver', '--json'], env).json).toEqual({
      attempted: 0,
      delivered: 0,
      retrying: 0,
      failed: 0,
    });
  }, 300_000);

  it('lets the API key created by the CLI in', async () => {
    if (t) {
      const app = createApp({ db: t.db });
      const response = await app.request('/api/v1/debtors', {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.status).toBe(200);
    }
  });
});
