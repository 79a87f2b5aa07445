import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { itAmount } from '../../src/adapters/case-file/pdf-writer.ts';
import { runCollection } from '../../src/app/collection/run-collection.ts';
import { importFiles } from '../../src/app/imports/import-files.ts';
import { recordPayment } from '../../src/app/ledger/record-payment.ts';
import { closeCase } from '../../src/app/legal/close-case.ts';
import { draftPetition } from '../../src/app/legal/draft-petition.ts';
import { recordLegalStage } from '../../src/app/legal/record-legal-stage.ts';
import { debtorStatement } from '../../src/app/statement/debtor-statement.ts';
import { createApp } from '../../src/server/app.ts';
import { adminHeaders, withHeaders } from '../support/api-auth.ts';
import { ctxOn, DEBTOR_VAT, seedCreditor } from '../support/fixtures.ts';
import { createTestDatabase, type TTestDatabase } from '../support/test-database.ts';
import { hasPdftotext, pdfText } from './agency-fixtures.ts';

const XML = join(import.meta.dirname, '../fixtures/fatturapa/IT01114601006_00001.xml');
let t: TTestDatabase;
let creditorId: number;
let caseId: number;

beforeAll(async () => {
  t = await createTestDatabase();
  creditorId = await seedCreditor(t.db);
  await importFiles(ctxOn(t.db, '2026-01-12'), [
    { name: 'IT01114601006_00001.xml', bytes: readFileSync(XML) },
  ]);
  await runCollection(ctxOn(t.db, '2026-03-20'), { creditorId, date: '2026-03-20' });
  caseId = (
    await t.db.query<{ id: number }>('select id from collection_cases where creditor_id = $1', [creditorId])
  )[0]!.id;
});
afterAll(() => t.drop());

const record = (stage: string, on: string, today = on) =>
  recordLegalStage(ctxOn(t.db, today), { caseId, stage: stage as never, date: on, reference: `R-${stage}` });

describe('the legal phase of a case', () => {
  it('records the stages in order with their deadlines and the opposition reminder', async () => {
    await record('legal-notice', '2026-05-04');
    await expect(record('order-granted', '2026-06-10')).rejects.toThrow(/needs petition-filed first/);
    await record('petition-filed', '2026-05-25');
    await record('order-granted', '2026-06-10');
    const served = await record('order-served', '2026-07-20', '2026-09-01');
    expect(served.deadlines.map((d) => [d.key, d.date, d.status])).toEqual([
      ['notice-payment', '2026-05-19', 'met'],
      ['serve-order', '2026-09-09', 'met'],
      ['opposition-window', '2026-09-29', 'open'],
    ]);
    const [reminder] = await t.db.query<{ kind: string; due_date: string; reason: string }>(
      `select kind, due_date, reason from collection_tasks where creditor_id = $1 and case_id = $2 and kind = 'review' and status = 'open'`,
      [creditorId, caseId],
    );
    expect(reminder).toMatchObject({ kind: 'review', due_date: '2026-09-30' });
    expect(reminder!.reason).toContain('art. 641');

    await expect(record('order-final', '2026-09-29', '2026-10-20')).rejects.toThrow(
      /within the opposition window/,
    );
    await record('order-final', '2026-09-30', '2026-10-20');
    await record('precetto-served', '2026-10-05', '2026-10-20');
    await expect(record('pignoramento', '2026-10-15', '2026-10-20')).rejects.toThrow(/before 2026-10-16/);
    const view = await record('pignoramento', '2026-10-16', '2026-10-20');
    expect(view.stages.map((s) => s.stage)).toEqual([
      'legal-notice',
      'petition-filed',
      'order-granted',
      'order-served',
      'order-final',
      'precetto-served',
      'pignoramento',
    ]);
    expect(
      view.deadlines.filter((d) => d.from !== 'legal-notice').map((d) => [d.key, d.date, d.status]),
    ).toEqual([
      ['serve-order', '2026-09-09', 'met'],
      ['opposition-window', '2026-09-29', 'met'],
      ['enforcement-not-before', '2026-10-16', 'met'],
      ['precetto-lapses', '2027-01-04', 'met'],
      ['sale-request', '2026-11-30', 'open'],
    ]);
  });

  it('drafts the petition for a payment order from the case, with amounts and written proof', async () => {
    const { draft, pdf } = await draftPetition(ctxOn(t.db, '2026-07-01'), { caseId, date: '2026-06-30' });
    const statement = await debtorStatement(t.db, { debtor: DEBTOR_VAT, date: '2026-06-30' });
    expect(draft.amounts.EUR).toMatchObject({
      capitalOutstanding: '2440.00',
      interestOutstanding: statement.totals.EUR!.interestOutstanding,
      due: statement.totals.EUR!.due,
    });
    expect(draft.proofs.map((p) => p.description)[0]).toBe(
      'Fattura elettronica n. FT-2026/001 del 2026-01-10, trasmessa tramite SdI (file XML originale)',
    );
    expect(draft.proofs.at(-2)?.description).toBe('Estratto conto con interessi al 2026-06-30');
    if (hasPdftotext) {
      const text = pdfText(pdf);
      expect(text).toContain('RICORSO PER DECRETO INGIUNTIVO (artt. 633 e ss. c.p.c.)');
      expect(text).toContain('fattura n. FT-2026/001 del 10/01/2026');
      expect(text).toContain(itAmount(statement.totals.EUR!.due));
      expect(text).toContain('Rossi Costruzioni S.p.A.');
    }
  });

  it('closes with an outcome and the amount written off, to the cent', async () => {
    await recordPayment(ctxOn(t.db, '2026-10-20'), {
      debtor: DEBTOR_VAT,
      amount: '1000.00',
      date: '2026-10-20',
    });
    await expect(closeCase(ctxOn(t.db, '2026-10-21'), { caseId, outcome: 'paid' })).rejects.toThrow(
      /still owes 220.00 EUR/,
    );
    await expect(
      closeCase(ctxOn(t.db, '2026-10-21'), { caseId, outcome: 'written-off', writtenOff: '220.01' }),
    ).rejects.toThrow(/more than what is owed \(220.00\)/);
    const closed = await closeCase(ctxOn(t.db, '2026-10-21'), {
      caseId,
      outcome: 'settled',
      writtenOff: '120.00',
      note: 'saldo e stralcio',
    });
    expect(closed.outcome).toEqual({
      outcome: 'settled',
      closedOn: '2026-10-21',
      outstanding: '220.00',
      writtenOff: '120.00',
      currency: 'EUR',
      note: 'saldo e stralcio',
    });
    const open = await t.db.query(
      `select id from collection_tasks where creditor_id = $1 and case_id = $2 and status = 'open'`,
      [creditorId, caseId],
    );
    expect(open).toEqual([]);
    // The case chased the first instalment (1220.00, 1000.00 paid): it is never chased again. The
    // second (due 2026-03-31) never joined the case and gets a case of its own.
    const run = await runCollection(ctxOn(t.db, '2026-10-22'), { creditorId, date: '2026-10-22' });
    expect(run.casesOpened).toBe(1);
    const chased = await t.db.query<{ case_id: number; due_date: string }>(
      `select ci.case_id, t.due_date from case_instalments ci
       join instalments t on t.creditor_id = ci.creditor_id and t.id = ci.instalment_id
       where ci.creditor_id = $1 order by t.due_date`,
      [creditorId],
    );
    expect(chased.map((c) => c.due_date)).toEqual(['2026-02-28', '2026-03-31']);
    expect(chased[0]!.case_id).toBe(caseId);
    expect(chased[1]!.case_id).not.toBe(caseId);
    await expect(closeCase(ctxOn(t.db, '2026-10-22'), { caseId, outcome: 'uncollectable' })).rejects.toThrow(
      /already closed/,
    );
  });

  it('serves the legal view, the petition PDF and refuses a stage on a closed case over HTTP', async () => {
    const app = withHeaders(
      createApp({ db: t.db, clock: () => new Date('2026-10-23T09:00:00Z') }),
      await adminHeaders(t.db),
    );
    const view = (await (await app.request(`/api/v1/cases/${caseId}/legal`)).json()) as any;
    expect(view.outcome.writtenOff).toBe('120.00');
    expect(view.stages.length).toBe(7);
    const pdf = await app.request(`/api/v1/cases/${caseId}/petition?date=2026-06-30`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const refused = await app.request(`/api/v1/cases/${caseId}/legal`, {
      method: 'POST',
      body: JSON.stringify({ stage: 'opposed', date: '2026-10-22' }),
    });
    expect(refused.status).toBe(409);
  });
});
