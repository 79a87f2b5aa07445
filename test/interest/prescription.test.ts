import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addInvoices } from '../../src/app/ledger/add-invoices.ts';
import { recordPayment } from '../../src/app/ledger/record-payment.ts';
import { prescriptionClocks } from '../../src/app/prescription/prescription-clocks.ts';
import { recordInterruption } from '../../src/app/prescription/record-interruption.ts';
import { setPrescriptionTerms } from '../../src/app/prescription/set-prescription-terms.ts';
import { verifyRegister } from '../../src/app/register/verify-register.ts';
import { parseDate } from '../../src/core/shared/calendar-date.ts';
import { createApp } from '../../src/server/app.ts';
import { adminHeaders } from '../support/api-auth.ts';
import { ctxOn, DEBTOR_VAT, invoice, seedCreditor } from '../support/fixtures.ts';
import { createTestDatabase, type TTestDatabase } from '../support/test-database.ts';

let t: TTestDatabase;
let creditorId: number;

beforeAll(async () => {
  t = await createTestDatabase();
  creditorId = await seedCreditor(t.db);
  const inv = (number: string, issueDate: string, dueDate: string, total = '1000.00') =>
    invoice({ number, issueDate, total, instalments: [{ dueDate, amount: total }] });
  await addInvoices(ctxOn(t.db, '2024-01-01'), [
    inv('P-1', '2021-12-01', '2021-12-31'),
    inv('P-2', '2021-06-01', '2021-06-30'),
    inv('P-3', '2023-05-01', '2023-06-01'),
    inv('P-4', '2023-05-01', '2023-06-30', '50.00'),
  ]);
  // A payment on account of P-1 (an acknowledgement, art. 2944), and P-4 paid in full.
  await recordPayment(ctxOn(t.db, '2023-06-30'), {
    debtor: DEBTOR_VAT,
    amount: '50.00',
    date: '2023-06-30',
    invoices: ['P-4'],
  });
  await recordPayment(ctxOn(t.db, '2023-05-10'), {
    debtor: DEBTOR_VAT,
    amount: '100.00',
    date: '2023-05-10',
    invoices: ['P-1'],
  });
  await setPrescriptionTerms(ctxOn(t.db, '2024-01-01'), { invoice: 'P-2', basis: 'periodic' });
  await setPrescriptionTerms(ctxOn(t.db, '2024-01-01'), {
    invoice: 'P-3',
    basis: 'professional-fees',
    note: 'fees of an engineer',
  });
});
afterAll(() => t.drop());

const clocks = (date: string, isWarningsOnly = false) =>
  prescriptionClocks(t.db, { asOf: parseDate(date), creditorId, isWarningsOnly });

describe('prescription clocks per instalment', () => {
  it('computes each open instalment’s expiry from its due date, its terms and its interruptions', async () => {
    const rows = await clocks('2026-03-15');
    expect(
      rows.map((r) => [r.invoice, r.basis, r.years, r.outstanding, r.expiresOn, r.daysLeft, r.warningDays]),
    ).toEqual([
      // P-2 periodic, due 30 Jun 2021: 30 Jun 2026, 107 days left → the 180-day warning.
      ['P-2', 'periodic', 5, '1000.00', '2026-06-30', 107, 180],
      // P-1 ordinary, due 31 Dec 2021, payment on account 10 May 2023 → 10 May 2033.
      ['P-1', 'ordinary', 10, '900.00', '2033-05-10', 2613, null],
      // P-3 professional fees, due 1 Jun 2023 → 1 Jun 2026: 78 days → the 90-day warning.
      ['P-3', 'professional-fees', 3, '1000.00', '2026-06-01', 78, 90],
    ]);
    expect(rows[1]!.history).toEqual([
      {
        date: '2023-05-10',
        kind: 'payment',
        reference: expect.stringMatching(/^payment \d+ on account$/),
        effect: 'interrupted',
        expiresOn: '2033-05-10',
      },
    ]);
  });

  it('restarts the period from a delivered PEC, and refuses a delivery date in the future', async () => {
    await expect(
      recordInterruption(ctxOn(t.db, '2026-03-15'), {
        invoice: 'P-2',
        kind: 'pec',
        deliveredOn: '2026-03-16',
        reference: 'x',
      }),
    ).rejects.toThrow('deliveredOn: "2026-03-16" is after today (2026-03-15)');
    const recorded = await recordInterruption(ctxOn(t.db, '2026-03-15'), {
      invoice: 'P-2',
      kind: 'pec',
      deliveredOn: '2026-03-10',
      reference: 'opec2921.20260310.1234@pec.aruba.it',
      proof: { fileName: 'ricevuta-consegna.eml', bytes: new TextEncoder().encode('delivery receipt') },
    });
    expect(recorded.proofSha256).toMatch(/^[0-9a-f]{64}$/);
    const p2 = (await clocks('2026-03-15')).find((r) => r.invoice === 'P-2')!;
    expect([p2.expiresOn, p2.warningDays]).toEqual(['2031-03-10', null]);
  });

  it('lists only warnings and expired instalments for the worklist', async () => {
    expect((await clocks('2026-03-15', true)).map((r) => [r.invoice, r.warningDays])).toEqual([['P-3', 90]]);
    expect((await clocks('2026-05-10', true)).map((r) => [r.invoice, r.warningDays])).toEqual([['P-3', 30]]);
    expect((await clocks('2026-06-02', true)).map((r) => [r.invoice, r.isExpired])).toEqual([['P-3', true]]);
  });

  it('serves the clocks over HTTP and keeps a verifiable register', async () => {
    const app = createApp({ db: t.db, clock: () => new Date('2026-03-15T10:00:00Z') });
    const response = await app.request(`/api/v1/prescription?debtor=${DEBTOR_VAT}&warnings=true`, {
      headers: await adminHeaders(t.db),
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as Array<{ invoice: string }>).map((r) => r.invoice)).toEqual(['P-3']);
    const actions = await t.db.query<{ action: string }>(
      `select action from register_entries where creditor_id = $1 and action like 'prescription.%' order by seq`,
      [creditorId],
    );
    expect(actions.map((a) => a.action)).toEqual([
      'prescription.terms-set',
      'prescription.terms-set',
      'prescription.interrupted',
    ]);
    expect((await verifyRegister(t.db, creditorId)).isValid).toBe(true);
  });

  it('a court claim over HTTP holds the clock until the judgment is final; then 10 years', async () => {
    const app = createApp({ db: t.db, clock: () => new Date('2026-03-15T10:00:00Z') });
    const headers = await adminHeaders(t.db);
    const post = (body: unknown) =>
      app.request('/api/v1/prescription/interruptions', {
        method: 'POST',
        headers,
        body: JSON.stringify(body),
      });
    const refused = await post({
      invoice: 'P-3',
      kind: 'sentence',
      deliveredOn: '2026-01-10',
      reference: 'x',
    });
    expect(refused.status).toBe(400);
    const claim = await post({
      invoice: 'P-3',
      kind: 'court-claim',
      deliveredOn: '2026-01-10',
      reference: 'ricorso per decreto ingiuntivo R.G. 77/2026',
      proof: { fileName: 'ricorso.pdf', base64: Buffer.from('ricorso').toString('base64') },
    });
    expect(claim.status).toBe(201);
    expect(await claim.json()).toMatchObject({
      invoice: 'P-3',
      kind: 'court-claim',
      deliveredOn: '2026-01-10',
    });
    // Pending: no expiry, no warning, even after the old expiry of 2026-06-01.
    const pending = (await clocks('2026-07-01')).find((r) => r.invoice === 'P-3')!;
    expect([pending.expiresOn, pending.daysLeft, pending.isExpired, pending.suspendedSince]).toEqual([
      null,
      null,
      false,
      '2026-01-10',
    ]);
    expect((await clocks('2026-07-01', true)).map((r) => r.invoice)).toEqual([]);
    expect(
      (
        await post({
          invoice: 'P-3',
          kind: 'judgment-final',
          deliveredOn: '2026-02-28',
          reference: 'D.I. 12/2026 esecutivo',
        })
      ).status,
    ).toBe(201);
    const final = (await clocks('2026-07-01')).find((r) => r.invoice === 'P-3')!;
    expect([final.expiresOn, final.years, final.isExpired, final.suspendedSince]).toEqual([
      '2036-02-28',
      10,
      false,
      null,
    ]);
    expect(final.history.map((h) => [h.date, h.kind, h.effect, h.expiresOn])).toEqual([
      ['2026-01-10', 'court-claim', 'suspended', null],
      ['2026-02-28', 'judgment-final', 'interrupted', '2036-02-28'],
    ]);
  });

  it('the worklist shows the instalments near or past their expiry, with expiry and days left', async () => {
    const app = createApp({ db: t.db, clock: () => new Date('2026-03-15T10:00:00Z') });
    const headers = await adminHeaders(t.db);
    // P-2 was interrupted on 2026-03-10 (→ 2031-03-10), P-3 is a final judgment (→ 2036-02-28):
    // on 2030-12-01, P-2 has 99 days left (the 180-day warning); on 2031-03-11 it has expired.
    const list = async (date: string, extra = '&withPrescription=true') =>
      (await app.request(`/api/v1/tasks?date=${date}${extra}`, { headers })).json() as Promise<any>;
    const near = await list('2030-12-01');
    expect(near.date).toBe('2030-12-01');
    expect(near.tasks).toEqual([]);
    expect(
      near.prescriptionWarnings.map((w: any) => [
        w.invoice,
        w.instalmentSeq,
        w.outstanding,
        w.expiresOn,
        w.daysLeft,
        w.warningDays,
        w.isExpired,
        w.action,
      ]),
    ).toEqual([['P-2', 1, '1000.00', '2031-03-10', 99, 180, false, 'send-registered-demand']]);
    const expired = await list('2031-03-11');
    expect(
      expired.prescriptionWarnings.map((w: any) => [w.invoice, w.daysLeft, w.isExpired, w.action]),
    ).toEqual([['P-2', -1, true, 'expired']]);
    // Without the flag, the tasks list keeps its shape: an array of tasks.
    expect(await list('2030-12-01', '')).toEqual([]);
  });
});
