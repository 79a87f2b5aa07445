import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREDITOR_VAT } from '../support/fixtures.ts';
import { GIF_IMAGE, PNG_LOGO } from '../support/logo-images.ts';
import { runCli } from '../support/run-cli.ts';
import { createTestDatabase, type TTestDatabase } from '../support/test-database.ts';

let t: TTestDatabase | null = null;
let env: { dataDir?: string; databaseUrl?: string | null };
const dir = mkdtempSync(join(tmpdir(), 'riscossa-cli-'));
const png = join(dir, 'logo.png');
const gif = join(dir, 'logo.png.gif');

beforeAll(async () => {
  writeFileSync(png, PNG_LOGO);
  writeFileSync(gif, GIF_IMAGE);
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

describe('riscossa creditors update', () => {
  it('stores the values and the logo, refuses a bad IBAN and a GIF by name, and a repeat changes nothing', () => {
    expect(cli('init', '--json').status).toBe(0);
    expect(cli('creditors', 'add', '--name', 'Acme', '--vat-number', CREDITOR_VAT).status).toBe(0);
    const args = [
      'creditors',
      'update',
      '--creditor',
      CREDITOR_VAT,
      '--city',
      'Torino',
      '--postal-code',
      '10121',
    ];
    const updated = cli(
      ...args,
      '--province',
      'TO',
      '--iban',
      'IT61X0306909606100000012345',
      '--logo',
      png,
      '--json',
    );
    expect(updated.status).toBe(0);
    expect(updated.json).toMatchObject({
      vatNumber: CREDITOR_VAT,
      iban: 'IT61X0306909606100000012345',
      address: { postalCode: '10121', city: 'Torino', province: 'TO' },
      hasLogo: true,
      changed: ['iban', 'postalCode', 'city', 'province', 'logo'],
    });
    const badIban = cli(...args, '--iban', 'IT00X999');
    expect(badIban.status).toBe(1);
    expect(badIban.stderr).toContain('iban: "IT00X999" is not a valid IBAN');
    const badLogo = cli(...args, '--city', 'Roma', '--logo', gif);
    expect(badLogo.status).toBe(1);
    expect(badLogo.stderr).toMatch(/logo: .* is not a PNG or JPEG image/);
    const repeat = cli(...args, '--logo', png);
    expect(repeat.stdout).toBe(`creditor ${CREDITOR_VAT}: nothing to change\n`);
    const listed = cli('creditors', 'list', '--json').json as Array<Record<string, unknown>>;
    expect(listed[0]).toMatchObject({ address: { city: 'Torino' }, hasLogo: true });
    const removed = cli('creditors', 'update', '--creditor', CREDITOR_VAT, '--no-logo', '--json');
    expect(removed.json).toMatchObject({ hasLogo: false, changed: ['logo'] });
  });
});
