import type { ServerType } from '@hono/node-server';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../../src/app/security/add-user.ts';
import { createSession } from '../../src/app/security/sessions.ts';
import { startServer } from '../../src/server/serve.ts';
import { commWorld, type TCommWorld } from '../communications/communication-world.ts';
import { strongPassword } from '../support/api-auth.ts';
import { launchBrowser } from '../support/browser.ts';
import { ctxOn } from '../support/fixtures.ts';
import { createTestDatabase, type TTestDatabase } from '../support/test-database.ts';

/**
 * Deciding which policy a debtor follows from the web app, in Debian's Chromium against the
 * real server: a credit manager assigns one on the debtor page; an operator only sees it.
 */
const DAY = new Date('2026-03-16T10:00:00Z');

let t: TTestDatabase;
let server: ServerType;
let base: string;
let browser: Browser;
let w: TCommWorld;
let debtorPath: string;

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

async function storedPolicy(): Promise<string[]> {
  const rows = await t.db.query<{ key: string }>(
    `select p.key from debtor_policies dp
     join debtors d on d.creditor_id = dp.creditor_id and d.id = dp.debtor_id
     join collection_policies p on p.creditor_id = dp.creditor_id and p.id = dp.policy_id
     where dp.creditor_id = $1 and d.vat_number = $2`,
    [w.creditorId, w.debtorVat],
  );
  return rows.map((r) => r.key);
}

beforeAll(async () => {
  t = await createTestDatabase();
  const started = await startServer(t.db, 0, '127.0.0.1', { clock: () => DAY });
  server = started.server;
  base = `http://127.0.0.1:${started.port}`;
  w = await commWorld(t.db);
  const [debtor] = await t.db.query<{ id: number }>(
    'select id from debtors where creditor_id = $1 and vat_number = $2',
    [w.creditorId, w.debtorVat],
  );
  debtorPath = `/debtors/${debtor!.id}`;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  await t.drop();
});

describe('policy assignment in a real browser', () => {
  it('a credit manager assigns gentle on the debtor page; it is stored and shown on Policies', async () => {
    const context = await contextFor('credit_manager', 'responsabile@test.riscossa.it');
    const page: Page = await context.newPage();
    await page.goto(`${base}${debtorPath}`);
    await page.getByRole('heading', { level: 3, name: 'Collection policy' }).waitFor();
    await page.getByText('Decided by the rules (default: standard)').waitFor();
    expect(await storedPolicy()).toEqual([]);

    await page.getByLabel('Policy for this debtor').selectOption('gentle');
    await page.getByRole('button', { name: 'Assign policy' }).click();
    await page.getByRole('status').filter({ hasText: 'Policy gentle assigned' }).waitFor();
    expect(await storedPolicy()).toEqual(['gentle']);

    await page.goto(`${base}/policies`);
    const assignment = page.getByRole('region', { name: 'Which policy new cases follow' });
    await assignment.getByText(/→ gentle/).waitFor();
    expect(await assignment.getByRole('listitem').allTextContents()).toEqual([
      `Rossi Costruzioni ${w.debtorVat} S.p.A. (${w.debtorVat}) → gentle`,
    ]);
    // A rule from the form: big debts of risky debtors go to the agency policy.
    const ruleForm = assignment.getByRole('form', { name: 'Add rule' });
    await ruleForm.getByRole('combobox').selectOption('agency');
    await ruleForm.getByLabel('Amount owed (€)').fill('5000.00');
    await ruleForm.getByLabel('To avoid').check();
    await ruleForm.getByRole('button', { name: 'Add rule' }).click();
    await page.getByRole('status').filter({ hasText: 'Rule for policy agency added.' }).waitFor();
    const row = assignment.getByRole('row', { name: /agency/ });
    await row.waitFor();
    expect(await row.getByRole('cell').allTextContents()).toEqual([
      '10',
      'Amount owed (€) ≥ 5000.00 · Risk class: To avoid',
      'agency',
      'Remove rule',
    ]);
    const rules = await t.db.query(
      `select r.position, p.key, r.min_amount_cents, r.risk_classes from collection_policy_rules r
       join collection_policies p on p.creditor_id = r.creditor_id and p.id = r.policy_id
       where r.creditor_id = $1`,
      [w.creditorId],
    );
    expect(rules).toEqual([
      { position: 10, key: 'agency', min_amount_cents: 500000, risk_classes: ['to-avoid'] },
    ]);
    await context.close();
  });

  it('an operator sees the debtor policy without a control to change it', async () => {
    const context = await contextFor('operator', 'operatore@test.riscossa.it');
    const page = await context.newPage();
    await page.goto(`${base}${debtorPath}`);
    await page.getByRole('heading', { level: 3, name: 'Collection policy' }).waitFor();
    await page.locator('code', { hasText: 'gentle' }).first().waitFor();
    expect(await page.getByRole('button', { name: 'Assign policy' }).count()).toBe(0);
    await page.goto(`${base}/policies`);
    await page.getByRole('region', { name: 'Which policy new cases follow' }).waitFor();
    expect(await page.getByRole('button', { name: 'Add rule' }).count()).toBe(0);
    await context.close();
  });
});
