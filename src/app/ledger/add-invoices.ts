import { createHash } from 'node:crypto';
import { allocateInOrder } from '../../core/ledger/allocate.ts';
import { parseIban, parseVatNumber } from '../../core/ledger/tax-identifiers.ts';
import { addDays, parseDate, yearOf } from '../../core/shared/calendar-date.ts';
import { canonicalJson } from '../../core/shared/canonical-json.ts';
import { AppError, invalid } from '../../core/shared/errors.ts';
import { formatAmount, parseAmount, parseCurrency, sumCents } from '../../core/shared/money.ts';
import { findCreditorByVat, type TCreditorRow } from '../../db/queries/creditors.ts';
import {
  findInvoiceByNumber,
  insertAllocations,
  insertInstalments,
  insertInvoice,
  lockOpenInstalments,
} from '../../db/queries/invoices.ts';
import { appendRegisterEntries } from '../register/append-register-entries.ts';
import type { TContext } from '../shared/context.ts';
import { parseInput } from '../shared/parse-input.ts';
import { isCreditorReached } from '../shared/tenant-scope.ts';
import { findOrCreateDebtor } from './find-or-create-debtor.ts';
import { type TInvoiceInput, ZInvoiceInput } from './invoice-input.ts';

/** Payment term when an invoice states no due date (commercial practice and D.Lgs. 231/2002 art. 4). */
export const DEFAULT_PAYMENT_TERM_DAYS = 30;

export type TAddInvoiceResult = {
  index: number;
  number: string;
  issueDate: string;
  status: 'imported' | 'duplicate';
  id: number;
};

type TValidatedInvoice = {
  input: TInvoiceInput;
  issueDate: string;
  currency: string;
  totalCents: number;
  instalments: Array<{ dueDate: string; amountCents: number }>;
  paymentIban: string | null;
};

function validateInvoice(input: TInvoiceInput, path: string, termDays: number): TValidatedInvoice {
  const issueDate = parseDate(input.issueDate, `${path}.issueDate`);
  const currency = parseCurrency(input.currency, `${path}.currency`);
  const totalCents = parseAmount(input.total, `${path}.total`, currency);
  const paymentIban = input.paymentIban ? parseIban(input.paymentIban, `${path}.paymentIban`) : null;
  const isCreditNote = input.type === 'credit-note';
  if (isCreditNote && input.instalments.length > 0) {
    throw invalid(
      `${path}.instalments`,
      input.instalments.length,
      'must be empty for a credit note (it owes nothing)',
    );
  }
  const instalments = input.instalments.map((t, i) => ({
    dueDate: parseDate(t.dueDate, `${path}.instalments[${i}].dueDate`),
    amountCents: parseAmount(t.amount, `${path}.instalments[${i}].amount`, currency),
  }));
  if (!isCreditNote && instalments.length === 0) {
    instalments.push({ dueDate: addDays(issueDate, termDays), amountCents: totalCents });
  }
  if (!isCreditNote) {
    const sum = sumCents(instalments.map((t) => t.amountCents));
    if (sum !== totalCents) {
      throw invalid(
        `${path}.instalments`,
        formatAmount(sum, currency),
        `add up to ${formatAmount(sum, currency)} but the total is ${formatAmount(totalCents, currency)}`,
      );
    }
  }
  return { input, issueDate, currency, totalCents, instalments, paymentIban };
}

async function requireCreditor(ctx: TContext, vatNumber: string, path: string): Promise<TCreditorRow> {
  const vat = parseVatNumber(vatNumber, `${path}.creditor.vatNumber`);
  const creditor = await findCreditorByVat(ctx.db, vat.full);
  // A creditor the acting principal does not reach is answered as unknown (tenant-scope.ts).
  if (!creditor || !isCreditorReached(ctx, creditor.id)) {
    throw new AppError(
      'UNKNOWN_CREDITOR',
      `${path}.creditor.vatNumber: "${vatNumber}" is not a creditor of this Riscossa; add it first with: riscossa creditors add --name "<name>" --vat-number ${vat.full}`,
      { field: `${path}.creditor.vatNumber`, value: vatNumber },
    );
  }
  return creditor;
}

/**
 * Adds invoices (one object or a batch) in ONE transaction: either every invoice is recorded or,
 * when one is refused, none is. The same invoice again is reported as a duplicate and changes
 * nothing; another invoice with the same creditor, number and year is refused.
 */
export async function addInvoices(
  ctx: TContext,
  raw: unknown,
  source = 'manual',
): Promise<TAddInvoiceResult[]> {
  const list = Array.isArray(raw) ? raw : [raw];
  if (list.length === 0) throw invalid('invoices', [], 'is empty: nothing to add');
  return ctx.db.transaction(async (db) => {
    const tx: TContext = { ...ctx, db };
    const results: TAddInvoiceResult[] = [];
    for (const [index, item] of list.entries()) {
      const path = Array.isArray(raw) ? `invoices[${index}]` : 'invoice';
      const input = parseInput(ZInvoiceInput, item, path);
      const creditor = await requireCreditor(tx, input.creditor.vatNumber, path);
      const termDays = Number(creditor.settings.defaultPaymentTermDays ?? DEFAULT_PAYMENT_TERM_DAYS);
      const v = validateInvoice(input, path, termDays);
      results.push({ index, ...(await addOneInvoice(tx, creditor, v, path, source)) });
    }
    return results;
  });
}

async function addOneInvoice(
  ctx: TContext,
  creditor: TCreditorRow,
  v: TValidatedInvoice,
  path: string,
  source: string,
): Promise<Omit<TAddInvoiceResult, 'index'>> {
  const { input } = v;
  const debtor = await findOrCreateDebtor(ctx, creditor.id, input.debtor, `${path}.debtor`);
  const fingerprint = createHash('sha256')
    .update(
      canonicalJson({
        debtor: debtor.id,
        type: input.type,
        number: input.number,
        issueDate: v.issueDate,
        currency: v.currency,
        total: v.totalCents,
        instalments: v.instalments,
        related: input.relatedInvoice ?? null,
      }),
    )
    .digest('hex');
  const year = yearOf(v.issueDate as never);
  const [existing] = await findInvoiceByNumber(ctx.db, creditor.id, input.number, year);
  if (existing) {
    if (existing.fingerprint === fingerprint) {
      return { number: input.number, issueDate: v.issueDate, status: 'duplicate', id: existing.id };
    }
    throw new AppError(
      'CONFLICT',
      `${path}.number: "${input.number}" of ${year} already exists for creditor ${creditor.vat_number} with different content`,
      { field: `${path}.number`, value: input.number, existingId: existing.id },
    );
  }

  let relatedInvoiceId: number | null = null;
  if (input.relatedInvoice) {
    const relatedYear = input.relatedInvoice.issueDate
      ? yearOf(parseDate(input.relatedInvoice.issueDate, `${path}.relatedInvoice.issueDate`))
      : null;
    const [related] = await findInvoiceByNumber(
      ctx.db,
      creditor.id,
      input.relatedInvoice.number,
      relatedYear,
    );
    if (!related || related.type === 'credit-note' || related.debtor_id !== debtor.id) {
      throw invalid(
        `${path}.relatedInvoice.number`,
        input.relatedInvoice.number,
        'is not an invoice of this debtor',
      );
    }
    relatedInvoiceId = related.id;
  }

  const id = await insertInvoice(ctx.db, creditor.id, {
    debtorId: debtor.id,
    number: input.number,
    type: input.type,
    documentType: input.documentType ?? null,
    issueDate: v.issueDate,
    currency: v.currency,
    totalCents: v.totalCents,
    paymentMethod: input.paymentMethod ?? null,
    paymentIban: v.paymentIban,
    relatedInvoiceId,
    evidence: input.evidence,
    source,
    fingerprint,
  });
  if (v.instalments.length > 0) await insertInstalments(ctx.db, creditor.id, id, v.instalments);

  let creditAppliedCents = 0;
  if (input.type === 'credit-note' && relatedInvoiceId !== null) {
    // A credit note reduces what the original invoice still owes, oldest instalment first; any
    // excess stays as the debtor's credit.
    const open = await lockOpenInstalments(ctx.db, creditor.id, { invoiceIds: [relatedInvoiceId] });
    const plan = allocateInOrder(
      v.totalCents,
      open.map((o) => ({ id: o.id, outstandingCents: o.outstanding_cents })),
    );
    await insertAllocations(
      ctx.db,
      creditor.id,
      plan.allocations.map((a) => ({
        instalmentId: a.id,
        paymentId: null,
        creditNoteId: id,
        amountCents: a.amountCents,
        allocatedOn: v.issueDate,
      })),
    );
    creditAppliedCents = v.totalCents - plan.remainderCents;
  }

  await appendRegisterEntries(ctx, creditor.id, [
    {
      action: 'invoice.added',
      subjectType: 'invoice',
      subjectId: id,
      debtorId: debtor.id,
      data: {
        number: input.number,
        type: input.type,
        issueDate: v.issueDate,
        total: formatAmount(v.totalCents, v.currency),
        currency: v.currency,
        instalments: v.instalments.map((t) => ({
          dueDate: t.dueDate,
          amount: formatAmount(t.amountCents, v.currency),
        })),
        source,
        ...(input.type === 'credit-note'
          ? { creditApplied: formatAmount(creditAppliedCents, v.currency) }
          : {}),
      },
    },
  ]);
  return { number: input.number, issueDate: v.issueDate, status: 'imported', id };
}
