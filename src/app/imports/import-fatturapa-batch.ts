import { createHash } from 'node:crypto';
import { detectFormat } from '../../adapters/detect-format.ts';
import { mapFatturaPA, type TMappedFattura } from '../../adapters/fatturapa/map-fatturapa.ts';
import { parseFatturaPA } from '../../adapters/fatturapa/parse-fatturapa.ts';
import { locateLedgerError } from '../../adapters/ledger-error-location.ts';
import { unwrapP7m } from '../../adapters/p7m/unwrap-p7m.ts';
import type { TCreditorRow } from '../../db/queries/creditors.ts';
import { findCreditorByVat } from '../../db/queries/creditors.ts';
import { setInstalmentImportDetails, setInvoiceImportDetails } from '../../db/queries/imports.ts';
import { analyzeIfGrown } from '../../db/queries/table-statistics.ts';
import { addInvoiceGroups } from '../ledger/add-invoices.ts';
import { isSetBasedItem } from '../ledger/plan-invoice-groups.ts';
import { appendRegisterEntriesOf, type TRegisterEntryOf } from '../ledger/write-invoice-plan.ts';
import type { TContext } from '../shared/context.ts';
import type { TImportFileResult, TImportOptions } from './import-types.ts';

/**
 * FatturaPA files imported many per transaction (the set-based path): a file is read outside
 * the database, then a run of files is checked and written together, each file still accepted
 * or refused whole, with the same results as when imported one by one (import-files.ts keeps
 * that path for everything else: other formats, new creditors, credit notes, unreadable files).
 */

/** Files per transaction by default: large enough to amortise statements, small enough to keep a run's memory low. */
export const DEFAULT_IMPORT_BATCH_SIZE = 500;

export type TBatchFile = {
  name: string;
  sha256: string;
  /** The XML (signature envelope removed). */
  xml: Uint8Array;
  mapped: TMappedFattura;
  creditor: TCreditorRow;
};

/**
 * Reads a file for the set-based path, or null when it must take the one-by-one path (which
 * also reports every refusal of reading it).
 */
export async function prepareBatchFile(
  ctx: TContext,
  leaf: { name: string; bytes: Uint8Array },
  options: TImportOptions,
  creditors: Map<string, TCreditorRow | null>,
): Promise<TBatchFile | null> {
  try {
    let name = leaf.name;
    let xml = leaf.bytes;
    let format = detectFormat(name, xml);
    if (format === 'p7m') {
      xml = await unwrapP7m(xml);
      name = name.replace(/\.p7m$/i, '');
      format = detectFormat(name, xml);
    }
    if (format !== 'fatturapa') return null;
    const mapped = mapFatturaPA(parseFatturaPA(xml), { paymentTermDays: options.paymentTermDays ?? null });
    if (mapped.invoices.length === 0 || !mapped.invoices.every((i) => isSetBasedItem(i.input))) return null;
    const vat = mapped.seller.vatNumber;
    if (!creditors.has(vat)) creditors.set(vat, (await findCreditorByVat(ctx.db, vat)) ?? null);
    const creditor = creditors.get(vat);
    if (!creditor) return null;
    return {
      name: leaf.name,
      sha256: createHash('sha256').update(leaf.bytes).digest('hex'),
      xml,
      mapped,
      creditor,
    };
  } catch {
    return null;
  }
}

function xmlFileName(name: string): string {
  const leaf =
    name
      .split(/[/\\]/)
      .pop()!
      .replace(/\.p7m$/i, '') || 'fattura.xml';
  return /\.xml$/i.test(leaf) ? leaf : `${leaf}.xml`;
}

type TAccepted = {
  file: TBatchFile;
  invoiceIds: number[];
  indexes: number[];
  counts: Record<string, number>;
};

/** The import_files rows of the accepted files, in order; their ids by position. */
async function insertImportFiles(ctx: TContext, accepted: readonly TAccepted[]): Promise<number[]> {
  const rows = await ctx.db.query<{ creditor_id: number; sha256: string; id: number }>(
    `insert into import_files (creditor_id, sha256, file_name, format, counts, imported_by)
     select f.creditor_id, f.sha256, f.file_name, 'fatturapa', f.counts::jsonb, $5
     from unnest($1::int8[], $2::text[], $3::text[], $4::text[]) with ordinality as f(creditor_id, sha256, file_name, counts, ord)
     order by f.ord
     returning creditor_id, sha256, id`,
    [
      accepted.map((a) => a.file.creditor.id),
      accepted.map((a) => a.file.sha256),
      accepted.map((a) => a.file.name),
      accepted.map((a) => JSON.stringify(a.counts)),
      ctx.actor,
    ],
  );
  const ids = new Map(rows.map((r) => [`${r.creditor_id}|${r.sha256}`, r.id]));
  return accepted.map((a) => ids.get(`${a.file.creditor.id}|${a.file.sha256}`)!);
}

/** storeInvoiceXml for many files: one document per XML (kept once per content), linked to its invoices. */
async function storeInvoiceXmls(ctx: TContext, accepted: readonly TAccepted[]): Promise<void> {
  const docs = accepted.map((a) => ({
    creditorId: a.file.creditor.id,
    firstInvoiceId: a.invoiceIds[0]!,
    fileName: xmlFileName(a.file.name),
    sha256: createHash('sha256').update(a.file.xml).digest('hex'),
    hex: Buffer.from(a.file.xml).toString('hex'),
    size: a.file.xml.byteLength,
  }));
  await ctx.db.query(
    `insert into documents (creditor_id, kind, file_name, media_type, sha256, size_bytes, content, debtor_id, description, added_on, added_by)
     select d.creditor_id, 'fatturapa-xml', d.file_name, 'application/xml', d.sha256, d.size, decode(d.hex, 'hex'),
            (select i.debtor_id from invoices i where i.creditor_id = d.creditor_id and i.id = d.first_invoice_id),
            'FatturaPA as received (signature envelope removed)', $7::date, $8
     from unnest($1::int8[], $2::int8[], $3::text[], $4::text[], $5::text[], $6::int8[]) with ordinality
       as d(creditor_id, first_invoice_id, file_name, sha256, hex, size, ord)
     order by d.ord
     on conflict (creditor_id, sha256) do nothing`,
    [
      docs.map((d) => d.creditorId),
      docs.map((d) => d.firstInvoiceId),
      docs.map((d) => d.fileName),
      docs.map((d) => d.sha256),
      docs.map((d) => d.hex),
      docs.map((d) => d.size),
      ctx.today,
      ctx.actor,
    ],
  );
  await analyzeIfGrown(ctx.db, { documents: docs.length });
  const links = accepted.flatMap((a, i) => a.invoiceIds.map((id) => ({ doc: docs[i]!, invoiceId: id })));
  await ctx.db.query(
    `insert into document_invoices (creditor_id, document_id, invoice_id)
     select l.creditor_id, d.id, l.invoice_id
     from unnest($1::int8[], $2::text[], $3::int8[]) with ordinality as l(creditor_id, sha256, invoice_id, ord)
     join documents d on d.creditor_id = l.creditor_id and d.sha256 = l.sha256
     order by l.ord
     on conflict do nothing`,
    [links.map((l) => l.doc.creditorId), links.map((l) => l.doc.sha256), links.map((l) => l.invoiceId)],
  );
}

async function setImportDetails(ctx: TContext, accepted: readonly TAccepted[], fileIds: readonly number[]) {
  const byCreditor = new Map<number, Array<{ a: TAccepted; fileId: number }>>();
  for (const [i, a] of accepted.entries()) {
    const list = byCreditor.get(a.file.creditor.id) ?? [];
    list.push({ a, fileId: fileIds[i]! });
    byCreditor.set(a.file.creditor.id, list);
  }
  for (const [creditorId, list] of byCreditor) {
    await setInvoiceImportDetails(
      ctx.db,
      creditorId,
      list.flatMap(({ a, fileId }) =>
        a.invoiceIds.map((invoiceId, k) => ({
          invoiceId,
          importFileId: fileId,
          recipientCode: a.file.mapped.recipientCode,
          recipientPec: a.file.mapped.recipientPec,
          documentTotalCents: a.file.mapped.invoices[a.indexes[k]!]!.details.documentTotalCents,
        })),
      ),
    );
    await setInstalmentImportDetails(
      ctx.db,
      creditorId,
      list.flatMap(({ a }) =>
        a.invoiceIds.flatMap((invoiceId, k) =>
          a.file.mapped.invoices[a.indexes[k]!]!.details.instalments.map((t, j) => ({
            invoiceId,
            seq: j + 1,
            ...t,
          })),
        ),
      ),
    );
  }
}

/**
 * Imports a run of prepared FatturaPA files in the caller's transaction, file by file as to
 * results. Throws (the caller rolls back and imports the run one by one) when anything
 * unexpected happens, so no file is ever half-written.
 */
export async function importFatturaPARun(
  ctx: TContext,
  files: readonly TBatchFile[],
): Promise<TImportFileResult[]> {
  const known = await ctx.db.query<{ sha256: string; counts: Record<string, number> }>(
    'select distinct on (sha256) sha256, counts from import_files where sha256 = any($1::text[]) order by sha256, id',
    [files.map((f) => f.sha256)],
  );
  const previous = new Map(known.map((k) => [k.sha256, k.counts]));
  const fresh = files.filter((f) => !previous.has(f.sha256));
  const written = await addInvoiceGroups(
    ctx,
    fresh.map((f) => ({ items: f.mapped.invoices.map((i) => i.input), source: 'fatturapa' })),
    { keepDuplicateOnly: false },
  );
  const outcomeOf = new Map(fresh.map((f, i) => [f, written[i]!]));

  const results: TImportFileResult[] = [];
  const accepted: TAccepted[] = [];
  for (const f of files) {
    const base = { file: f.name, format: 'fatturapa' as const };
    const counts = previous.get(f.sha256);
    if (counts) {
      results.push({
        ...base,
        status: 'duplicate',
        counts: { imported: 0, duplicates: counts.imported ?? counts.entries ?? 0 },
        errors: [],
      });
      continue;
    }
    const w = outcomeOf.get(f)!;
    if (!w.ok) {
      results.push({
        ...base,
        status: 'rejected',
        counts: {},
        errors: [locateLedgerError(w.error, f.mapped.invoices)],
      });
      continue;
    }
    const imported = w.results.filter((r) => r.status === 'imported');
    const counts2 = {
      documents: w.results.length,
      imported: imported.length,
      duplicates: w.results.length - imported.length,
      creditNotes: 0,
      instalments: imported.reduce(
        (n, r) => n + Math.max(1, f.mapped.invoices[r.index]!.details.instalments.length),
        0,
      ),
    };
    results.push({
      ...base,
      status: imported.length > 0 ? 'imported' : 'duplicate',
      counts: counts2,
      errors: [],
    });
    if (imported.length > 0) {
      accepted.push({
        file: f,
        invoiceIds: imported.map((r) => r.id),
        indexes: imported.map((r) => r.index),
        counts: counts2,
      });
    }
  }
  if (accepted.length === 0) return results;

  const fileIds = await insertImportFiles(ctx, accepted);
  await analyzeIfGrown(ctx.db, { import_files: accepted.length });
  await setImportDetails(ctx, accepted, fileIds);
  await storeInvoiceXmls(ctx, accepted);
  const entries: TRegisterEntryOf[] = [];
  for (const [i, a] of accepted.entries()) {
    const w = outcomeOf.get(a.file)!;
    if (w.ok) entries.push(...w.registerEntries);
    entries.push({
      creditorId: a.file.creditor.id,
      entry: {
        action: 'import.completed',
        subjectType: 'import-file',
        subjectId: fileIds[i]!,
        data: { file: a.file.name, format: 'fatturapa', sha256: a.file.sha256, counts: a.counts },
      },
    });
  }
  await appendRegisterEntriesOf(ctx, entries);
  return results;
}
