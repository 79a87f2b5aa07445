import type { ServerType } from '@hono/node-server';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../../src/app/security/add-user.ts';
import { createSession } from '../../src/app/security/sessions.ts';
import { createLink } from '../../src/app/self-service/create-link.ts';
import { makeContext } from '../../src/app/shared/context.ts';
import { startServer } from '../../src/server/serve.ts';
import { addInvoice, newVat, newWorld, type TWorld } from '../collection/collection-fixtures.ts';
import { strongPassword } from '../support/api-auth.ts';
import { launchBrowser } from '../support/browser.ts';
import { buildFatturaPA } from '../support/fatturapa-builder.ts';
import { createTestDatabase, type TTestDatabase } from '../support/test-database.ts';

/**
 * The web app in Debian's Chromium against the real server on a test database. The engine's
 * flows run on a server whose clock is fixed on a working day (2026-04-07), with a session made
 * for that day; log-in itself goes through a second server on the real clock, because a browser
 * drops a cookie whose expiry is already past on its own clock.
 */
const DAY = new Date('2026-04-07T08:00:00Z');
const EMAIL = 'operatrice@test.riscossa.it';
const PASSWORD = strongPassword();

let t: TTestDatabase;
let servers: ServerType[] = [];
let fixedBase: string;
let liveBase: string;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let w: TWorld;
const otherDebtorVat = newVat();

async function start(clock?: () => Date): Promise<string> {
  const { server, port } = await startServer(t.db, 0, '127.0.0.1', clock ? { clock } : {});
  servers.push(server);
  return `http://127.0.0.1:${port}`;
}

async function debtorId(vat: string): Promise<number> {
  const [row] = await t.db.query<{ id: number }>('select id from debtors where vat_number = $1', [vat]);
  return row!.id;
}

beforeAll(async () => {
  t = await createTestDatabase();
  fixedBase = await start(() => DAY);
  liveBase = await start();
  w = await newWorld(t.db);
  await addInvoice(t.db, w, 'WEB-1', [{ dueDate: '2026-03-22', amount: '640.00' }]);
  await addInvoice(t.db, w, 'WEB-2', [{ dueDate: '2026-03-22', amount: '310.00' }], {
    debtorVat: otherDebtorVat,
  });
  const user = await addUser(makeContext(t.db, 'test'), {
    email: EMAIL,
    name: 'Giulia Operatrice',
    role: 'credit_manager',
    creditors: [w.creditorVat],
    password: PASSWORD,
  });
  browser = await launchBrowser();
  context = await browser.newContext({ locale: 'en-GB' });
  const session = await createSession(t.db, user.id, DAY);
  await context.addCookies([
    { name: 'riscossa_session', value: session.token, url: fixedBase, httpOnly: true, sameSite: 'Strict' },
    { name: 'riscossa_csrf', value: session.csrfToken, url: fixedBase, sameSite: 'Strict' },
  ]);
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  for (const server of servers) await new Promise((resolve) => server.close(resolve));
  servers = [];
  await t.drop();
});

describe('the web app in a real browser', () => {
  it('logs in with email and password, and refuses a wrong password', async () => {
    const login = await browser.newContext({ locale: 'en-GB' });
    const p = await login.newPage();
    await p.goto(`${liveBase}/`);
    await p.getByLabel('Email').fill(EMAIL);
    await p.getByLabel('Password').fill('wrong-password-123');
    await p.getByRole('button', { name: 'Log in' }).click();
    await p.getByRole('alert').filter({ hasText: 'Wrong email or password.' }).waitFor();
    await p.getByLabel('Password').fill(PASSWORD);
    await p.getByRole('button', { name: 'Log in' }).click();
    await p.getByRole('heading', { level: 1, name: 'Today' }).waitFor();
    expect(await p.getByText('Giulia Operatrice').isVisible()).toBe(true);
    const cookies = await login.cookies(liveBase);
    expect(cookies.find((c) => c.name === 'riscossa_session')?.httpOnly).toBe(true);
    await login.close();
  });

  it("previews today's run and approves it: the actions are created", async () => {
    await page.goto(`${fixedBase}/`);
    const run = page.getByRole('region', { name: "Today's run" });
    await run.getByRole('cell', { name: 'call-1' }).first().waitFor();
    expect(await run.getByRole('row').count()).toBe(3); // header + one call per debtor
    await run.getByRole('button', { name: /Approve and run/ }).click();
    await run.getByRole('status').filter({ hasText: 'Run done: 2 steps taken, 2 tasks created.' }).waitFor();
    const actions = await t.db.query<{ step_key: string; status: string }>(
      'select step_key, status from collection_actions where creditor_id = $1 order by id',
      [w.creditorId],
    );
    expect(actions).toEqual([
      { step_key: 'call-1', status: 'pending' },
      { step_key: 'call-1', status: 'pending' },
    ]);
    await run.getByText('Nothing to send today.').waitFor();
  });

  it('works a call to a promise: stored with its date and amount', async () => {
    const worklist = page.getByRole('region', { name: 'Calls and reviews to do' });
    await worklist.getByRole('button', { name: new RegExp(`Debitore ${w.debtorVat}`) }).click();
    const panel = page.locator('section.task');
    await panel.getByRole('heading', { name: new RegExp(`Debitore ${w.debtorVat}`) }).waitFor();
    await panel.getByRole('button', { name: 'Promise', exact: true }).click();
    await panel.getByLabel('Promised date').fill('2026-04-20');
    await panel.getByLabel('Amount (€)').fill('640.00');
    await panel.getByRole('button', { name: 'Record promise' }).click();
    await page.getByRole('status').filter({ hasText: 'Recorded: Promise.' }).waitFor();
    const promises = await t.db.query<{ due_date: string; amount_cents: number; status: string }>(
      'select due_date, amount_cents, status from collection_promises where creditor_id = $1',
      [w.creditorId],
    );
    expect(promises).toEqual([{ due_date: '2026-04-20', amount_cents: 64000, status: 'pending' }]);
    const tasks = await t.db.query<{ outcome: string; completed_by: string }>(
      `select outcome, completed_by from collection_tasks where creditor_id = $1 and status = 'done'`,
      [w.creditorId],
    );
    expect(tasks).toEqual([{ outcome: 'promise', completed_by: `user:${EMAIL}` }]);
  });

  it('imports a FatturaPA file and shows the report of the file', async () => {
    const xml = buildFatturaPA({
      seller: { vatNumber: w.creditorVat, name: 'Creditore Web S.r.l.' },
      buyer: { vatNumber: newVat(), name: 'Cliente Nuovo S.r.l.' },
      bodies: [
        { date: '2026-03-02', number: 'FT-WEB/1', lines: [{ description: 'Merce', amount: '100.00' }] },
      ],
    });
    await page.getByRole('link', { name: 'Imports' }).click();
    await page.getByRole('heading', { level: 1, name: 'Imports' }).waitFor();
    await page.getByLabel('Choose files').setInputFiles({
      name: 'IT_fattura_web.xml',
      mimeType: 'application/xml',
      buffer: Buffer.from(xml),
    });
    const report = page.getByRole('table', { name: 'Report per file' });
    await report.getByRole('cell', { name: 'imported', exact: true }).waitFor();
    expect(await report.getByRole('cell', { name: 'IT_fattura_web.xml' }).isVisible()).toBe(true);
    const [invoice] = await t.db.query<{ total_cents: number }>(
      `select total_cents from invoices where creditor_id = $1 and number = 'FT-WEB/1'`,
      [w.creditorId],
    );
    expect(invoice!.total_cents).toBe(12200);
  });

  it("the debtor disputes on the personal page; the operator sees the hold on the debtor's page", async () => {
    const link = await createLink(makeContext(t.db, 'test', DAY), { debtor: otherDebtorVat });
    const debtorPage = await browser.newPage({ locale: 'en-GB' });
    await debtorPage.goto(`${fixedBase}/pay/${link.token}`);
    await debtorPage.getByRole('heading', { level: 1, name: 'Your payment page' }).waitFor();
    expect(await debtorPage.getByText('WEB-1').count()).toBe(0); // another debtor's invoice
    await debtorPage.getByText('I dispute an invoice').click();
    await debtorPage.getByLabel('What is disputed').fill('The goods arrived damaged');
    await debtorPage.getByRole('button', { name: 'Send' }).first().click();
    await debtorPage.getByRole('status').filter({ hasText: 'Your dispute was recorded' }).waitFor();
    await debtorPage.getByText('WEB-2 (').filter({ hasText: 'disputed' }).waitFor();
    await debtorPage.close();

    await page.goto(`${fixedBase}/debtors/${await debtorId(otherDebtorVat)}`);
    await page.getByRole('heading', { level: 1, name: `Debitore ${otherDebtorVat}` }).waitFor();
    await page.getByRole('list', { name: 'Holds' }).getByText('On hold: disputed: WEB-2').waitFor();
    await page.getByText('The goods arrived damaged').first().waitFor();
    const [review] = await t.db.query<{ reason: string }>(
      `select reason from collection_tasks where creditor_id = $1 and kind = 'review' and status = 'open'`,
      [w.creditorId],
    );
    expect(review!.reason).toBe('self-service: the debtor disputes invoice WEB-2: The goods arrived damaged');
  });

  it("the debtor's promise and receipt on the page land in the operators' worklist", async () => {
    const link = await createLink(makeContext(t.db, 'test', DAY), { debtor: w.debtorVat });
    const debtorPage = await browser.newPage({ locale: 'en-GB' });
    await debtorPage.goto(`${fixedBase}/pay/${link.token}`);
    await debtorPage.getByText('I will pay by a date').click();
    const promise = debtorPage.locator('details', { hasText: 'I will pay by a date' });
    await promise.getByLabel('Promised date').fill('2026-04-30');
    await promise.getByLabel('Amount (€)').fill('150.00');
    await promise.getByRole('button', { name: 'Send' }).click();
    await debtorPage.getByRole('status').filter({ hasText: 'your promise was recorded' }).waitFor();
    await debtorPage.getByText('I have already paid').click();
    const paid = debtorPage.locator('details', { hasText: 'I have already paid' });
    await paid.getByLabel('Paid on').fill('2026-04-06');
    await paid.getByLabel(/Receipt/).setInputFiles({
      name: 'contabile.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n%fake receipt\n'),
    });
    await paid.getByRole('button', { name: 'Send' }).click();
    await debtorPage.getByRole('status').filter({ hasText: 'we will check your payment' }).waitFor();
    await debtorPage.close();

    const [stored] = await t.db.query<{ due_date: string; amount_cents: number }>(
      `select due_date, amount_cents from collection_promises where creditor_id = $1 and due_date = '2026-04-30'`,
      [w.creditorId],
    );
    expect(stored).toEqual({ due_date: '2026-04-30', amount_cents: 15000 });
    await page.goto(`${fixedBase}/`);
    const worklist = page.getByRole('region', { name: 'Calls and reviews to do' });
    await worklist
      .getByRole('button', { name: new RegExp(`Debitore ${w.debtorVat}.*Review`) })
      .first()
      .click();
    await page
      .locator('section.task')
      .getByText('self-service: the debtor promises 150.00 by 2026-04-30')
      .first()
      .waitFor();
    expect(await worklist.getByRole('button', { name: /Review/ }).count()).toBe(3); // dispute, promise, paid
  });

  it('lets an operator who reaches two creditors work on one at a time', async () => {
    const second = await newWorld(t.db);
    // (An agency specialist would see only the tasks assigned to them.)
    const specialist = await addUser(makeContext(t.db, 'test'), {
      email: 'operatore@test.riscossa.it',
      name: 'Marco Operatore',
      role: 'operator',
      creditors: [w.creditorVat, second.creditorVat],
      password: strongPassword(),
    });
    const session = await createSession(t.db, specialist.id, DAY);
    const agency = await browser.newContext({ locale: 'en-GB' });
    await agency.addCookies([
      { name: 'riscossa_session', value: session.token, url: fixedBase, httpOnly: true, sameSite: 'Strict' },
      { name: 'riscossa_csrf', value: session.csrfToken, url: fixedBase, sameSite: 'Strict' },
    ]);
    const p = await agency.newPage();
    await p.goto(`${fixedBase}/`);
    const worklist = p.getByRole('region', { name: 'Calls and reviews to do' });
    await worklist
      .getByRole('button', { name: new RegExp(`Debitore ${otherDebtorVat}`) })
      .first()
      .waitFor();
    expect(await p.getByRole('region', { name: "Today's run" }).count()).toBe(0); // not for this role
    await p.getByLabel('Creditor').selectOption(second.creditorVat);
    await worklist.getByText('No tasks for today.').waitFor();
    expect(await p.getByRole('alert').count()).toBe(0);
    await agency.close();
  });

  it('every screen: one h1, a language, labelled controls, named buttons, images with text', async () => {
    const link = await createLink(makeContext(t.db, 'test', DAY), { debtor: w.debtorVat });
    const paths = ['/', '/dashboard', '/debtors', `/debtors/${await debtorId(w.debtorVat)}`, '/imports'];
    paths.push('/letters', '/reports', '/policies', '/settings', `/pay/${link.token}`);
    for (const path of paths) {
      await page.goto(`${fixedBase}${path}`);
      await page.locator('h1').first().waitFor();
      await page.waitForLoadState('networkidle');
      // Runs in the page: the DOM is typed there, not in this Node-typed project.
      const problems = await page.evaluate(() => {
        const document = (globalThis as any).document;
        const found: string[] = [];
        if (document.querySelectorAll('h1').length !== 1) found.push('h1 count');
        if (!document.documentElement.lang) found.push('no lang');
        for (const el of document.querySelectorAll('input, select, textarea') as any[]) {
          if (el.type === 'hidden') continue;
          const isNamed =
            (el.labels?.length ?? 0) > 0 ||
            el.getAttribute('aria-label') ||
            el.getAttribute('aria-labelledby');
          if (!isNamed) found.push(`unlabelled ${el.tagName} ${el.name || el.type}`);
        }
        for (const b of document.querySelectorAll('button') as any[])
          if (!(b.textContent ?? '').trim() && !b.getAttribute('aria-label')) found.push('unnamed button');
        for (const img of document.querySelectorAll('img') as any[])
          if (!img.alt) found.push('img without alt');
        return found;
      });
      expect({ path, problems }).toEqual({ path, problems: [] });
    }
    // The keyboard's first stop is the skip link to the content.
    await page.goto(`${fixedBase}/dashboard`);
    await page.locator('h1').waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (globalThis as any).document.activeElement?.textContent)).toBe(
      'Skip to content',
    );
  });

  it('shows a clear page for an expired link, without any data', async () => {
    const old = await createLink(makeContext(t.db, 'test', new Date('2026-03-01T08:00:00Z')), {
      debtor: w.debtorVat,
      days: 7,
    });
    const debtorPage = await browser.newPage({ locale: 'en-GB' });
    await debtorPage.goto(`${fixedBase}/pay/${old.token}`);
    await debtorPage.getByRole('heading', { level: 1, name: 'This link is no longer valid' }).waitFor();
    expect(await debtorPage.getByText('WEB-1').count()).toBe(0);
    await debtorPage.close();
  });
});
