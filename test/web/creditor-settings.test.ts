import type { ServerType } from '@hono/node-server';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../../src/app/security/add-user.ts';
import { createSession } from '../../src/app/security/sessions.ts';
import { startServer } from '../../src/server/serve.ts';
import { commWorld, type TCommWorld } from '../communications/communication-world.ts';
import { strongPassword } from '../support/api-auth.ts';
import { launchBrowser } from '../support/browser.ts';
import { ctxOn } from '../support/fixtures.ts';
import { PNG_LOGO } from '../support/logo-images.ts';
import { createTestDatabase, type TTestDatabase } from '../support/test-database.ts';

/** The Settings form of the creditor's own data, as a credit manager; an operator does not get it. */
const DAY = new Date('2026-03-16T10:00:00Z');
let t: TTestDatabase;
let server: ServerType;
let base: string;
let browser: Browser;
let w: TCommWorld;

async function contextFor(role: string, email: string): Promise<BrowserContext> {
  const user = await addUser(ctxOn(t.db, '2026-03-16'), {
    email,
    name: `Utente ${role}`,
    role,
    creditors: [w.creditorVat],
    password: strongPassword(),
  });
  const session = await createSession(t.db, user.id, DAY);
  const context = await browser.newContext({ locale: 'en-GB' });
  await context.addCookies([
    { name: 'riscossa_session', value: session.token, url: base, httpOnly: true, sameSite: 'Strict' },
    { name: 'riscossa_csrf', value: session.csrfToken, url: base, sameSite: 'Strict' },
  ]);
  return context;
}

beforeAll(async () => {
  t = await createTestDatabase();
  const started = await startServer(t.db, 0, '127.0.0.1', { clock: () => DAY });
  server = started.server;
  base = `http://127.0.0.1:${started.port}`;
  w = await commWorld(t.db);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  await t.drop();
});

describe("the creditor's data in Settings", () => {
  it('a credit manager changes the city and uploads a logo: both stored', async () => {
    const page = await (await contextFor('credit_manager', 'gestore@test.riscossa.it')).newPage();
    await page.goto(`${base}/settings`);
    const form = page.getByRole('form', { name: 'Creditor data and letterhead' });
    await form.getByLabel('City').fill('Torino');
    await form.getByLabel('Postal code').fill('10121');
    await form
      .getByLabel('Logo')
      .setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: PNG_LOGO });
    await form.getByRole('button', { name: 'Save creditor data' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved: postalCode, city, logo.' }).waitFor();
    const [stored] = await t.db.query<{ address: Record<string, string>; logo_media_type: string | null }>(
      'select address, logo_media_type from creditors where id = $1',
      [w.creditorId],
    );
    expect(stored).toEqual({
      address: { postalCode: '10121', city: 'Torino' },
      logo_media_type: 'image/png',
    });
    await form.getByRole('img', { name: 'Logo' }).waitFor();
  });

  it('an operator does not get the form', async () => {
    const page = await (await contextFor('operator', 'operatore@test.riscossa.it')).newPage();
    await page.goto(`${base}/settings`);
    await page.getByRole('heading', { name: 'Creditors' }).waitFor();
    expect(await page.getByRole('form', { name: 'Creditor data and letterhead' }).count()).toBe(0);
  });
});
