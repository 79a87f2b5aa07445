import { createHash } from 'node:crypto';
import { z } from 'zod';
import { compareDates, parseDate } from '../../core/shared/calendar-date.ts';
import { invalid } from '../../core/shared/errors.ts';
import { formatAmount, parseAmount } from '../../core/shared/money.ts';
import { insertRecoveryCost } from '../../db/queries/interest.ts';
import { appendRegisterEntries } from '../register/append-register-entries.ts';
import type { TContext } from '../shared/context.ts';
import { parseInput } from '../shared/parse-input.ts';
import { findInvoice } from './find-invoice.ts';

/** A proof is a receipt, a postal slip, an agency invoice: a few pages, not a dossier. */
export const MAX_PROOF_BYTES = 10 * 1024 * 1024;

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

export const ZAddRecoveryCost = z.object({
  invoice: z.string().trim().min(1),
  debtor: z.string().nullish(),
  creditor: z.string().nullish(),
  year: z.number().int().nullish(),
  amount: z.union([z.string(), z.number()]),
  date: z.string(),
  description: z.string().trim().min(1),
  proof: z.object({ fileName: z.string().min(1), bytes: z.instanceof(Uint8Array) }).nullish(),
});

export type TAddRecoveryCost = z.input<typeof ZAddRecoveryCost>;

export type TRecoveryCostView = {
  id: number;
  invoice: string;
  date: string;
  amount: string;
  currency: string;
  description: string;
  proof: { fileName: string; mediaType: string; sha256: string; bytes: number } | null;
  addedBy: string;
};

/**
 * Records a recovery cost beyond the EUR 40 indemnity (registered-letter postage, agency fees),
 * entered by a person, with its proof stored beside it and fingerprinted in the register.
 */
export async function addRecoveryCost(ctx: TContext, raw: TAddRecoveryCost): Promise<TRecoveryCostView> {
  const input = parseInput(ZAddRecoveryCost, raw);
  const date = parseDate(input.date, 'date');
  if (compareDates(date, ctx.today) > 0) throw invalid('date', input.date, `is after today (${ctx.today})`);
  let proof: { fileName: string; mediaType: string; sha256: string; bytes: Uint8Array } | null = null;
  if (input.proof) {
    if (input.proof.bytes.length === 0) throw invalid('proof', input.proof.fileName, 'is an empty file');
    if (input.proof.bytes.length > MAX_PROOF_BYTES) {
      throw invalid('proof', input.proof.fileName, `is larger than ${MAX_PROOF_BYTES} bytes`);
    }
    const extension = input.proof.fileName.toLowerCase().split('.').pop() ?? '';
    proof = {
      fileName: input.proof.fileName,
      mediaType: MEDIA_TYPES[extension] ?? 'application/octet-stream',
      sha256: createHash('sha256').update(input.proof.bytes).digest('hex'),
      bytes: input.proof.bytes,
    };
  }
  return ctx.db.transaction(async (db) => {
    const invoice = await findInvoice(db, input);
    const [{ currency } = { currency: 'EUR' }] = await db.query<{ currency: string }>(
      'select currency from invoices where creditor_id = $1 and id = $2',
      [invoice.creditor_id, invoice.id],
    );
    const amountCents = parseAmount(input.amount, 'amount', currency);
    const row = await insertRecoveryCost(db, invoice.creditor_id, {
      invoiceId: invoice.id,
      incurredOn: date,
      amountCents,
      currency,
      description: input.description,
      proof,
      addedBy: ctx.actor,
      addedAt: ctx.now,
    });
    const view: TRecoveryCostView = {
      id: row.id,
      invoice: invoice.number,
      date,
      amount: formatAmount(amountCents, currency),
      currency,
      description: input.description,
      proof: proof
        ? {
            fileName: proof.fileName,
            mediaType: proof.mediaType,
            sha256: proof.sha256,
            bytes: proof.bytes.length,
          }
        : null,
      addedBy: ctx.actor,
    };
    await appendRegisterEntries({ ...ctx, db }, invoice.creditor_id, [
      {
        action: 'recovery-cost.added',
        subjectType: 'invoice',
        subjectId: invoice.id,
        debtorId: invoice.debtor_id,
        data: { costId: row.id, ...view, addedBy: undefined },
      },
    ]);
    return view;
  });
}
