import { createHash } from 'node:crypto';
import { z } from 'zod';
import { compareDates, parseDate } from '../../core/shared/calendar-date.ts';
import { invalid } from '../../core/shared/errors.ts';
import { insertInterruption } from '../../db/queries/prescription.ts';
import { MAX_PROOF_BYTES } from '../interest/add-recovery-cost.ts';
import { findInvoice } from '../interest/find-invoice.ts';
import { appendRegisterEntries } from '../register/append-register-entries.ts';
import type { TContext } from '../shared/context.ts';
import { parseInput } from '../shared/parse-input.ts';

/**
 * Payments on account are read from the ledger, and demands the outbox sent are recorded when
 * their delivery is (PEC receipt, letter tracking); these are the events a person records. A
 * `court-claim` holds the clock until the case ends: `judgment-final` (the judgment or payment
 * order became final: 10 years from then, art. 2953) or `claim-extinguished` (art. 2945 c.3).
 */
export const RECORDED_INTERRUPTION_KINDS = [
  'registered-letter',
  'pec',
  'acknowledgement',
  'court-claim',
  'judgment-final',
  'claim-extinguished',
] as const;

export const ZRecordInterruption = z.object({
  invoice: z.string().trim().min(1),
  debtor: z.string().nullish(),
  creditor: z.string().nullish(),
  year: z.number().int().nullish(),
  instalmentSeq: z.number().int().positive().nullish(),
  kind: z.enum(RECORDED_INTERRUPTION_KINDS),
  deliveredOn: z.string(),
  reference: z.string().trim().min(1),
  proof: z.object({ fileName: z.string().min(1), bytes: z.instanceof(Uint8Array) }).nullish(),
});

export type TRecordInterruption = z.input<typeof ZRecordInterruption>;

/**
 * Records a delivered demand or an acknowledgement that interrupts prescription (art. 2943,
 * 2944 c.c.), dated on the day of DELIVERY (registered letter: the return receipt; PEC: the
 * delivery receipt), with its proof and a register row in the same transaction.
 */
export async function recordInterruption(
  ctx: TContext,
  raw: TRecordInterruption,
): Promise<{
  id: number;
  invoice: string;
  instalmentSeq: number | null;
  kind: string;
  deliveredOn: string;
  proofSha256: string | null;
}> {
  const input = parseInput(ZRecordInterruption, raw);
  const deliveredOn = parseDate(input.deliveredOn, 'deliveredOn');
  if (compareDates(deliveredOn, ctx.today) > 0) {
    throw invalid('deliveredOn', input.deliveredOn, `is after today (${ctx.today})`);
  }
  if (input.proof && input.proof.bytes.length > MAX_PROOF_BYTES) {
    throw invalid('proof', input.proof.fileName, `is larger than ${MAX_PROOF_BYTES} bytes`);
  }
  const proof = input.proof
    ? {
        fileName: input.proof.fileName,
        sha256: createHash('sha256').update(input.proof.bytes).digest('hex'),
        bytes: input.proof.bytes,
      }
    : null;
  return ctx.db.transaction(async (db) => {
    const invoice = await findInvoice(db, input);
    let instalmentId: number | null = null;
    if (input.instalmentSeq) {
      const [row] = await db.query<{ id: number }>(
        'select id from instalments where creditor_id = $1 and invoice_id = $2 and seq = $3',
        [invoice.creditor_id, invoice.id, input.instalmentSeq],
      );
      if (!row)
        throw invalid(
          'instalmentSeq',
          input.instalmentSeq,
          `is not an instalment of invoice ${invoice.number}`,
        );
      instalmentId = row.id;
    }
    const id = await insertInterruption(db, invoice.creditor_id, {
      invoiceId: invoice.id,
      instalmentId,
      kind: input.kind,
      deliveredOn,
      reference: input.reference,
      proof,
      addedBy: ctx.actor,
      addedAt: ctx.now,
    });
    const result = {
      id,
      invoice: invoice.number,
      instalmentSeq: input.instalmentSeq ?? null,
      kind: input.kind,
      deliveredOn,
      proofSha256: proof?.sha256 ?? null,
    };
    await appendRegisterEntries({ ...ctx, db }, invoice.creditor_id, [
      {
        action: 'prescription.interrupted',
        subjectType: 'invoice',
        subjectId: invoice.id,
        debtorId: invoice.debtor_id,
        data: { ...result, reference: input.reference },
      },
    ]);
    return result;
  });
}
