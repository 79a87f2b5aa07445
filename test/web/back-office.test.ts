import { readFileSync } from 'node:fs';
import type { ServerType } from '@hono/node-server';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPolicy } from '../../src/app/collection/add-policy.ts';
import { assignPolicy } from '../../src/app/collection/assign-policy.ts';
import { recordPayment } from '../../src/app/ledger/record-payment.ts';
import { addUser } from '../../src/app/security/add-user.ts';
import { createSession } from '../../src/app/security/sessions.ts';
import { startServer } from '../../src/server/serve.ts';
import { runOn } from '../collection/collection-fixtures.ts';
import { commWorld, type TCommWorld } from '../communications/communication-world.ts';
import { strongPassword } from '../support/api-auth.ts';
import { launchBrowser } from '../support/browser.ts';
import { ctxOn } from '../support/fixtures.ts';
import { createTestDatabase, type TTestDatabase } from '../support/test-database.ts';

/**
 * The back-office screens in Debian's Chromium against the real server: letters and outbox,
 * the settings editors (users, templates, rates) and the policy editor, as an administrator,
 * and what an operator does not get. The server's clock is fixed on 2026-03-16.
 */
const DAY = new Date('2026-03-16T10:00:00Z');
// E-mail and letter on the same step, 3 days after the due date (FT-1 is due 2026-02-02).
const MAIL_AND_LETTER = {
  key: 'mail-and-letter',
  name: 'Mail and letter',
  steps: [
    {
      key: 'notice',
      channels: ['email', 'letter'],
      tone: 'friendly',
      template: 'reminder-letter',
      when: { from: 'due-date', days: 3 },
    },
  ],
};

let t: TTestDatabase;
let server: ServerType;
let base: string;
let browser: Browser;
let admin: BrowserContext;
let page: Page;
let w: TCommWorld;

async function contextFor(role: string, email: string): Promise<BrowserContext> {
  const user = await addUser(ctxOn(t.db, '2026-03-16'), {
    email,
    name: `Utente ${role}`,
    role,
    creditors: role === 'administrator' ? [] : [w.creditorVat],
    password: strongPassword(),
  });
  const session = await createSession(t.db, user.id, DAY);
  const context = await browser.newContext({ locale: 'en-GB', acceptDownloads: true });
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
  await addPolicy(ctxOn(t.db, '2026-01-10'), w.creditorId, MAIL_AND_LETTER);
  await assignPolicy(ctxOn(t.db, '2026-01-10'), w.creditorId, {
    policy: 'mail-and-letter',
    debtor: w.debtorVat,
  });
  // FT-2's first instalment (300.50, due 2026-02-10) paid in March: collected this month.
  await recordPayment(ctxOn(t.db, '2026-03-05'), {
    debtor: w.debtorVat,
    creditor: w.creditorVat,
    amount: '300.50',
    date: '2026-03-05',
    invoices: ['FT-2'],
  });
  await runOn(t.db, w, '2026-03-16');
  // The e-mail bounced: what the sender records for a hard failure.
  await t.db.query(
    `update outbox set status = 'failed', needs_attention = true, attempts = 1,
       last_error = '550 5.1.1 mailbox unavailable' where creditor_id = $1 and channel = 'email'`,
    [w.creditorId],
  );
  browser = await launchBrowser();
  admin = await contextFor('administrator', 'amministratore@test.riscossa.it');
  page = await admin.newPage();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  await t.drop();
});

describe('the back-office screens in a real browser', () => {
  it('lists the failed message and sends it again: it is pending, no longer a failure', async () => {
    await page.goto(`${base}/letters`);
    await page.getByRole('heading', { level: 1, name: 'Letters and outbox' }).waitFor();
    const failures = page.getByRole('region', { name: 'Failures to handle' });
    const row = failures.getByRole('row', { name: /mailbox unavailable/ });
    await row.waitFor();
    expect(await row.getByRole('cell').allTextContents()).toEqual([
      `Rossi Costruzioni ${w.debtorVat} S.p.A.`,
      'email · notice',
      '—', // an e-mail's recipient is resolved when it is sent
      'failed',
      '1',
      expect.stringContaining('550 5.1.1 mailbox unavailable'),
      'Send again',
    ]);
    await row.getByRole('button', { name: /Send again/ }).click();
    await failures
      .getByRole('status')
      .filter({ hasText: /is queued again \(pending\)/ })
      .waitFor();
    await failures.getByText('No failed or bounced message.').waitFor();
    const [email] = await t.db.query<{ status: string; needs_attention: boolean }>(
      `select status, needs_attention from outbox where creditor_id = $1 and channel = 'email'`,
      [w.creditorId],
    );
    expect(email).toEqual({ status: 'pending', needs_attention: false });
  });

  it("prepares the day's print batch: the letter listed, the merged PDF downloaded", async () => {
    const batch = page.getByRole('region', { name: "Today's print batch" });
    await batch.getByLabel('Batch date').fill('2026-03-16');
    await batch.getByRole('button', { name: 'Prepare the batch' }).click();
    await batch
      .getByRole('status')
      .filter({ hasText: /^1 letters, \d+ pages\.$/ })
      .waitFor();
    const letter = batch.getByRole('row', { name: new RegExp(`Rossi Costruzioni ${w.debtorVat}`) });
    expect(await letter.getByRole('cell').nth(1).textContent()).toBe('posta ordinaria');
    expect(await letter.getByRole('cell').nth(2).textContent()).toBe('Via Garibaldi 10, 10122 Torino (TO)');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      batch.getByRole('link', { name: 'Batch PDF' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('lettere-2026-03-16.pdf');
    expect(
      readFileSync(await download.path())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    const [stored] = await t.db.query<{ batch_date: string }>(
      `select batch_date from outbox where creditor_id = $1 and channel = 'letter'`,
      [w.creditorId],
    );
    expect(stored!.batch_date).toBe('2026-03-16');
  });

  it('adds a user with a role: listed, stored, disabled, then enabled again', async () => {
    await page.goto(`${base}/settings`);
    const users = page.getByRole('region', { name: 'Users' });
    const form = users.getByRole('form', { name: 'Add user' });
    await form.getByLabel('Name').fill('Nuova Operatrice');
    await form.getByLabel('Email').fill('nuova@test.riscossa.it');
    await form.getByLabel('Role').selectOption('operator');
    await form.getByLabel(`Acme Forniture ${w.creditorVat} S.r.l.`).check();
    await form.getByLabel('Password').fill(strongPassword());
    await form.getByRole('button', { name: 'Add user' }).click();
    await users.getByRole('status').filter({ hasText: 'User nuova@test.riscossa.it added.' }).waitFor();
    const row = users.getByRole('row', { name: /nuova@test\.riscossa\.it/ });
    await row.waitFor(); // the list is reloaded after the status is shown
    expect((await row.getByRole('cell').allTextContents()).slice(0, 5)).toEqual([
      'Nuova Operatrice',
      'nuova@test.riscossa.it',
      'Operator',
      `Acme Forniture ${w.creditorVat} S.r.l.`,
      'active',
    ]);
    await row.getByRole('button', { name: 'Disable nuova@test.riscossa.it' }).click();
    await row.getByRole('cell', { name: 'disabled', exact: true }).waitFor();
    const [stored] = await t.db.query<{ role: string; is_disabled: boolean }>(
      `select role, is_disabled from users where email = 'nuova@test.riscossa.it'`,
    );
    expect(stored).toEqual({ role: 'operator', is_disabled: true });
    await row.getByRole('button', { name: 'Enable nuova@test.riscossa.it' }).click();
    await row.getByRole('cell', { name: 'active', exact: true }).waitFor();
    const [again] = await t.db.query<{ is_disabled: boolean }>(
      `select is_disabled from users where email = 'nuova@test.riscossa.it'`,
    );
    expect(again).toEqual({ is_disabled: false });
  });

  it('adds a legal rate with its Gazzetta Ufficiale reference: listed with its value', async () => {
    const rates = page.getByRole('region', { name: 'Interest rate table' });
    const form = rates.getByRole('form', { name: 'Add rate' });
    await form.getByLabel('Kind').selectOption('legal');
    await form.getByLabel('From').fill('2027-01-01');
    await form.getByLabel('Rate %').fill('2.25');
    await form.getByLabel('Gazzetta Ufficiale reference').fill('D.M. 10/12/2026, GU n. 290 del 14/12/2026');
    await form.getByRole('button', { name: 'Add rate' }).click();
    await rates
      .getByRole('status')
      .filter({ hasText: /\(added\)/ })
      .waitFor();
    const row = rates.getByRole('row', { name: /GU n\. 290 del 14\/12\/2026/ });
    await row.waitFor(); // the list is reloaded after the status is shown
    const cells = await row.getByRole('cell').allTextContents();
    expect(cells[0]).toBe('Legal (art. 1284 c.c.)');
    expect(cells[2]).toBe('1 Jan 2027');
    expect(Number(cells[4])).toBe(2.25);
    const [stored] = await t.db.query<{ rate: string; source: string }>(
      `select rate::text, source from interest_rates where kind = 'legal' and period_start = '2027-01-01'`,
    );
    expect(stored).toEqual({ rate: '2.2500', source: 'D.M. 10/12/2026, GU n. 290 del 14/12/2026' });
  });

  it('edits a template with a live preview on a real debtor, then saves it', async () => {
    await page.goto(`${base}/settings`);
    const templates = page.getByRole('region', { name: 'Templates' });
    await templates.getByRole('button', { name: 'Edit reminder-letter email it' }).click();
    const editor = templates.getByRole('region', { name: 'Template reminder-letter' });
    const preview = editor.getByRole('figure');
    await editor
      .getByLabel('Text')
      .fill('Gentile {{ debtor.name }}, risultano aperti {{ total }}. Prova web.');
    // Rendered before saving: the draft, on the debtor's real balance.
    await preview.getByText(`Gentile Rossi Costruzioni ${w.debtorVat} S.p.A., risultano aperti`).waitFor();
    expect(await preview.textContent()).toContain('Prova web.');
    expect(
      await t.db.query('select 1 from message_templates where creditor_id = $1', [w.creditorId]),
    ).toEqual([]);
    await editor.getByLabel('Text').fill('Gentile {{ nessuna.variabile }}');
    await editor.getByRole('alert').filter({ hasText: '(draft.body)' }).waitFor();
    await editor
      .getByLabel('Text')
      .fill('Gentile {{ debtor.name }}, risultano aperti {{ total }}. Prova web.');
    await editor.getByRole('button', { name: 'Save' }).click();
    await editor.getByRole('status').filter({ hasText: 'Template saved.' }).waitFor();
    const [stored] = await t.db.query<{ body: string }>(
      `select body from message_templates where creditor_id = $1 and template_key = 'reminder-letter'
         and language = 'it' and channel = 'email'`,
      [w.creditorId],
    );
    expect(stored!.body).toBe('Gentile {{ debtor.name }}, risultano aperti {{ total }}. Prova web.');
  });

  it('edits a copy of a policy: saved as a new policy with the changed days and channels', async () => {
    await page.goto(`${base}/policies`);
    await page.getByRole('button', { name: 'Edit a copy: Mail and letter' }).click();
    const editor = page.getByRole('form', { name: 'Policy editor' });
    expect(await editor.getByLabel('New policy key').inputValue()).toBe('mail-and-letter-2');
    await editor.getByLabel('Days').fill('10');
    await editor.getByLabel('sms', { exact: true }).check();
    await editor.getByLabel('letter', { exact: true }).uncheck();
    await editor.getByLabel('Tone').selectOption('firm');
    await editor.getByRole('button', { name: 'Save as new policy' }).click();
    await page.getByRole('status').filter({ hasText: 'Policy mail-and-letter-2 saved.' }).waitFor();
    await page
      .getByRole('region', { name: 'Mail and letter' })
      .nth(1)
      .getByText('mail-and-letter-2')
      .waitFor();
    const [stored] = await t.db.query<{ steps: unknown }>(
      `select steps from collection_policies where creditor_id = $1 and key = 'mail-and-letter-2'`,
      [w.creditorId],
    );
    expect(stored!.steps).toMatchObject([
      { key: 'notice', channels: ['email', 'sms'], tone: 'firm', when: { from: 'due-date', days: 10 } },
    ]);
  });

  it('the dashboard: overdue at each month end, and what was collected this month', async () => {
    await page.goto(`${base}/dashboard`);
    const collected = page.locator('.kpi-inline');
    await collected.getByText('Collected this month').waitFor();
    expect(await collected.locator('strong').textContent()).toBe('€300.50');
    const trend = page.getByRole('region', { name: 'Overdue total at month end' });
    const summary = (await trend.locator('figcaption').textContent())!.split('; ');
    expect(summary).toHaveLength(12);
    // Nothing due before February; FT-1 and FT-2's first instalment at the end of February;
    // today (2026-03-16) FT-1 only, the instalment having been paid on 5 March.
    expect(summary.slice(8)).toEqual([
      '2025-12: €0.00',
      '2026-01: €0.00',
      '2026-02: €1,520.50',
      '2026-03: €1,220.00',
    ]);
  });

  it('an operator sees no editor, no retry and no user list; the API refuses a policy from them', async () => {
    const operator = await contextFor('operator', 'operatore@test.riscossa.it');
    const p = await operator.newPage();
    await p.goto(`${base}/policies`);
    await p.getByText('Your role can look at policies but not change them.').waitFor();
    expect(await p.getByRole('button', { name: /Edit a copy/ }).count()).toBe(0);
    const status = await p.evaluate(async () => {
      const csrf = /riscossa_csrf=([^;]+)/.exec((globalThis as any).document.cookie)?.[1] ?? '';
      const response = await fetch('/api/v1/policies', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': decodeURIComponent(csrf) },
        body: JSON.stringify({ key: 'sneaky', name: 'x', steps: [] }),
      });
      return response.status;
    });
    expect(status).toBe(403);
    await p.goto(`${base}/settings`);
    await p.getByRole('region', { name: 'Interest rate table' }).getByRole('table').waitFor();
    expect(await p.getByRole('region', { name: 'Users' }).count()).toBe(0);
    expect(await p.getByRole('form', { name: 'Add rate' }).count()).toBe(0);
    // The e-mail sent again is cut by a crash while sending (an hour ago): its fate is unknown.
    await t.db.query(
      `update outbox set status = 'sending', next_attempt_at = $2 where creditor_id = $1 and channel = 'email'`,
      [w.creditorId, new Date(DAY.getTime() - 3_600_000)],
    );
    await p.goto(`${base}/letters`);
    const failures = p.getByRole('region', { name: 'Failures to handle' });
    const row = failures.getByRole('row', { name: /email · notice/ });
    await row.getByRole('cell', { name: 'sending interrupted: check the mail server log' }).waitFor();
    expect(await failures.getByRole('button', { name: /Send again/ }).count()).toBe(0);
    expect(await p.getByRole('region', { name: "Today's print batch" }).count()).toBe(0);
    await operator.close();
  });
});
