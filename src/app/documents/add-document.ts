import { createHash } from 'node:crypto';
import { z } from 'zod';
import { parseVatNumber } from '../../core/ledger/tax-identifiers.ts';
import { AppError, invalid } from '../../core/shared/errors.ts';
import { findCreditorByVat } from '../../db/queries/creditors.ts';
import { linkDocumentAction, linkDocumentInvoices, upsertDocument } from '../../db/queries/documents.ts';
import type { TInvoiceMatchRow } from '../../db/queries/interest.ts';
import { findInvoice } from '../interest/find-invoice.ts';
import { resolveDebtor } from '../ledger/resolve-debtor.ts';
import { appendRegisterEntries } from '../register/append-register-entries.ts';
import type { TContext } from '../shared/context.ts';
import { parseInput } from '../shared/parse-input.ts';
import { documentView, type TDocumentView } from './document-view.ts';

/** Evidence is a contract, a delivery note, a receipt: pages, not archives. */
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

/** What a person may add; `fatturapa-xml` is stored by the import itself. */
export const EVIDENCE_KINDS = [
  'terms',
  'delivery-note',
  'receipt-confirmation',
  'proof-of-sending',
  'proof-of-delivery',
  'correspondence',
  'other',
] as const;

const MEDIA_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  xml: 'application/xml',
  p7m: 'application/pkcs7-mime',
  eml: 'message/rfc822',
  txt: 'text/plain',
};

export function mediaTypeOf(fileName: string): string {
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  return MEDIA_TYPES[ext] ?? 'application/octet-stream';
}

export const ZAddDocument = z.object({
  kind: z.enum(EVIDENCE_KINDS),
  file: z.object({ fileName: z.string().trim().min(1), bytes: z.instanceof(Uint8Array) }),
  /** Invoice numbers the document concerns (a delivery note, a receipt confirmation). */
  invoices: z.array(z.string().trim().min(1)).default([]),
  /** The debtor it concerns when no invoice is named (general terms agreed with the customer). */
  debtor: z.string().trim().min(1).nullish(),
  creditor: z.string().nullish(),
  year: z.number().int().nullish(),
  /** A collection action the document proves (a PEC receipt, a registered-letter slip). */
  actionId: z.number().int().positive().nullish(),
  description: z.string().default(''),
});
export type TAddDocument = z.input<typeof ZAddDocument>;

/**
 * Stores an evidence document (seed 001: terms agreed, delivery notes, receipt confirmations;
 * proofs of sending) with its SHA-256 in the register. The same bytes again add only the new
 * links: a document is kept once per tenant.
 */
export async function addDocument(ctx: TContext, raw: TAddDocument): Promise<TDocumentView> {
  const input = parseInput(ZAddDocument, raw);
  const { fileName, bytes } = input.file;
  if (/[/\\]/.test(fileName)) throw invalid('file', fileName, 'must be a file name, not a path');
  if (bytes.length === 0) throw invalid('file', fileName, 'is an empty file');
  if (bytes.length > MAX_DOCUMENT_BYTES)
    throw invalid('file', fileName, `is larger than ${MAX_DOCUMENT_BYTES} bytes`);
  if (input.invoices.length === 0 && !input.debtor)
    throw invalid('invoices', input.invoices, 'is empty: name the invoices or the debtor it concerns');

  let creditorId: number | null = null;
  if (input.creditor) {
    const creditor = await findCreditorByVat(ctx.db, parseVatNumber(input.creditor, 'creditor').full);
    if (!creditor)
      throw new AppError('NOT_FOUND', `creditor: "${input.creditor}" is not a creditor`, {
        field: 'creditor',
        value: input.creditor,
      });
    creditorId = creditor.id;
  }
  const debtor = input.debtor ? await resolveDebtor(ctx.db, input.debtor, creditorId) : null;
  const invoices: TInvoiceMatchRow[] = [];
  for (const number of input.invoices) {
    invoices.push(
      await findInvoice(ctx.db, {
        invoice: number,
        debtor: input.debtor ?? null,
        creditor: input.creditor ?? null,
        year: input.year ?? null,
      }),
    );
  }
  const owners = new Set([...invoices.map((i) => i.creditor_id), ...(debtor ? [debtor.creditor_id] : [])]);
  if (owners.size > 1) throw invalid('invoices', input.invoices, 'belong to different creditors');
  const ownerId = [...owners][0]!;
  const debtorIds = new Set([...invoices.map((i) => i.debtor_id), ...(debtor ? [debtor.id] : [])]);
  if (debtorIds.size > 1) throw invalid('invoices', input.invoices, 'belong to different debtors');
  const debtorId = [...debtorIds][0]!;

  return ctx.db.transaction(async (db) => {
    const tx: TContext = { ...ctx, db };
    if (input.actionId) {
      const [action] = await db.query<{ debtor_id: number }>(
        `select c.debtor_id from collection_actions a
         join collection_cases c on c.creditor_id = a.creditor_id and c.id = a.case_id
         where a.creditor_id = $1 and a.id = $2`,
        [ownerId, input.actionId],
      );
      if (!action || action.debtor_id !== debtorId)
        throw new AppError('NOT_FOUND', `actionId: ${input.actionId} is not an action on this debtor`, {
          field: 'actionId',
          value: input.actionId,
        });
    }
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const { row, isNew } = await upsertDocument(db, ownerId, {
      kind: input.kind,
      fileName,
      mediaType: mediaTypeOf(fileName),
      sha256,
      content: bytes,
      debtorId,
      description: input.description,
      addedOn: ctx.today,
      addedBy: ctx.actor,
    });
    const linked = await linkDocumentInvoices(
      db,
      ownerId,
      row.id,
      invoices.map((i) => i.id),
    );
    if (input.actionId) await linkDocumentAction(db, ownerId, row.id, input.actionId);
    if (isNew || linked > 0 || input.actionId) {
      await appendRegisterEntries(tx, ownerId, [
        {
          action: isNew ? 'document.added' : 'document.linked',
          subjectType: 'document',
          subjectId: row.id,
          debtorId,
          data: {
            kind: row.kind,
            fileName: row.file_name,
            sha256,
            invoices: invoices.map((i) => i.number),
            actionId: input.actionId ?? null,
          },
        },
      ]);
    }
    return documentView(
      { ...row, invoice_ids: invoices.map((i) => i.id), action_ids: input.actionId ? [input.actionId] : [] },
      isNew,
    );
  });
}
