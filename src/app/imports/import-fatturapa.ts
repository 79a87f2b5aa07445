import { mapFatturaPA } from '../../adapters/fatturapa/map-fatturapa.ts';
import { parseFatturaPA } from '../../adapters/fatturapa/parse-fatturapa.ts';
import { ImportRejection } from '../../adapters/import-rejection.ts';
import { locateLedgerError } from '../../adapters/ledger-error-location.ts';
import { AppError } from '../../core/shared/errors.ts';
import { findCreditorByVat } from '../../db/queries/creditors.ts';
import { setInstalmentImportDetails, setInvoiceImportDetails } from '../../db/queries/imports.ts';
import { storeInvoiceXml } from '../documents/store-invoice-xml.ts';
import { addCreditor } from '../ledger/add-creditor.ts';
import { addInvoices } from '../ledger/add-invoices.ts';
import type { TContext } from '../shared/context.ts';
import type { TFileOutcome, TFileRecord, TImportOptions } from './import-types.ts';

/**
 * Imports one FatturaPA document (already unwrapped from its signature) inside the caller's
 * transaction. The seller must be a known creditor unless the caller explicitly allows creating
 * it; every body goes through addInvoices, which owns the ledger's rules (debtor matching,
 * duplicates, numbering, credit notes), and its refusals are located at the XML path.
 */
export async function importFatturaPA(
  ctx: TContext,
  bytes: Uint8Array,
  options: TImportOptions,
  file: TFileRecord,
): Promise<TFileOutcome> {
  const mapped = mapFatturaPA(parseFatturaPA(bytes), { paymentTermDays: options.paymentTermDays ?? null });
  let creditor = await findCreditorByVat(ctx.db, mapped.seller.vatNumber);
  if (!creditor) {
    if (!options.createCreditor) {
      throw new ImportRejection(
        mapped.sellerVatPath,
        `${mapped.seller.vatNumber} is not a creditor of this Riscossa: add it with "riscossa creditors add" or import with --create-creditor`,
      );
    }
    await addCreditor(ctx, {
      name: mapped.seller.name ?? mapped.seller.vatNumber,
      vatNumber: mapped.seller.vatNumber,
      iban: mapped.seller.iban,
    });
    creditor = (await findCreditorByVat(ctx.db, mapped.seller.vatNumber))!;
  }

  let results: Awaited<ReturnType<typeof addInvoices>>;
  try {
    results = await addInvoices(
      ctx,
      mapped.invoices.map((i) => i.input),
      'fatturapa',
    );
  } catch (error) {
    if (error instanceof AppError) throw new ImportRejection([locateLedgerError(error, mapped.invoices)]);
    throw error;
  }

  const imported = results.filter((r) => r.status === 'imported');
  const importFileId = imported.length > 0 ? await file.id(creditor.id) : 0;
  await setInvoiceImportDetails(
    ctx.db,
    creditor.id,
    imported.map((r) => ({
      invoiceId: r.id,
      importFileId,
      recipientCode: mapped.recipientCode,
      recipientPec: mapped.recipientPec,
      documentTotalCents: mapped.invoices[r.index]!.details.documentTotalCents,
    })),
  );
  await setInstalmentImportDetails(
    ctx.db,
    creditor.id,
    imported.flatMap((r) =>
      mapped.invoices[r.index]!.details.instalments.map((t, j) => ({ invoiceId: r.id, seq: j + 1, ...t })),
    ),
  );
  await storeInvoiceXml(
    ctx,
    creditor.id,
    imported.map((r) => r.id),
    file.name ?? 'fattura.xml',
    bytes,
  );
  const typeOf = (index: number) => mapped.invoices[index]!.input.type;
  return {
    creditorId: creditor.id,
    status: imported.length > 0 ? 'imported' : 'duplicate',
    counts: {
      documents: results.length,
      imported: imported.length,
      duplicates: results.length - imported.length,
      creditNotes: imported.filter((r) => typeOf(r.index) === 'credit-note').length,
      instalments: imported.reduce(
        (n, r) =>
          n +
          (typeOf(r.index) === 'credit-note'
            ? 0
            : Math.max(1, mapped.invoices[r.index]!.details.instalments.length)),
        0,
      ),
    },
    invoiceIds: imported.map((r) => r.id),
    paymentIds: [],
  };
}
