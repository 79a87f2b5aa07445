import type { ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trendDates } from '../../src/app/insight/report-overdue-trend.ts';
import { runReport } from '../../src/app/insight/run-report.ts';
import { recordPayment } from '../../src/app/ledger/record-payment.ts';
import { parseDate } from '../../src/core/shared/calendar-date.ts';
import { startServer } from '../../src/server/serve.ts';
import { adminHeaders, type TAuthHeaders } from '../support/api-auth.ts';
import { CREDITOR_VAT, ctxOn, DEBTOR_VAT } from '../support/fixtures.ts';
import { createTestDatabase, type TTestDatabase } from '../support/test-database.ts';
import { AS_OF, buildPortfolio } from './portfolio.ts';

/**
 * Overdue trend over the portfolio of portfolio.ts, by hand (Acme, EUR; due on D is not overdue):
 *   2026-03-31  B-3 400 (INV-3 falls due that day)                         400.00
 *   2026-04-30  INV-3 500 + B-3 400                                         900.00
 *   2026-05-31  INV-3 500 + B-3 400 (INV-4 due that day, B-1/1 paid on due)  900.00
 *   2026-06-30  INV-3 500 + INV-7 300 (B-3 paid 06-20, INV-4 settled 05-31)  800.00
 * Beta: Z-1 100 due 2026-06-01, open: 0 until 06-30. B-2 (USD) is due 08-20: no USD row.
 */
let t: TTestDatabase;
let acmeId: number;
let server: ServerType;
let base: string;
let auth: TAuthHeaders;

beforeAll(async () => {
  t = await createTestDatabase();
  auth = await adminHeaders(t.db);
  ({ acmeId } = await buildPortfolio(t.db));
  const started = await startServer(t.db, 0);
  server = started.server;
  base = `http://127.0.0.1:${started.port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await t.drop();
});

const DATES = ['2026-03-31', '2026-04-30', '2026-05-31', '2026-06-30'];
const trendOf = (rows: Array<Record<string, unknown>>) =>
  rows.map((r) => [r.creditorName, r.currency, r.date, r.overdue]);

/** The aging report's overdue total of Acme at each date: what the trend must equal. */
async function agingOverdue(dates: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const asOf of dates) {
    const r = await runReport(t.db, 'aging', { asOf, creditorId: acmeId });
    out.push(r.rows.find((row) => row.currency === 'EUR')!.overdue as string);
  }
  return out;
}

describe('overdue trend', () => {
  it('month ends before asOf, then asOf', () => {
    expect(trendDates(parseDate('2026-06-30'), 4)).toEqual(DATES);
    expect(trendDates(parseDate('2026-03-15'), 3)).toEqual(['2026-01-31', '2026-02-28', '2026-03-15']);
    expect(trendDates(parseDate('2026-03-31'), 1)).toEqual(['2026-03-31']);
  });

  it('every creditor at four dates, to the cent, in one report', async () => {
    const r = await runReport(t.db, 'overdue-trend', { asOf: AS_OF, months: 4 });
    expect(r.report).toBe('overdue-trend');
    expect(r.parameters).toEqual({ months: 4 });
    expect(trendOf(r.rows)).toEqual([
      ['Acme Forniture S.r.l.', 'EUR', '2026-03-31', '400.00'],
      ['Acme Forniture S.r.l.', 'EUR', '2026-04-30', '900.00'],
      ['Acme Forniture S.r.l.', 'EUR', '2026-05-31', '900.00'],
      ['Acme Forniture S.r.l.', 'EUR', '2026-06-30', '800.00'],
      ['Beta Servizi S.r.l.', 'EUR', '2026-03-31', '0.00'],
      ['Beta Servizi S.r.l.', 'EUR', '2026-04-30', '0.00'],
      ['Beta Servizi S.r.l.', 'EUR', '2026-05-31', '0.00'],
      ['Beta Servizi S.r.l.', 'EUR', '2026-06-30', '100.00'],
    ]);
    expect(await agingOverdue(DATES)).toEqual(['400.00', '900.00', '900.00', '800.00']);
  });

  it('by debtor: each debtor its own line per date', async () => {
    const r = await runReport(t.db, 'overdue-trend', {
      asOf: AS_OF,
      creditorId: acmeId,
      by: 'debtor',
      months: 2,
    });
    expect(r.rows.map((x) => [x.debtorName, x.date, x.overdue])).toEqual([
      ['Bianchi Impianti S.r.l.', '2026-05-31', '400.00'],
      ['Bianchi Impianti S.r.l.', '2026-06-30', '0.00'],
      ['Rossi Costruzioni S.p.A.', '2026-05-31', '500.00'],
      ['Rossi Costruzioni S.p.A.', '2026-06-30', '800.00'],
    ]);
  });

  it('a payment recorded later but dated 2026-04-15 lowers April, May and June, not March', async () => {
    await recordPayment(ctxOn(t.db, '2026-07-12'), {
      debtor: DEBTOR_VAT,
      creditor: CREDITOR_VAT,
      invoices: ['INV-3'],
      amount: '500.00',
      date: '2026-04-15',
    });
    const r = await runReport(t.db, 'overdue-trend', { asOf: AS_OF, creditorId: acmeId, months: 4 });
    expect(trendOf(r.rows).map((row) => row[3])).toEqual(['400.00', '400.00', '400.00', '300.00']);
    expect(await agingOverdue(DATES)).toEqual(['400.00', '400.00', '400.00', '300.00']);
  });

  it('GET /api/v1/reports/overdue-trend answers the same, and rejects a bad months', async () => {
    const ok = await fetch(
      `${base}/api/v1/reports/overdue-trend?asOf=${AS_OF}&creditor=${CREDITOR_VAT}&months=4`,
      { headers: auth },
    );
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { rows: Array<Record<string, unknown>> };
    expect(body.rows.map((row) => [row.date, row.overdue])).toEqual([
      ['2026-03-31', '400.00'],
      ['2026-04-30', '400.00'],
      ['2026-05-31', '400.00'],
      ['2026-06-30', '300.00'],
    ]);
    const bad = await fetch(`${base}/api/v1/reports/overdue-trend?asOf=${AS_OF}&months=0`, { headers: auth });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('months');
  });
});
