/**
 * Screenshots of the main screens on the demo portfolio, for the README and docs/web.md.
 *
 *   npm run screenshots            (writes docs/screenshots/*.png)
 *
 * An in-memory database with `riscossa demo` data and yesterday's run (so the worklist has
 * calls), the real server and the built web app, Debian's Chromium through playwright-core.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { runCollection } from '../src/app/collection/run-collection.ts';
import { loadDemoPortfolio } from '../src/app/demo/load-demo-portfolio.ts';
import { addUser } from '../src/app/security/add-user.ts';
import { createSession } from '../src/app/security/sessions.ts';
import { createLink } from '../src/app/self-service/create-link.ts';
import { makeContext } from '../src/app/shared/context.ts';
import { addDays } from '../src/core/shared/calendar-date.ts';
import { openDatabase } from '../src/db/open-database.ts';
import { startServer } from '../src/server/serve.ts';
import { launchBrowser } from '../test/support/browser.ts';
import { buildFatturaPA } from '../test/support/fatturapa-builder.ts';

const ROOT = join(import.meta.dirname, '..');
const OUT = join(ROOT, 'docs/screenshots');

async function main(): Promise<void> {
  if (!existsSync(join(ROOT, 'web/dist/index.html')))
    execFileSync('npm', ['run', 'build:web'], { cwd: ROOT, stdio: 'inherit' });
  mkdirSync(OUT, { recursive: true });
  const db = await openDatabase({ inMemory: true });
  const ctx = makeContext(db, 'screenshots');
  const demo = await loadDemoPortfolio(ctx, { seed: 1, onlyIfEmpty: false });
  await runCollection({ ...ctx, today: addDays(ctx.today, -1) }, {});
  const user = await addUser(ctx, {
    email: 'giulia.bianchi@example.it',
    name: 'Giulia Bianchi',
    role: 'credit_manager',
    creditors: [demo.creditor.vatNumber],
    password: `Riscossa-${Date.now()}-screenshots`,
  });
  const session = await createSession(db, user.id, new Date());
  const [busiest] = await db.query<{ debtor_id: number; vat_number: string }>(
    `select r.debtor_id, d.vat_number from register_entries r
     join debtors d on d.creditor_id = r.creditor_id and d.id = r.debtor_id
     group by r.debtor_id, d.vat_number order by count(*) desc, r.debtor_id limit 1`,
  );
  const link = await createLink(ctx, { debtor: busiest!.vat_number });
  const { server, port } = await startServer(db, 0);
  const base = `http://127.0.0.1:${port}`;
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ locale: 'it-IT', viewport: { width: 1280, height: 900 } });
    await context.addCookies([
      { name: 'riscossa_session', value: session.token, url: base, httpOnly: true, sameSite: 'Strict' },
      { name: 'riscossa_csrf', value: session.csrfToken, url: base, sameSite: 'Strict' },
    ]);
    const page = await context.newPage();
    const shoot = async (path: string, name: string, ready: () => Promise<unknown>, fullPage = false) => {
      await page.goto(`${base}${path}`);
      await ready();
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(OUT, `${name}.png`), fullPage });
      process.stdout.write(`docs/screenshots/${name}.png\n`);
    };
    await shoot('/', 'today', () => page.locator('section.task h2').waitFor());
    await shoot('/dashboard', 'dashboard', () => page.locator('.recharts-bar-rectangle').first().waitFor());
    await shoot(`/debtors/${busiest!.debtor_id}`, 'debtor', () => page.getByText('Cronologia').waitFor());
    await shoot('/imports', 'imports', async () => {
      const xml = buildFatturaPA({
        seller: { vatNumber: demo.creditor.vatNumber, name: demo.creditor.name },
        buyer: { vatNumber: 'IT00488410010', name: 'Rossi Costruzioni S.p.A.' },
        bodies: [
          {
            date: addDays(ctx.today, -3),
            number: 'FT-DEMO/900',
            lines: [{ description: 'Merce', amount: '820.00' }],
          },
        ],
      });
      await page.getByLabel('Scegli file').setInputFiles({
        name: 'IT03918270160_00900.xml',
        mimeType: 'application/xml',
        buffer: Buffer.from(xml),
      });
      await page.getByRole('cell', { name: 'imported', exact: true }).waitFor();
    });
    await shoot('/letters', 'letters', async () => {
      await page.getByRole('button', { name: 'Prepara il lotto' }).click();
      await page.getByRole('region', { name: 'Lotto di stampa del giorno' }).getByRole('status').waitFor();
    });
    await shoot('/settings', 'settings', () =>
      page.getByRole('region', { name: 'Tabella dei tassi di interesse' }).locator('table').waitFor(),
    );
    await shoot('/reports', 'reports', () => page.locator('table caption').waitFor());
    await shoot('/policies', 'policies', () => page.locator('ol.steps').first().waitFor());
    const pay = await browser.newPage({ locale: 'it-IT', viewport: { width: 900, height: 1000 } });
    await pay.goto(`${base}${link.path}`);
    await pay.getByText('Come pagare').waitFor();
    await pay.screenshot({ path: join(OUT, 'pay.png'), fullPage: true });
    process.stdout.write('docs/screenshots/pay.png\n');
  } finally {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
    await db.close();
  }
}

await main();
