import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  importFatturaPARun,
  prepareBatchFile,
  type TBatchFile,
} from '../../src/app/imports/import-fatturapa-batch.ts';
import { importFiles, type TImportFile } from '../../src/app/imports/import-files.ts';
import { verifyRegister } from '../../src/app/register/verify-register.ts';
import type { TSql } from '../../src/db/database.ts';
import { snapshot } from '../support/db-snapshot.ts';
import { buildFatturaPA, type TPartySpec } from '../support/fatturapa-builder.ts';
import { ctxOn, seedCreditor } from '../support/fixtures.ts';
import { createTestDatabase, type TTestDatabase } from '../support/test-database.ts';
import { BUYER, SELLER } from '../support/write-fatturapa-fixtures.ts';

/**
 * The set-based FatturaPA path (many files per transaction) against the one-by-one path
 * (batchSize 1, a transaction per file): same per-file results, same ledger, a valid register.
 */
let t: TTestDatabase;
let creditorId: number;

const OTHER: TPartySpec = { ...BUYER, vatNumber: 'IT02438750586', name: 'Bianchi Trasporti S.r.l.' };
const THIRD: TPartySpec = {
  ...BUYER,
  vatNumber: 'IT01199250158',
  name: 'Verdi Impianti S.r.l.',
  street: 'Via Po 3',
};

type TDoc = { number: string; amount?: string; buyer?: TPartySpec };

function file(name: string, docs: TDoc[], progressive = '00001'): TImportFile {
  const xml = buildFatturaPA({
    progressive,
    seller: SELLER,
    buyer: docs[0]!.buyer ?? BUYER,
    bodies: docs.map((d) => ({
      date: '2026-01-10',
      number: d.number,
      lines: [{ description: 'Fornitura', amount: d.amount ?? '1000.00' }],
      payments: [
        {
          dueDate: '2026-02-28',
          amount: half(d.amount ?? '1000.00', 0),
          iban: 'IT60X0542811101000000123456',
        },
        {
          dueDate: '2026-03-31',
          amount: half(d.amount ?? '1000.00', 1),
          iban: 'IT60X0542811101000000123456',
        },
      ],
    })),
  });
  return { name, bytes: new TextEncoder().encode(xml) };
}

/** The two instalments of a body with 22 % VAT: the first half rounded down, the rest on the second. */
function half(taxable: string, which: 0 | 1): string {
  const total = Math.round(Number(taxable) * 122);
  const first = Math.floor(total / 2);
  const cents = which === 0 ? first : total - first;
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

const BAD: TImportFile = { name: 'broken.xml', bytes: new TextEncoder().encode('<p:FatturaElettronica') };

const existing = file('A-existing.xml', [{ number: 'FT-1' }]);
const batch: TImportFile[] = [
  file('01-new-same-debtor.xml', [{ number: 'FT-2' }]),
  file('02-new-debtor.xml', [{ number: 'FT-3', buyer: OTHER }]),
  file('03-same-invoice-again.xml', [{ number: 'FT-1' }], '00099'),
  file('04-conflict-in-batch.xml', [{ number: 'FT-2', amount: '999.00' }]),
  existing,
  file('06-new-and-conflicting.xml', [
    { number: 'FT-4', buyer: THIRD },
    { number: 'FT-1', amount: '5.00', buyer: THIRD },
  ]),
  file('07-debtor-of-refused-file.xml', [{ number: 'FT-5', buyer: THIRD }]),
  file('08-duplicate-and-new.xml', [
    { number: 'FT-3', buyer: OTHER },
    { number: 'FT-6', buyer: OTHER },
  ]),
  BAD,
  file('10-after-bad.xml', [{ number: 'FT-7' }]),
];

/** The ledger without surrogate ids and clock times (the one-by-one path spends ids on refused files). */
async function content(db: TSql) {
  const q = (sql: string) => db.query(sql);
  return {
    debtors: await q(
      `select name, vat_number, fiscal_code, pec, emails, phones, kind, country from debtors order by vat_number`,
    ),
    addresses: await q(
      `select d.vat_number, a.kind, a.street, a.postal_code, a.city, a.province, a.country
       from debtor_addresses a join debtors d on d.creditor_id = a.creditor_id and d.id = a.debtor_id order by 1, 2, 3`,
    ),
    invoices: await q(
      `select i.number, i.issue_year, i.type, i.document_type, i.issue_date, i.total_cents, i.payment_method, i.payment_iban,
              i.recipient_code, i.document_total_cents, i.source, d.vat_number, f.file_name
       from invoices i join debtors d on d.creditor_id = i.creditor_id and d.id = i.debtor_id
       left join import_files f on f.creditor_id = i.creditor_id and f.id = i.import_file_id order by i.number`,
    ),
    instalments: await q(
      `select i.number, t.seq, t.due_date, t.amount_cents, t.payment_method, t.payment_iban, t.late_penalty_cents
       from instalments t join invoices i on i.creditor_id = t.creditor_id and i.id = t.invoice_id order by 1, 2`,
    ),
    files: await q(
      'select file_name, sha256, format, counts, imported_by from import_files order by file_name',
    ),
    documents: await q(
      `select d.file_name, d.sha256, d.size_bytes, d.kind, x.vat_number,
              (select string_agg(i.number, ',' order by i.number) from document_invoices l
               join invoices i on i.creditor_id = l.creditor_id and i.id = l.invoice_id
               where l.creditor_id = d.creditor_id and l.document_id = d.id) as invoices
       from documents d left join debtors x on x.creditor_id = d.creditor_id and x.id = d.debtor_id order by d.file_name`,
    ),
    register: await q(
      `select seq, occurred_at, actor, action, subject_type, reason, data from register_entries order by creditor_id, seq`,
    ),
  };
}

async function reset() {
  await t.db.exec(`
    alter table register_entries disable trigger register_entries_no_update;
    delete from document_actions; delete from document_invoices; delete from documents;
    delete from allocations; delete from payments; delete from instalments; delete from invoices;
    delete from import_files; delete from debtor_addresses; delete from debtor_contacts; delete from debtors;
    delete from register_entries; delete from register_heads; delete from creditors;
    alter table register_entries enable trigger register_entries_no_update;`);
  creditorId = await seedCreditor(t.db);
}

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());
beforeEach(reset);

describe('FatturaPA import, many files per transaction', () => {
  it('gives a mixed batch the same per-file results and the same ledger as one file per transaction', async () => {
    const ctx = ctxOn(t.db);
    const runs: Array<{ results: unknown; content: unknown }> = [];
    for (const batchSize of [1, 500]) {
      await reset();
      expect((await importFiles(ctx, [existing]))[0]!.status).toBe('imported');
      const results = await importFiles(ctx, batch, { batchSize });
      expect(await verifyRegister(t.db, creditorId)).toMatchObject({ isValid: true, problem: null });
      runs.push({ results, content: await content(t.db) });
      // Proof of the path taken: now() is the transaction's time, so the files of one
      // transaction share it: one by one, six imported files in six; batched, the existing file, then a
      // run of four and, past the bad file, a run of one.
      const [times] = await t.db.query<{ n: number }>(
        'select count(distinct imported_at)::int8 as n from import_files',
      );
      expect(times!.n).toBe(batchSize === 1 ? 6 : 3);
    }
    const [oneByOne, batched] = runs as [
      { results: Awaited<ReturnType<typeof importFiles>>; content: Awaited<ReturnType<typeof content>> },
      { results: Awaited<ReturnType<typeof importFiles>>; content: Awaited<ReturnType<typeof content>> },
    ];
    expect(batched.results).toEqual(oneByOne.results);
    expect(batched.content).toEqual(oneByOne.content);

    expect(
      batched.results.map((r) => [r.file, r.status, r.counts.imported ?? null, r.counts.duplicates ?? null]),
    ).toEqual([
      ['01-new-same-debtor.xml', 'imported', 1, 0],
      ['02-new-debtor.xml', 'imported', 1, 0],
      ['03-same-invoice-again.xml', 'duplicate', 0, 1],
      ['04-conflict-in-batch.xml', 'rejected', null, null],
      ['A-existing.xml', 'duplicate', 0, 1],
      ['06-new-and-conflicting.xml', 'rejected', null, null],
      ['07-debtor-of-refused-file.xml', 'imported', 1, 0],
      ['08-duplicate-and-new.xml', 'imported', 1, 1],
      ['broken.xml', 'rejected', null, null],
      ['10-after-bad.xml', 'imported', 1, 0],
    ]);
    expect(batched.results[3]!.errors).toEqual([
      {
        where: expect.stringContaining('Numero'),
        message: '"FT-2" of 2026 already exists for creditor IT01114601006 with different content',
      },
    ]);
    expect(batched.results[5]!.errors[0]!.message).toBe(
      '"FT-1" of 2026 already exists for creditor IT01114601006 with different content',
    );
    const c = batched.content;
    expect(c.invoices.map((i) => [i.number, i.total_cents, i.vat_number])).toEqual([
      ['FT-1', 122000, 'IT00488410010'],
      ['FT-2', 122000, 'IT00488410010'],
      ['FT-3', 122000, 'IT02438750586'],
      ['FT-5', 122000, 'IT01199250158'],
      ['FT-6', 122000, 'IT02438750586'],
      ['FT-7', 122000, 'IT00488410010'],
    ]);
    expect(
      c.instalments.filter((x) => x.number === 'FT-6').map((x) => [x.seq, x.due_date, x.amount_cents]),
    ).toEqual([
      [1, '2026-02-28', 61000],
      [2, '2026-03-31', 61000],
    ]);
    expect(c.debtors.map((d) => d.vat_number)).toEqual(['IT00488410010', 'IT01199250158', 'IT02438750586']);
    expect(c.register.filter((r) => r.action === 'debtor.created')).toHaveLength(3);
    expect(c.register.filter((r) => r.action === 'invoice.added')).toHaveLength(6);
    expect(c.register.filter((r) => r.action === 'import.completed')).toHaveLength(6);
  });

  it('leaves nothing of a run that is interrupted before it commits', async () => {
    const ctx = ctxOn(t.db);
    const before = await snapshot(t.db);
    const creditors = new Map();
    const prepared: TBatchFile[] = [];
    for (const f of batch.slice(0, 3)) prepared.push((await prepareBatchFile(ctx, f, {}, creditors))!);
    await expect(
      t.db.transaction(async (db) => {
        const results = await importFatturaPARun({ ...ctx, db }, prepared);
        expect(results.map((r) => r.status)).toEqual(['imported', 'imported', 'imported']);
        throw new Error('interrupted');
      }),
    ).rejects.toThrow('interrupted');
    expect(await snapshot(t.db)).toEqual(before);
    expect(await t.db.query('select count(*)::int8 as n from documents')).toEqual([{ n: 0 }]);
  });

  it('imports a run that fails midway one file at a time: only the failing file is refused, whole', async () => {
    const ctx = ctxOn(t.db);
    // The documents are written after the invoices of the whole run: a failure there interrupts it.
    await t.db.exec(`
      create function refuse_marked_document() returns trigger language plpgsql as $$
      begin
        if new.file_name = '02-new-debtor.xml' then raise exception 'disk full'; end if;
        return new;
      end $$;
      create trigger refuse_marked_document before insert on documents for each row execute function refuse_marked_document();`);
    try {
      const results = await importFiles(ctx, batch.slice(0, 3));
      expect(results.map((r) => [r.file, r.status])).toEqual([
        ['01-new-same-debtor.xml', 'imported'],
        ['02-new-debtor.xml', 'rejected'],
        ['03-same-invoice-again.xml', 'imported'],
      ]);
      expect(results[1]!.errors[0]!.message).toContain('disk full');
      const invoices = await t.db.query<{ number: string }>('select number from invoices order by number');
      expect(invoices.map((i) => i.number)).toEqual(['FT-1', 'FT-2']);
      expect(
        await t.db.query("select count(*)::int8 as n from debtors where vat_number = 'IT02438750586'"),
      ).toEqual([{ n: 0 }]);
      // creditor added; debtor created, FT-2 added, file imported; FT-1 added, file imported.
      expect(await verifyRegister(t.db, creditorId)).toMatchObject({ isValid: true, entries: 6 });
    } finally {
      await t.db.exec(
        'drop trigger refuse_marked_document on documents; drop function refuse_marked_document();',
      );
    }
  });
});
