import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.ts';
import { createTestDatabase, type TTestDatabase } from '../support/test-database.ts';

const FIXTURE = join(import.meta.dirname, '../fixtures/fatturapa/IT01114601006_00001.xml');
const dir = mkdtempSync(join(tmpdir(), 'riscossa-links-cli-'));
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

const cli = (...args: string[]) => runCli(args, env);

describe('riscossa links', () => {
  it('creates a link shown once, then revokes it (idempotent)', () => {
    expect(cli('import', FIXTURE, '--create-creditor', '--json').status).toBe(0);
    const created = cli(
      'links',
      'create',
      '--debtor',
      'IT00488410010',
      '--days',
      '10',
      '--base-url',
      'https://pay.example.it',
      '--json',
    );
    expect(created.status).toBe(0);
    const link = created.json as any;
    expect(link.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(link.url).toBe(`https://pay.example.it/pay/${link.token}`);
    expect(link.debtor).toMatchObject({ vatNumber: 'IT00488410010', name: 'Rossi Costruzioni S.p.A.' });
    const days = (Date.parse(link.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(9.9);
    expect(days).toBeLessThanOrEqual(10);

    const revoked = cli('links', 'revoke', String(link.id), '--json');
    expect(revoked.status).toBe(0);
    expect(revoked.json).toMatchObject({ id: link.id, status: 'revoked' });
    expect((cli('links', 'revoke', String(link.id), '--json').json as any).status).toBe('already-revoked');

    const tooLong = cli('links', 'create', '--debtor', 'IT00488410010', '--days', '400', '--json');
    expect(tooLong.status).not.toBe(0);
    expect((tooLong.json as any).error.details.field).toBe('days');
    const unknown = cli('links', 'create', '--debtor', 'IT02438750586', '--json');
    expect((unknown.json as any).error.code).toBe('NOT_FOUND');
  });
});
