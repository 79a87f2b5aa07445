import { allocateInOrder } from '../../core/ledger/allocate.ts';
import { parseDate, yearOf } from '../../core/shared/calendar-date.ts';
import { AppError, invalid } from '../../core/shared/errors.ts';
import type { TCreditorRow } from '../../db/queries/creditors.ts';
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
import { findOrCreateDebtor } from './find-or-create-debtor.ts';
import { ZInvoiceInput } from './invoice-input.ts';
import {
  DEFAULT_PAYMENT_TERM_DAYS,
  invoiceAddedData,
  invoiceFingerprint,
  requireCreditor,
  type TAddInvoiceResult,
  type TValidatedInvoice,
  validateInvoice,
} from './invoice-rules.ts';
import {
  isSetBasedItem,
  NeedsOneByOne,
  planInvoiceGroups,
  type TInvoiceGroup,
} from './plan-invoice-groups.ts';
import { appendRegisterEntriesOf, type TWrittenGroup, writeInvoicePlan } from './write-invoice-plan.ts';

export { DEFAULT_PAYMENT_TERM_DAYS, type TAddInvoiceResult } from './invoice-rules.ts';

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
    if (!list.every(isSetBasedItem)) return addInvoicesOneByOne(tx, raw, list, source);
    try {
      const [written] = await addInvoiceGroups(tx, [{ items: list, source, single: !Array.isArray(raw) }], {
        keepDuplicateOnly: true,
      });
      if (!written!.ok) throw written!.error;
      await appendRegisterEntriesOf(tx, written!.registerEntries);
      return written!.results;
    } catch (error) {
      if (error instanceof NeedsOneByOne) return addInvoicesOneByOne(tx, raw, list, source);
      throw error;
    }
  });
}

/**
 * Several addInvoices calls in one go, in the caller's transaction: each group is accepted or
 * refused as its own call would be, in order; what is accepted is written with a few bulk
 * statements; the register entries of each group come back for the caller to append (with its
 * own, e.g. an import's) in one go. Throws NeedsOneByOne, before writing anything, for the rare
 * cases the set-based path does not handle.
 */
export async function addInvoiceGroups(
  ctx: TContext,
  groups: readonly TInvoiceGroup[],
  options: { keepDuplicateOnly: boolean },
): Promise<TWrittenGroup[]> {
  const { plans } = await planInvoiceGroups(ctx, groups, options);
  return writeInvoicePlan(ctx, plans);
}

async function addInvoicesOneByOne(
  ctx: TContext,
  raw: unknown,
  list: readonly unknown[],
  source: string,
): Promise<TAddInvoiceResult[]> {
  const results: TAddInvoiceResult[] = [];
  for (const [index, item] of list.entries()) {
    const path = Array.isArray(raw) ? `invoices[${index}]` : 'invoice';
    const input = parseInput(ZInvoiceInput, item, path);
    const creditor = await requireCreditor(ctx, input.creditor.vatNumber, path);
    const termDays = Number(creditor.settings.defaultPaymentTermDays ?? DEFAULT_PAYMENT_TERM_DAYS);
    const v = validateInvoice(input, path, termDays);
    results.push({ index, ...(await addOneInvoice(ctx, creditor, v, path, source)) });
  }
  return results;
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
  const fingerprint = invoiceFingerprint(debtor.id, v, input.relatedInvoice);
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
      data: invoiceAddedData(v, source, creditAppliedCents),
    },
  ]);
  return { number: input.number, issueDate: v.issueDate, status: 'imported', id };
}
