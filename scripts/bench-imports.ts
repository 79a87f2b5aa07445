/**
 * Import and reconciliation benchmark (issue 4). Writes its section of BENCHMARKS.md between
 * `<!-- bench:import -->` markers. Run: node scripts/bench-imports.ts [--quick]
 *   fatturapa  N single-invoice files (two instalments each) through `importFiles`
 *   csv        bank CSV rows reconciled against open instalments, and CSV invoice rows
 *   camt       a camt.053 of 100,000 entries against 1,000,000 open instalments
 * Everything runs on an in-memory PGlite (the embedded engine), through the same code as the CLI.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { importFiles } from '../src/app/imports/import-files.ts';
import { italianVatCheckDigit } from '../src/core/ledger/tax-identifiers.ts';
import { instalmentReference } from '../src/core/matching/rf-reference.ts';
import type { TDatabase } from '../src/db/database.ts';
import { openDatabase } from '../src/db/open-database.ts';
import { buildCamt053, type TCamtEntry } from '../test/support/camt-builder.ts';
import { buildFatturaPA } from '../test/support/fatturapa-builder.ts';
import { ctxOn, seedCreditor } from '../test/support/fixtures.ts';

const isQuick = process.argv.includes('--quick');

/** What the figures of the 2026-11-23 runs showed; revise with the next measurement. */
const NOTES = `Before the set-based path (same day, load 12.8): FatturaPA 22 invoices/s, CSV invoices 29 rows/s,
CSV bank rows 673 rows/s, camt.053 128 s. None of the targets is met yet; on this shared machine
(2 cores, load 10-20 from other sessions) even the floor, the same rows written by bare
\`INSERT ... SELECT\` with no parsing or checking, does not reach the FatturaPA target.
- FatturaPA and CSV invoices: \`addInvoices\` is set-based (src/app/ledger/plan-invoice-groups.ts,
  write-invoice-plan.ts): a batch is checked with two bulk reads, simulated in order in memory and
  written with a few bulk statements; the importer reads FatturaPA files first and imports up to
  500 per transaction, each file still accepted or refused whole (test/imports/fatturapa-batch.test.ts
  compares it with one file per transaction). What remains per file: reading the XML (saxes,
  about a fifth of the time), the stored XML document, the import file row, three register rows.
- PGlite has no autovacuum: the plans cached while a table was small (those of foreign-key
  checks) are kept as it grows, and every instalment's check of its invoice scanned the invoices
  (0.7 ms each at 1,000 invoices). Bulk writes now ANALYZE a table that has about doubled, which
  also renews those plans (src/db/queries/table-statistics.ts).
- CSV bank rows and camt.053: already bulk (payments, allocations, one register append per file)
  and not changed here; what remains is the matching in JS and one register row (hash chain) per
  payment. camt.053 took 333 s in the run of 18:28 against 128 s in the first (same path,
  but the allocation bounds check became a statement trigger in between, 67ae386, and the load
  differed); a second run at 18:44 (load 9-12) took 209.5 s, of which, by statement: register
  rows 55 s, payments insert 42 s, allocations insert (with the bounds trigger) 26 s, the debtor
  names and payer IBANs loads 25 s (concurrent), webhook_deliveries 20 s, open instalments 16 s.
  The register append is linear (235 us a row at 100,000 under load, hashing included).
- \`minorUnits\` (\`src/core/shared/money.ts\`) is cached per currency.`;
const results: string[] = [];
const report = (line: string) => {
  results.push(line);
  console.log(line);
};

async function fresh(): Promise<{ db: TDatabase; creditorId: number }> {
  const db = await openDatabase({ inMemory: true });
  return { db, creditorId: await seedCreditor(db) };
}

function vat(i: number): string {
  const ten = String(2_000_000 + i).padStart(10, '0');
  return `IT${ten}${italianVatCheckDigit(ten)}`;
}

async function time<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const value = await fn();
  return [value, (performance.now() - t0) / 1000];
}

async function benchFatturaPA(n: number) {
  const { db } = await fresh();
  const files = Array.from({ length: n }, (_, i) => ({
    name: `IT01114601006_${String(i).padStart(5, '0')}.xml`,
    bytes: Buffer.from(
      buildFatturaPA({
        seller: { vatNumber: 'IT01114601006', name: 'Acme Forniture S.r.l.' },
        buyer: { vatNumber: vat(i % 500), name: `Cliente ${i % 500} S.r.l.` },
        bodies: [
          {
            date: '2026-01-10',
            number: `FT-2026/${i + 1}`,
            lines: [{ description: 'Fornitura', amount: '1000.00' }],
            payments: [
              { dueDate: '2026-02-28', amount: '610.00', iban: 'IT60X0542811101000000123456' },
              { dueDate: '2026-03-31', amount: '610.00', iban: 'IT60X0542811101000000123456' },
            ],
          },
        ],
      }),
    ),
  }));
  const [r, s] = await time(() => importFiles(ctxOn(db), files));
  const ok = r.filter((x) => x.status === 'imported').length;
  await db.close();
  const floor = await bareSqlFloor(n, 2, Buffer.byteLength(files[0]!.bytes));
  report(
    `| FatturaPA, ${n} files of one invoice (2 instalments, 500 debtors) | ${s.toFixed(1)} s | **${(ok / s).toFixed(0)} invoices/s** | 2,000 invoices/s | ${floor.toFixed(1)} s (${(n / floor).toFixed(0)}/s) |`,
  );
}

/**
 * The floor: the rows an import of `n` one-invoice documents writes (invoices, instalments and, for
 * FatturaPA files, import files, stored XML documents and three register rows each), by bare INSERT ... SELECT on a fresh
 * in-memory PGlite: what the engine alone costs, with no parsing, checking or hashing.
 */
async function bareSqlFloor(n: number, instalmentsEach: number, xmlBytes: number): Promise<number> {
  const { db, creditorId: c } = await fresh();
  // A CSV of invoices is one file: no import file or document per invoice, one register row each.
  const files = xmlBytes > 0 ? n : 0;
  const registerRows = xmlBytes > 0 ? 3 * n : n + 500;
  const [, s] = await time(() =>
    db.exec(`
      insert into debtors (creditor_id, name, vat_number)
        select ${c}, 'Floor ' || g, 'ITF' || lpad(g::text, 10, '0') from generate_series(1, 500) g;
      insert into invoices (creditor_id, debtor_id, number, type, issue_date, issue_year, currency, total_cents, source, fingerprint)
        select ${c}, (select min(id) from debtors) + (g % 500), 'F-' || g, 'invoice', date '2026-01-10', 2026, 'EUR', 122000, 'floor', md5(g::text)
        from generate_series(1, ${n}) g;
      insert into instalments (creditor_id, invoice_id, seq, due_date, amount_cents)
        select i.creditor_id, i.id, s, date '2026-02-28' + 30 * s, 61000 from invoices i, generate_series(1, ${instalmentsEach}) s;
      insert into import_files (creditor_id, sha256, file_name, format, counts, imported_by)
        select ${c}, md5(g::text) || md5(g::text), 'f' || g || '.xml', 'fatturapa', '{"imported":1}', 'floor' from generate_series(1, ${files}) g;
      insert into documents (creditor_id, kind, file_name, media_type, sha256, size_bytes, content, added_on, added_by)
        select ${c}, 'fatturapa-xml', 'f' || g || '.xml', 'application/xml', md5(g::text) || md5(g::text), ${xmlBytes},
               convert_to(repeat(md5(g::text), ${Math.ceil(xmlBytes / 32)}), 'UTF8'), date '2026-03-15', 'floor'
        from generate_series(1, ${files}) g;
      insert into register_entries (creditor_id, seq, occurred_at, actor, action, subject_type, subject_id, data, prev_hash, hash)
        select ${c}, 1000 + g, now(), 'floor', 'invoice.added', 'invoice', g, jsonb_build_object('number', 'F-' || g, 'total', '1220.00'),
               md5(g::text), md5((g + 1)::text) from generate_series(1, ${registerRows}) g;`),
  );
  await db.close();
  return s;
}

async function seedOpen(db: TDatabase, creditorId: number, invoices: number, debtors: number) {
  await db.exec(`
    insert into debtors (creditor_id, name, vat_number)
      select ${creditorId}, 'Debitore ' || g || ' S.r.l.', 'ITB' || lpad(g::text, 10, '0') from generate_series(1, ${debtors}) g;
    insert into invoices (creditor_id, debtor_id, number, type, issue_date, issue_year, currency, total_cents, source, fingerprint)
      select ${creditorId}, (select min(id) from debtors) + (g % ${debtors}), 'B-' || g, 'invoice', date '2026-01-01' + (g % 300), 2026, 'EUR',
             2 * (10000 + (g::int8 * 7919) % 900000), 'bench', md5(g::text)
      from generate_series(1, ${invoices}) g;
    insert into instalments (creditor_id, invoice_id, seq, due_date, amount_cents)
      select i.creditor_id, i.id, s, i.issue_date + 30 * s, i.total_cents / 2 from invoices i, generate_series(1, 2) s
      where i.creditor_id = ${creditorId};`);
}

type TOpenRow = {
  id: number;
  invoice_id: number;
  number: string;
  debtor_id: number;
  amount_cents: number;
  name: string;
  seq: number;
};

async function benchCamt(entriesCount: number, invoiceCount: number) {
  const { db, creditorId } = await fresh();
  const [, setup] = await time(() => seedOpen(db, creditorId, invoiceCount, 20_000));
  const sample = await db.query<TOpenRow>(
    `select t.id, t.invoice_id, i.number, i.debtor_id, t.amount_cents, d.name, t.seq from instalments t
     join invoices i on i.creditor_id = t.creditor_id and i.id = t.invoice_id join debtors d on d.creditor_id = i.creditor_id and d.id = i.debtor_id
     where t.creditor_id = $1 and t.seq = 1 order by random() limit $2`,
    [creditorId, entriesCount],
  );
  const money = (c: number) => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`;
  const entries: TCamtEntry[] = sample.map((t, i) => {
    const base = { ref: `E${i}`, bookingDate: '2026-03-02' };
    switch (i % 10) {
      case 0:
      case 1:
      case 2:
        return {
          ...base,
          amount: money(t.amount_cents),
          creditorReference: instalmentReference(creditorId, t.id),
          payerName: t.name,
        };
      case 3:
      case 4:
      case 5:
        return {
          ...base,
          amount: money(t.amount_cents),
          remittance: `SALDO FATTURA ${t.number} PRIMA RATA`,
          payerName: 'Pagatore terzo',
        };
      case 6:
      case 7:
        return {
          ...base,
          amount: money(t.amount_cents),
          payerName: t.name.toUpperCase().replace(' S.R.L.', ' SRL'),
          remittance: 'BONIFICO',
        };
      default:
        return { ...base, amount: money(1234 + i), payerName: `Sconosciuto ${i}`, remittance: 'pagamento' };
    }
  });
  const xml = buildCamt053({ id: 'BENCH', iban: 'IT60X0542811101000000123456', date: '2026-03-02', entries });
  const [r, s] = await time(() => importFiles(ctxOn(db), [{ name: 'bench.xml', bytes: Buffer.from(xml) }]));
  const c = r[0]!.counts;
  if (r[0]!.status !== 'imported') throw new Error(JSON.stringify(r[0]!.errors));
  report(
    `| camt.053 of ${entriesCount.toLocaleString('en')} entries (${(xml.length / 1e6).toFixed(0)} MB) vs ${(invoiceCount * 2).toLocaleString('en')} open instalments: ${c.matched} matched, ${c.unmatched} unmatched | **${s.toFixed(1)} s** (seeding the ledger by SQL: ${setup.toFixed(0)} s, not counted) | ${(entriesCount / s).toFixed(0)} entries/s | < 30 s | |`,
  );
  await db.close();
}

async function benchCsv(rows: number) {
  const { db, creditorId } = await fresh();
  await seedOpen(db, creditorId, 50_000, 5_000);
  const lines = ['Data;Data valuta;Importo;Ordinante;Causale'];
  for (let i = 0; i < rows; i++)
    lines.push(
      `02/03/2026;02/03/2026;"${(i % 997) + 1},${String(i % 100).padStart(2, '0')}";Ordinante ${i};Bonifico ${i}`,
    );
  const bytes = Buffer.from(`${lines.join('\n')}\n`);
  const [r, s] = await time(() => importFiles(ctxOn(db), [{ name: 'movimenti.csv', bytes }]));
  if (r[0]!.status !== 'imported') throw new Error(JSON.stringify(r[0]!.errors));
  report(
    `| CSV bank export, ${rows.toLocaleString('en')} rows (Italian numbers and dates) reconciled against 100,000 open instalments | ${s.toFixed(1)} s | **${(rows / s).toFixed(0)} rows/s** | 50,000 rows/s | |`,
  );
  await db.close();

  const inv = await fresh();
  const invoiceRows = isQuick ? 500 : 2_000;
  const csv = ['Numero;Data;Totale;Scadenza;Cliente;Partita IVA'];
  for (let i = 0; i < invoiceRows; i++)
    csv.push(`C-${i};10/01/2026;"1.220,00";28/02/2026;Cliente ${i % 500} S.r.l.;${vat(i % 500).slice(2)}`);
  const [ri, si] = await time(() =>
    importFiles(ctxOn(inv.db), [{ name: 'fatture.csv', bytes: Buffer.from(csv.join('\n')) }]),
  );
  if (ri[0]!.status !== 'imported') throw new Error(JSON.stringify(ri[0]!.errors));
  await inv.db.close();
  const floor = await bareSqlFloor(invoiceRows, 1, 0);
  report(
    `| CSV invoices, ${invoiceRows.toLocaleString('en')} rows in one file (through addInvoices) | ${si.toFixed(1)} s | ${(invoiceRows / si).toFixed(0)} rows/s | 50,000 rows/s | ${floor.toFixed(1)} s (${(invoiceRows / floor).toFixed(0)}/s) |`,
  );
}

const load = loadavg()[0]!.toFixed(1);
await benchFatturaPA(isQuick ? 200 : 2_000);
await benchCsv(isQuick ? 10_000 : 100_000);
await benchCamt(isQuick ? 10_000 : 100_000, isQuick ? 100_000 : 500_000);

const section = `## Imports and reconciliation

\`node scripts/bench-imports.ts\` on ${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores, load average ${load} when it started (other sessions were running on the same machine), embedded PGlite in memory, Node ${process.version}.

| what | time | rate | target | floor (same rows, bare SQL) |
|---|---|---|---|---|
${results.join('\n')}

${NOTES}
`;
console.log(section);
const path = join(import.meta.dirname, '../BENCHMARKS.md');
const start = '<!-- bench:import -->';
const end = '<!-- /bench:import -->';
const block = `${start}\n${section.trim()}\n${end}`;
const text = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmarks\n';
const from = text.indexOf(start);
const to = text.indexOf(end);
writeFileSync(
  path,
  from >= 0 && to > from
    ? text.slice(0, from) + block + text.slice(to + end.length)
    : `${text.trimEnd()}\n\n${block}\n`,
);
