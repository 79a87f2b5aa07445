import { type TCsvMapping, ZCsvMapping } from '../../adapters/csv/csv-mapping.ts';
import { csvInvoices, csvPayments, readCsv } from '../../adapters/csv/parse-csv.ts';
import { ImportRejection } from '../../adapters/import-rejection.ts';
import { locateLedgerError } from '../../adapters/ledger-error-location.ts';
import { parseVatNumber } from '../../core/ledger/tax-identifiers.ts';
import { AppError } from '../../core/shared/errors.ts';
import { findMapping, linkImportFile, saveMapping } from '../../db/queries/imports.ts';
import { addInvoices } from '../ledger/add-invoices.ts';
import type { TContext } from '../shared/context.ts';
import { parseInput } from '../shared/parse-input.ts';
import { reconcileStatement, statementCreditor } from './import-bank-statement.ts';
import type { TFileOutcome, TFileRecord, TImportOptions } from './import-types.ts';

async function resolveMapping(ctx: TContext, options: TImportOptions): Promise<TCsvMapping | null> {
  const given = options.mapping;
  if (!given) return null;
  if (typeof given === 'string') {
    const saved = await findMapping(ctx.db, given);
    if (!saved) throw new ImportRejection('--mapping', `"${given}" is not a saved mapping`);
    return parseInput(ZCsvMapping, saved.mapping, 'mapping');
  }
  const mapping = parseInput(ZCsvMapping, given, 'mapping');
  if (options.saveMappingAs) {
    await saveMapping(ctx.db, { name: options.saveMappingAs, kind: mapping.kind, mapping, actor: ctx.actor });
  }
  return mapping;
}

/** A CSV file of invoices (through addInvoices) or of bank movements (reconciled), per its mapping. */
export async function importCsv(
  ctx: TContext,
  bytes: Uint8Array,
  options: TImportOptions,
  file: TFileRecord,
): Promise<TFileOutcome> {
  const { mapping, rows } = readCsv(bytes, await resolveMapping(ctx, options));
  if (mapping.kind === 'payments')
    return reconcileStatement(ctx, csvPayments(rows, mapping, 'csv'), 'csv', options, file);

  const vat = options.creditorVat ?? mapping.creditorVat;
  const creditor = await statementCreditor(ctx.db, vat, null);
  const invoices = csvInvoices(rows, mapping, parseVatNumber(creditor.vat_number).full);
  let results: Awaited<ReturnType<typeof addInvoices>>;
  try {
    results = await addInvoices(
      ctx,
      invoices.map((i) => i.input),
      'csv',
    );
  } catch (error) {
    if (error instanceof AppError) throw new ImportRejection([locateLedgerError(error, invoices)]);
    throw error;
  }
  const imported = results.filter((r) => r.status === 'imported');
  if (imported.length > 0) {
    const fileId = await file.id(creditor.id);
    await linkImportFile(ctx.db, creditor.id, fileId, {
      invoiceIds: imported.map((r) => r.id),
      paymentIds: [],
    });
  }
  return {
    creditorId: creditor.id,
    status: imported.length > 0 ? 'imported' : 'duplicate',
    counts: {
      rows: rows.length,
      documents: results.length,
      imported: imported.length,
      duplicates: results.length - imported.length,
    },
    invoiceIds: imported.map((r) => r.id),
    paymentIds: [],
  };
}
