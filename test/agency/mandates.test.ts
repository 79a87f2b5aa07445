import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remittanceCsv, renderRemittancePdf } from '../../src/adapters/case-file/remittance-files.ts';
import { recordProgress } from '../../src/app/agency/record-progress.ts';
import { addPolicy } from '../../src/app/collection/add-policy.ts';
import { assignPolicy } from '../../src/app/collection/assign-policy.ts';
import { runCollection } from '../../src/app/collection/run-collection.ts';
import { recordTracing } from '../../src/app/contacts/record-tracing.ts';
import { addInvoices } from '../../src/app/ledger/add-invoices.ts';
import { recordPayment } from '../../src/app/ledger/record-payment.ts';
import { endMandate } from '../../src/app/mandates/end-mandate.ts';
import { operationsRegister } from '../../src/app/mandates/operations-register.ts';
import {
  addAgency,
  addMandate,
  addSpecialist,
  addSpecialistRule,
} from '../../src/app/mandates/setup-agency.ts';
import { specialistWorklist } from '../../src/app/mandates/specialist-worklist.ts';
import { reassignCase, takeCases } from '../../src/app/mandates/take-cases.ts';
import { recordRemittance, remittanceStatement, trustAccount } from '../../src/app/mandates/trust-account.ts';
import { verifyRegister } from '../../src/app/register/verify-register.ts';
import { insertTasks } from '../../src/db/queries/collection-writes.ts';
import { createApp } from '../../src/server/app.ts';
import { newWorld, type TWorld } from '../collection/collection-fixtures.ts';
import { adminHeaders, withHeaders } from '../support/api-auth.ts';
import { ctxOn, DEBTOR_VAT } from '../support/fixtures.ts';
import { createTestDatabase, type TTestDatabase } from '../support/test-database.ts';
import { hasPdftotext, pdfText } from './agency-fixtures.ts';

// One agency, two client creditors. Both have a customer with the SAME VAT number (each in its own
// tenant): whatever is computed for one mandate must never include the other's.
let t: TTestDatabase;
let a: TWorld;
let b: TWorld;
const AGENCY_VAT = 'IT02438750586';

async function clientWithHandedOverCase(
  w: TWorld,
  number: string,
  amount: string,
  name: string,
  province: string,
) {
  await addInvoices(ctxOn(t.db, '2026-01-10'), {
    number,
    type: 'invoice',
    issueDate: '2026-01-10',
    currency: 'EUR',
    total: amount,
    debtor: {
      name,
      vatNumber: DEBTOR_VAT,
      addresses: [{ street: 'Via Roma 1', city: 'Città', province, postalCode: '00100' }],
    },
    creditor: { vatNumber: w.creditorVat },
    instalments: [{ dueDate: '2026-02-28', amount }],
  });
  await addPolicy(ctxOn(t.db, '2026-01-10'), w.creditorId, {
    key: 'to-agency',
    name: 'Straight to the agency',
    steps: [
      {
        key: 'handover',
        channels: ['agency-handover'],
        tone: 'formal',
        template: 'agency-handover',
        when: { from: 'due-date', days: 60 },
      },
    ],
  });
  await assignPolicy(ctxOn(t.db, '2026-01-10'), w.creditorId, { policy: 'to-agency', debtor: DEBTOR_VAT });
  const run = await runCollection(ctxOn(t.db, '2026-04-29'), {
    creditorId: w.creditorId,
    date: '2026-04-29',
  });
  expect(run.caseFilesBuilt).toBe(1);
}

const pay = (w: TWorld, amount: string, date: string) =>
  recordPayment(ctxOn(t.db, date), { debtor: DEBTOR_VAT, creditor: w.creditorVat, amount, date });

beforeAll(async () => {
  t = await createTestDatabase();
  a = await newWorld(t.db);
  b = await newWorld(t.db);
  await clientWithHandedOverCase(a, 'FT-A1', '1220.00', 'Rossi Costruzioni (cliente A)', 'MI');
  await clientWithHandedOverCase(b, 'FT-B1', '3000.00', 'Rossi Costruzioni (cliente B)', 'TO');
  const ctx = ctxOn(t.db, '2026-05-02');
  await addAgency(ctx, {
    name: 'Recuperi Sabaudi S.r.l.',
    vatNumber: AGENCY_VAT,
    licence: 'Questura di Torino n. 123/2020',
  });
  await addMandate(ctx, {
    creditor: a.creditorVat,
    reference: 'M-A',
    commissionRate: '12.50',
    fixedFee: '25.00',
    startsOn: '2026-04-01',
  });
  await addMandate(ctx, {
    creditor: b.creditorVat,
    reference: 'M-B',
    commissionRate: '10',
    startsOn: '2026-04-01',
  });
  await addSpecialist(ctx, { name: 'Bianchi', languages: ['it'] });
  await addSpecialist(ctx, { name: 'Verdi', languages: ['it', 'de'] });
  await addSpecialistRule(ctx, { specialist: 'Verdi', mandate: 'M-B', minAmount: '2000.00' });
});
afterAll(() => t.drop());

describe('agency mode: mandates, specialists, trust accounting', () => {
  it('takes each client case once under its mandate and assigns a specialist by rule or workload', async () => {
    const takenA = await takeCases(ctxOn(t.db, '2026-05-02'), { mandate: 'M-A' });
    expect(takenA).toEqual([
      {
        caseId: expect.any(Number),
        outstanding: '1220.00',
        specialist: 'Bianchi',
        reason: 'workload balance',
        fixedFee: '25.00',
        country: 'IT',
        language: 'it',
        partnerOffice: null,
      },
    ]);
    const takenB = await takeCases(ctxOn(t.db, '2026-05-02'), { mandate: 'M-B' });
    expect(takenB.map((x) => [x.outstanding, x.specialist, x.reason])).toEqual([
      ['3000.00', 'Verdi', 'rule 1'],
    ]);
    expect(await takeCases(ctxOn(t.db, '2026-05-03'), { mandate: 'M-A' })).toEqual([]);

    const bianchi = await specialistWorklist(ctxOn(t.db, '2026-05-03'), { specialist: 'Bianchi' });
    expect(bianchi.cases.map((c) => [c.mandate, c.client.vatNumber, c.debtor.name, c.outstanding])).toEqual([
      ['M-A', a.creditorVat, 'Rossi Costruzioni (cliente A)', '1220.00'],
    ]);
    const verdi = await specialistWorklist(ctxOn(t.db, '2026-05-03'), { specialist: 'Verdi' });
    expect(verdi.cases.map((c) => [c.mandate, c.debtor.name, c.outstanding])).toEqual([
      ['M-B', 'Rossi Costruzioni (cliente B)', '3000.00'],
    ]);
  });

  it('keeps each mandate to its own client: the same debtor VAT never mixes', async () => {
    await pay(a, '500.00', '2026-05-10');
    await pay(b, '1000.00', '2026-05-20');
    await pay(a, '720.00', '2026-06-05');
    const mayA = await remittanceStatement(ctxOn(t.db, '2026-06-30'), { mandate: 'M-A', month: '2026-05' });
    const mayB = await remittanceStatement(ctxOn(t.db, '2026-06-30'), { mandate: 'M-B', month: '2026-05' });
    expect(mayA.lines.map((l) => [l.date, l.invoice, l.debtor, l.collected, l.commission])).toEqual([
      ['2026-05-10', 'FT-A1', 'Rossi Costruzioni (cliente A)', '500.00', '62.50'],
    ]);
    expect(mayB.lines.map((l) => [l.date, l.invoice, l.debtor, l.collected, l.commission])).toEqual([
      ['2026-05-20', 'FT-B1', 'Rossi Costruzioni (cliente B)', '1000.00', '100.00'],
    ]);
    expect(mayB.totals).toEqual({
      collected: '1000.00',
      commission: '100.00',
      fixedFees: '0.00',
      netDue: '900.00',
      carriedForward: '0.00',
      remitted: '0.00',
      balance: '900.00',
    });
  });

  it('produces the monthly remittance statement to the cent, carrying forward what was not remitted', async () => {
    const may = await remittanceStatement(ctxOn(t.db, '2026-06-01'), { mandate: 'M-A', month: '2026-05' });
    // 500.00 collected − 62.50 commission (12.50 %) − 25.00 fixed fee for the case taken in May.
    expect(may.totals).toEqual({
      collected: '500.00',
      commission: '62.50',
      fixedFees: '25.00',
      netDue: '412.50',
      carriedForward: '0.00',
      remitted: '0.00',
      balance: '412.50',
    });
    await expect(
      recordRemittance(ctxOn(t.db, '2026-06-01'), { mandate: 'M-A', month: '2026-05', amount: '412.51' }),
    ).rejects.toThrow(/more than what is owed to the client \(412.50\)/);
    await recordRemittance(ctxOn(t.db, '2026-06-01'), {
      mandate: 'M-A',
      month: '2026-05',
      amount: '400.00',
      reference: 'CRO 1',
    });
    await expect(
      recordRemittance(ctxOn(t.db, '2026-06-02'), { mandate: 'M-A', month: '2026-05', amount: '12.50' }),
    ).rejects.toThrow(/already remitted/);

    const june = await remittanceStatement(ctxOn(t.db, '2026-07-01'), { mandate: 'M-A', month: '2026-06' });
    expect(june.totals).toEqual({
      collected: '720.00',
      commission: '90.00',
      fixedFees: '0.00',
      netDue: '630.00',
      carriedForward: '12.50',
      remitted: '0.00',
      balance: '642.50',
    });
    const csv = parse(remittanceCsv(june), { columns: true }) as Array<Record<string, string>>;
    expect(csv[0]).toMatchObject({
      date: '2026-06-05',
      invoice: 'FT-A1',
      collected: '720.00',
      commission: '90.00',
    });
    expect(csv.find((r) => r.debtor === 'balance')?.collected).toBe('642.50');
    if (hasPdftotext) {
      const text = pdfText(await renderRemittancePdf(june, new Date('2026-07-01T08:00:00Z')));
      expect(text).toContain('Rendiconto mensile 2026-06 - mandato M-A');
      expect(text).toContain('Totale incassato: 720,00');
      expect(text).toContain('Saldo da rimettere: 642,50');
    }
    const account = await trustAccount(ctxOn(t.db, '2026-07-01'), { mandate: 'M-A' });
    expect(account).toMatchObject({
      collected: '1220.00',
      commission: '152.50',
      fixedFees: '25.00',
      remitted: '400.00',
      held: '642.50',
    });
  });

  it('reassigns a case, keeps the register of operations, and serves it over HTTP', async () => {
    // FT-A1 is paid in full (500.00 + 720.00): the next run closes its case, which leaves the worklist.
    const closing = await runCollection(ctxOn(t.db, '2026-06-06'), {
      creditorId: a.creditorId,
      date: '2026-06-06',
    });
    expect(closing.casesClosed).toBe(1);
    expect((await specialistWorklist(ctxOn(t.db, '2026-06-06'), { specialist: 'Bianchi' })).cases).toEqual(
      [],
    );
    const [bCase] = (await specialistWorklist(ctxOn(t.db, '2026-06-06'), { specialist: 'Verdi' })).cases;
    await reassignCase(ctxOn(t.db, '2026-06-06'), {
      caseId: bCase!.caseId,
      mandate: 'M-B',
      to: 'Bianchi',
      reason: 'ferie',
    });
    expect(
      (await specialistWorklist(ctxOn(t.db, '2026-06-06'), { specialist: 'Bianchi' })).cases.map(
        (c) => c.mandate,
      ),
    ).toEqual(['M-B']);
    await expect(
      reassignCase(ctxOn(t.db, '2026-06-06'), { caseId: bCase!.caseId, mandate: 'M-A', to: 'Verdi' }),
    ).rejects.toThrow(/is not a case of mandate M-A/);

    const ops = await operationsRegister(ctxOn(t.db, '2026-07-01'), { from: '2026-05-01', to: '2026-06-30' });
    expect(ops.operations.map((o) => [o.n, o.date, o.operation, o.mandate, o.amount])).toEqual([
      [1, '2026-05-02', 'case-taken', 'M-A', null],
      [2, '2026-05-02', 'case-taken', 'M-B', null],
      [3, '2026-05-10', 'collection', 'M-A', '500.00'],
      [4, '2026-05-20', 'collection', 'M-B', '1000.00'],
      [5, '2026-06-01', 'remittance', 'M-A', '400.00'],
      [6, '2026-06-05', 'collection', 'M-A', '720.00'],
    ]);
    for (const w of [a, b]) expect((await verifyRegister(t.db, w.creditorId)).isValid).toBe(true);

    const app = withHeaders(
      createApp({ db: t.db, clock: () => new Date('2026-07-01T08:00:00Z') }),
      await adminHeaders(t.db),
    );
    const worklist = (await (await app.request('/api/v1/specialists/Bianchi/worklist')).json()) as any;
    expect(worklist.cases.length).toBe(1);
    const csv = await app.request('/api/v1/mandates/M-B/remittance?month=2026-05&format=csv');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(await csv.text()).toContain('900.00');
    const opsCsv = await app.request('/api/v1/agency/operations?from=2026-05-01&to=2026-06-30&format=csv');
    expect((await opsCsv.text()).split('\r\n').length).toBe(8); // header + 6 + trailing newline
  });

  it('ends a mandate: open cases go back, notes and tracing findings are anonymised, the accounts stay', async () => {
    const [bCase] = (await specialistWorklist(ctxOn(t.db, '2026-06-30'), { specialist: 'Bianchi' })).cases;
    await recordProgress(ctxOn(t.db, '2026-06-10'), {
      caseId: bCase!.caseId,
      creditor: b.creditorVat,
      stage: 'contact-made',
      note: 'Parlato con la moglie del titolare al 333 1234567',
    });
    // The agency traced the debtor during the mandate: a new phone, added to the debtor.
    const [tracingTask] = await insertTasks(t.db, b.creditorId, '2026-06-12', [
      {
        caseId: bCase!.caseId,
        actionId: null,
        stepKey: null,
        kind: 'tracing',
        dueDate: '2026-06-12',
        assignee: null,
        reason: 'debtor unreachable',
      },
    ]);
    await recordTracing(ctxOn(t.db, '2026-06-15'), {
      taskId: tracingTask!.id,
      outcome: 'new-phone',
      phone: '+39 347 7654321',
      note: 'numero trovato tramite il commercialista Gialli',
    });
    const phonesOf = async () =>
      (
        await t.db.query<{ phones: string[] }>(
          'select phones from debtors where creditor_id = $1 and vat_number = $2',
          [b.creditorId, DEBTOR_VAT],
        )
      )[0]!.phones;
    expect(await phonesOf()).toContain('+39 347 7654321');
    await expect(
      endMandate(ctxOn(t.db, '2026-06-30'), { mandate: 'M-A', date: '2026-06-30' }),
    ).resolves.toMatchObject({
      returnedCases: [],
    });
    const ended = await endMandate(ctxOn(t.db, '2026-07-01'), { mandate: 'M-B', date: '2026-07-01' });
    expect(ended).toMatchObject({
      mandate: 'M-B',
      endedOn: '2026-07-01',
      returnedCases: [bCase!.caseId],
      // The tracing task's note, its finding (with the phone removed from the debtor), and the
      // two register entries repeating them (tracing.result and task.completed).
      anonymised: {
        progressNotes: 1,
        taskNotes: 1,
        tracingResults: 1,
        phonesRemoved: 1,
        pecHistory: 0,
        registerEntries: 2,
      },
    });
    expect(await phonesOf()).not.toContain('+39 347 7654321');
    const [tracing] = await t.db.query<{ outcome: string; detail: unknown; note: string }>(
      'select outcome, detail, note from tracing_results where creditor_id = $1',
      [b.creditorId],
    );
    expect(tracing).toEqual({ outcome: 'new-phone', detail: { anonymised: true }, note: '' });
    const [task] = await t.db.query<{ note: string | null; status: string }>(
      'select note, status from collection_tasks where creditor_id = $1 and id = $2',
      [b.creditorId, tracingTask!.id],
    );
    expect(task).toEqual({ note: null, status: 'done' });
    const leftInRegister = await t.db.query<{ action: string }>(
      `select action from register_entries where creditor_id = $1
         and (data::text ~ '347 7654321|Gialli' or reason ~ '347 7654321|Gialli')`,
      [b.creditorId],
    );
    expect(leftInRegister).toEqual([]);
    const erased = await t.db.query<{ action: string; data: unknown; reason: string | null }>(
      'select action, data, reason from register_entries where creditor_id = $1 and erased_at is not null order by seq',
      [b.creditorId],
    );
    expect(erased).toEqual([
      { action: 'tracing.result', data: {}, reason: null },
      { action: 'task.completed', data: {}, reason: null },
    ]);
    expect(ended.kept.length).toBeGreaterThan(3);
    const [progress] = await t.db.query<{ note: string; stage: string }>(
      'select note, stage from case_progress where creditor_id = $1',
      [b.creditorId],
    );
    expect(progress).toEqual({ note: '', stage: 'contact-made' });
    // The trust accounts and the register of operations are kept.
    const may = await remittanceStatement(ctxOn(t.db, '2026-07-02'), { mandate: 'M-B', month: '2026-05' });
    expect(may.totals.netDue).toBe('900.00');
    await expect(endMandate(ctxOn(t.db, '2026-07-02'), { mandate: 'M-B' })).rejects.toThrow(/already ended/);
    for (const w of [a, b]) expect((await verifyRegister(t.db, w.creditorId)).isValid).toBe(true);
    expect(await verifyRegister(t.db, b.creditorId)).toMatchObject({ erased: 2, erasedUnsealed: 0 });
  });
});
