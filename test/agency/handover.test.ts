import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { itAmount } from '../../src/adapters/case-file/pdf-writer.ts';
import { buildCaseFile, requireCase } from '../../src/app/agency/build-case-file.ts';
import { getCaseFile } from '../../src/app/agency/get-case-file.ts';
import { recordProgress } from '../../src/app/agency/record-progress.ts';
import { runCollection } from '../../src/app/collection/run-collection.ts';
import { addDocument } from '../../src/app/documents/add-document.ts';
import { importFiles } from '../../src/app/imports/import-files.ts';
import { recordPayment } from '../../src/app/ledger/record-payment.ts';
import { verifyRegister } from '../../src/app/register/verify-register.ts';
import { debtorStatement } from '../../src/app/statement/debtor-statement.ts';
import { parseAmount } from '../../src/core/shared/money.ts';
import { createApp } from '../../src/server/app.ts';
import { adminHeaders, withHeaders } from '../support/api-auth.ts';
import { ctxOn, DEBTOR_VAT, seedCreditor } from '../support/fixtures.ts';
import { createTestDatabase, type TTestDatabase } from '../support/test-database.ts';
import { hasPdftotext, pdfText, readZip, walkDays } from './agency-fixtures.ts';

const FIXTURES = join(import.meta.dirname, '../fixtures/fatturapa');
const XML_NAME = 'IT01114601006_00001.xml';
let t: TTestDatabase;
let creditorId: number;
let caseId: number;
let handoverDay: string;

const caseRow = async () =>
  (
    await t.db.query<{ id: number; status: string; handed_over_on: string | null }>(
      'select id, status, handed_over_on from collection_cases where creditor_id = $1',
      [creditorId],
    )
  )[0];

beforeAll(async () => {
  t = await createTestDatabase();
  creditorId = await seedCreditor(t.db);
  // FT-2026/001: 2440.00 in two instalments of 1220.00, due 2026-02-28 and 2026-03-31.
  const [imported] = await importFiles(ctxOn(t.db, '2026-01-12'), [
    { name: XML_NAME, bytes: readFileSync(join(FIXTURES, XML_NAME)) },
  ]);
  expect(imported!.status).toBe('imported');
  await addDocument(ctxOn(t.db, '2026-01-15'), {
    kind: 'delivery-note',
    file: { fileName: 'DDT-118.pdf', bytes: new TextEncoder().encode('%PDF-1.4 DDT 118 firmato') },
    invoices: ['FT-2026/001'],
    description: 'Documento di trasporto firmato dal cliente',
  });
  await addDocument(ctxOn(t.db, '2026-01-15'), {
    kind: 'terms',
    file: {
      fileName: 'condizioni-generali.pdf',
      bytes: new TextEncoder().encode('%PDF-1.4 condizioni 60 gg'),
    },
    debtor: DEBTOR_VAT,
  });
  handoverDay = await walkDays(t.db, creditorId, '2026-02-20', '2026-07-31', async () =>
    Boolean((await caseRow())?.handed_over_on),
  );
  caseId = (await caseRow())!.id;
}, 600_000);
afterAll(() => t.drop());

describe('a company hands a case over to an agency', () => {
  it('keeps the original FatturaPA XML as a document linked to the invoice', async () => {
    const [doc] = await t.db.query<{ kind: string; file_name: string; sha256: string }>(
      `select d.kind, d.file_name, d.sha256 from documents d where d.creditor_id = $1 and d.kind = 'fatturapa-xml'`,
      [creditorId],
    );
    const original = readFileSync(join(FIXTURES, XML_NAME));
    expect(doc).toEqual({
      kind: 'fatturapa-xml',
      file_name: XML_NAME,
      sha256: createHash('sha256').update(original).digest('hex'),
    });
  });

  it('the handover step hands the case over and stores its case file once', async () => {
    expect(handoverDay).toBe('2026-04-20');
    const steps = await t.db.query<{ step_key: string; status: string }>(
      'select step_key, status from collection_actions where creditor_id = $1 order by id',
      [creditorId],
    );
    expect(steps.at(-1)).toEqual({ step_key: 'handover', status: 'queued' });
    const files = await t.db.query<{ as_of: string }>('select as_of from case_files where creditor_id = $1', [
      creditorId,
    ]);
    expect(files).toEqual([{ as_of: handoverDay }]);
    const again = await runCollection(ctxOn(t.db, handoverDay), { creditorId, date: handoverDay });
    expect(again.caseFilesBuilt).toBe(0);
  });

  it('the ZIP holds the index, the invoice, the evidence, the register and the statement, to the cent', async () => {
    const result = await getCaseFile(ctxOn(t.db, '2026-04-25'), { caseId });
    expect(result.isStored).toBe(true);
    expect(result.asOf).toBe(handoverDay);
    const files = await readZip(result.bytes);
    expect([...files.keys()].sort()).toEqual(
      [
        'casefile.json',
        'evidence/2-delivery-note-DDT-118.pdf',
        'evidence/3-terms-condizioni-generali.pdf',
        'index.pdf',
        'invoices/2026-FT-2026_001.pdf',
        'invoices/2026-FT-2026_001.xml',
        'register/register-extract.json',
        'statement/statement.json',
        'statement/statement.pdf',
      ].sort(),
    );
    expect(files.get('invoices/2026-FT-2026_001.xml')).toEqual(readFileSync(join(FIXTURES, XML_NAME)));
    const manifest = JSON.parse(files.get('casefile.json')!.toString('utf8'));
    for (const f of manifest.files) {
      expect(createHash('sha256').update(files.get(f.path)!).digest('hex')).toBe(f.sha256);
    }

    // Amounts: the statement of account at the handover date, recomputed independently.
    const statement = await debtorStatement(t.db, { debtor: DEBTOR_VAT, date: handoverDay });
    const eur = statement.totals.EUR!;
    expect(manifest.amounts.EUR).toEqual({
      principal: '2440.00',
      capitalOutstanding: '2440.00',
      interestOutstanding: eur.interestOutstanding,
      costsOutstanding: eur.costsOutstanding,
      due: eur.due,
    });
    const cents = (s: string) => parseAmount(s, 'x', 'EUR', { allowZero: true });
    expect(cents(manifest.amounts.EUR.due)).toBe(
      cents('2440.00') + cents(eur.interestOutstanding) + cents(eur.costsOutstanding),
    );
    expect(cents(eur.interestOutstanding)).toBeGreaterThan(0);
    expect(manifest.invoices[0]).toMatchObject({
      number: 'FT-2026/001',
      total: '2440.00',
      files: { xml: 'invoices/2026-FT-2026_001.xml', pdf: 'invoices/2026-FT-2026_001.pdf' },
    });
    expect(manifest.invoices[0].instalments.map((i: any) => [i.dueDate, i.amount])).toEqual([
      ['2026-02-28', '1220.00'],
      ['2026-03-31', '1220.00'],
    ]);
    expect(manifest.documents.map((d: any) => [d.kind, d.invoices])).toEqual([
      ['delivery-note', ['FT-2026/001']],
      ['terms', []],
    ]);
    // Every step, in order, with the calls' outcomes.
    expect(manifest.actions.map((a: any) => a.stepKey)).toEqual([
      'pre-due-email',
      'pre-due-call',
      'call-1',
      'letter-1',
      'call-2',
      'letter-2',
      'handover',
    ]);
    expect(manifest.actions[2].tasks.map((k: any) => k.outcome)).toEqual(['no-answer']);
    expect(manifest.actions.at(-1)).toMatchObject({
      stepKey: 'handover',
      status: 'queued',
      total: '2440.00',
    });

    // Register: the whole chain verified, the debtor's extract self-consistent.
    expect(manifest.register.verification).toMatchObject({ isValid: true, problem: null });
    const extract = JSON.parse(files.get('register/register-extract.json')!.toString('utf8'));
    expect(extract.length).toBe(manifest.register.extract.entries);
    expect(extract.every((e: any) => e.hashMatches)).toBe(true);
    expect(extract.map((e: any) => e.action)).toContain('case.handed-over');
    expect(manifest.case).toMatchObject({ id: caseId, handedOverOn: handoverDay, policy: 'standard' });

    if (hasPdftotext) {
      const index = pdfText(files.get('index.pdf')!);
      expect(index).toContain(`Fascicolo della pratica n. ${caseId} al 20/04/2026`);
      expect(index).toContain("Affidata all'agenzia di recupero il 20/04/2026");
      expect(index).toContain('Catena di hash del registro verificata: integra');
      expect(index).toContain('FT-2026/001');
      expect(index).toContain(itAmount(eur.due));
      expect(pdfText(files.get('invoices/2026-FT-2026_001.pdf')!)).toContain(
        'Fattura n. FT-2026/001 del 10/01/2026',
      );
    }
  });

  it('after handover the company takes no step; progress is recorded; a payment still closes the case', async () => {
    const before = await t.db.query('select id from collection_actions where creditor_id = $1', [creditorId]);
    await walkDays(t.db, creditorId, '2026-04-21', '2026-06-30');
    const after = await t.db.query('select id from collection_actions where creditor_id = $1', [creditorId]);
    expect(after.length).toBe(before.length);

    const progress = await recordProgress(ctxOn(t.db, '2026-06-05'), {
      caseId,
      stage: 'promise',
      note: 'Il debitore promette il saldo entro fine giugno',
      amount: '2440.00',
    });
    expect(progress).toMatchObject({ stage: 'promise', amount: '2440.00', date: '2026-06-05' });

    await recordPayment(ctxOn(t.db, '2026-06-30'), {
      debtor: DEBTOR_VAT,
      amount: '2440.00',
      date: '2026-06-30',
    });
    const run = await runCollection(ctxOn(t.db, '2026-07-01'), { creditorId, date: '2026-07-01' });
    expect(run.casesClosed).toBe(1);
    expect((await caseRow())!.status).toBe('closed');
    expect((await verifyRegister(t.db, creditorId)).isValid).toBe(true);
  });

  it('serves the stored ZIP and casefile.json over HTTP, and builds one as of a date', async () => {
    const app = withHeaders(
      createApp({ db: t.db, clock: () => new Date('2026-07-02T10:00:00Z') }),
      await adminHeaders(t.db),
    );
    const zip = await app.request(`/api/v1/cases/${caseId}/casefile`);
    expect(zip.status).toBe(200);
    expect(zip.headers.get('content-type')).toBe('application/zip');
    expect(zip.headers.get('x-casefile-as-of')).toBe(handoverDay);
    const files = await readZip(new Uint8Array(await zip.arrayBuffer()));
    expect(files.has('casefile.json')).toBe(true);

    const later = await app.request(`/api/v1/cases/${caseId}/casefile?date=2026-06-30&format=json`);
    const manifest = (await later.json()) as any;
    expect(later.status, JSON.stringify(manifest)).toBe(200);
    expect(manifest.asOf).toBe('2026-06-30');
    // The agency collected 2440.00: imputed to interest and the indemnity first (art. 1194 c.c.).
    const june = await debtorStatement(t.db, { debtor: DEBTOR_VAT, date: '2026-06-30' });
    expect(manifest.amounts.EUR).toEqual({ ...june.totals.EUR, interest: undefined, costs: undefined });
    expect(manifest.progress.map((p: any) => p.stage)).toEqual(['promise']);

    const unverified = await app.request(`/api/v1/cases/${caseId}/casefile?date=2026-07-01`);
    expect(unverified.status).toBe(422);
    const missing = await app.request('/api/v1/cases/999999/casefile');
    expect(missing.status).toBe(404);
  });

  it('refuses progress on a case that was not handed over', async () => {
    const head = await requireCase(ctxOn(t.db), caseId, creditorId);
    expect(head.handed_over_on).toBe(handoverDay);
    await expect(buildCaseFile(ctxOn(t.db), head, handoverDay as never)).resolves.toBeTruthy();
  });
});
