import type { TBankStatement } from '../../adapters/bank/bank-statement.ts';
import { parseCamt } from '../../adapters/camt/parse-camt.ts';
import { parseCbi } from '../../adapters/cbi/parse-cbi.ts';
import { ImportRejection } from '../../adapters/import-rejection.ts';
import { parseVatNumber } from '../../core/ledger/tax-identifiers.ts';
import { MatchIndex, matchCredit, type TMatchDecision } from '../../core/matching/match-payments.ts';
import { formatAmount } from '../../core/shared/money.ts';
import type { TSql } from '../../db/database.ts';
import { findCreditorByVat, listCreditorRows } from '../../db/queries/creditors.ts';
import { insertAllocations } from '../../db/queries/invoices.ts';
import {
  existingExternalIds,
  insertBankPayments,
  loadDebtorNames,
  loadKnownPayerIbans,
  loadOpenInstalments,
  lockReconciliation,
  type TNewBankPayment,
} from '../../db/queries/matching.ts';
import { appendRegisterEntries, type TRegisterEntryInput } from '../register/append-register-entries.ts';
import type { TContext } from '../shared/context.ts';
import { isCreditorReached } from '../shared/tenant-scope.ts';
import type { TFileOutcome, TFileRecord, TImportOptions } from './import-types.ts';

/**
 * The creditor a statement belongs to: named by the caller, else the one whose IBAN is the
 * statement's account. Never guessed among several creditors.
 */
export async function statementCreditor(
  db: TSql,
  creditorVat: string | null | undefined,
  accountIban: string | null,
) {
  if (creditorVat) {
    const creditor = await findCreditorByVat(db, parseVatNumber(creditorVat, '--creditor').full);
    if (!creditor) throw new ImportRejection('--creditor', `"${creditorVat}" is not a creditor`);
    return creditor;
  }
  const creditors = await listCreditorRows(db);
  const byIban = accountIban ? creditors.filter((c) => c.iban === accountIban) : [];
  if (byIban.length === 1) return byIban[0]!;
  if (creditors.length === 1) return creditors[0]!;
  throw new ImportRejection(
    'account',
    `${accountIban ? `IBAN ${accountIban} is not the IBAN of one creditor` : 'the file does not name its account'}: say whose statement it is with --creditor <VAT number>`,
  );
}

/**
 * Records a statement's credits as payments and reconciles them in the caller's transaction:
 * each entry is matched (payment, allocations and register row) or left in the unmatched queue.
 * Entries already recorded (same external id, e.g. from an overlapping statement) are skipped.
 */
export async function reconcileStatement(
  ctx: TContext,
  statement: TBankStatement,
  source: string,
  options: TImportOptions,
  file: TFileRecord,
): Promise<TFileOutcome> {
  const creditor = await statementCreditor(ctx.db, options.creditorVat, statement.accountIban);
  if (!isCreditorReached(ctx, creditor.id))
    throw new ImportRejection('--creditor', 'the statement is not of a creditor you reach');
  await lockReconciliation(ctx.db, creditor.id);
  const known = await existingExternalIds(
    ctx.db,
    creditor.id,
    statement.entries.map((e) => e.externalId),
  );
  const fresh = statement.entries.filter((e) => !known.has(e.externalId));
  const counts = {
    entries: statement.entries.length,
    skipped: statement.skipped,
    duplicates: statement.entries.length - fresh.length,
    matched: 0,
    unmatched: 0,
    allocated: 0,
  };
  if (fresh.length === 0)
    return { creditorId: creditor.id, status: 'duplicate', counts, invoiceIds: [], paymentIds: [] };

  const [open, debtors, ibans] = await Promise.all([
    loadOpenInstalments(ctx.db, creditor.id),
    loadDebtorNames(ctx.db, creditor.id),
    loadKnownPayerIbans(ctx.db, creditor.id),
  ]);
  const index = new MatchIndex(creditor.id, open, debtors, ibans);
  const decisions: TMatchDecision[] = [];
  const payments: TNewBankPayment[] = [];
  const seen = new Set<string>();
  for (const entry of fresh) {
    if (seen.has(entry.externalId))
      throw new ImportRejection(
        entry.where,
        `repeats the bank reference ${entry.externalId} of an earlier entry`,
      );
    seen.add(entry.externalId);
    const decision = matchCredit(index, entry);
    index.apply(decision, entry);
    decisions.push(decision);
    payments.push({
      debtorId: decision.debtorId,
      amountCents: entry.amountCents,
      currency: entry.currency,
      valueDate: entry.valueDate,
      bookingDate: entry.bookingDate,
      reference: entry.remittance.slice(0, 1000),
      externalId: entry.externalId,
      payerName: entry.payerName,
      payerIban: entry.payerIban,
      allowsCredit: decision.status === 'matched' && decision.remainderCents > 0,
      source,
      creditorReference: entry.creditorReference,
      matchStatus: decision.status,
      matchRule: decision.status === 'matched' ? decision.rule : null,
      suggestions: decision.status === 'unmatched' ? decision.suggestions : [],
    });
  }
  const ids = await insertBankPayments(ctx.db, creditor.id, await file.id(creditor.id), payments);
  const allocations = [];
  const register: TRegisterEntryInput[] = [];
  for (const [i, p] of payments.entries()) {
    const decision = decisions[i]!;
    const paymentId = ids.get(p.externalId)!;
    const amount = formatAmount(p.amountCents, p.currency);
    if (decision.status === 'matched') {
      counts.matched++;
      for (const a of decision.allocations) {
        allocations.push({
          instalmentId: a.instalmentId,
          paymentId,
          creditNoteId: null,
          amountCents: a.amountCents,
          allocatedOn: p.valueDate,
        });
        counts.allocated += a.amountCents;
      }
      register.push({
        action: 'payment.recorded',
        subjectType: 'payment',
        subjectId: paymentId,
        debtorId: decision.debtorId,
        data: {
          amount,
          currency: p.currency,
          valueDate: p.valueDate,
          reference: p.reference,
          source,
          matchRule: decision.rule,
          allocations: decision.allocations.map((a) => {
            const item = index.instalment(a.instalmentId)!;
            return {
              invoiceNumber: item.invoiceNumber,
              dueDate: item.dueDate,
              amount: formatAmount(a.amountCents, p.currency),
            };
          }),
          credit: formatAmount(decision.remainderCents, p.currency),
        },
      });
    } else {
      counts.unmatched++;
      register.push({
        action: 'payment.received-unmatched',
        subjectType: 'payment',
        subjectId: paymentId,
        data: {
          amount,
          currency: p.currency,
          valueDate: p.valueDate,
          payerName: p.payerName,
          payerIban: p.payerIban,
          reference: p.reference,
          source,
        },
      });
    }
  }
  await insertAllocations(ctx.db, creditor.id, allocations);
  await appendRegisterEntries(ctx, creditor.id, register);
  return {
    creditorId: creditor.id,
    status: 'imported',
    counts,
    invoiceIds: [],
    paymentIds: [...ids.values()],
  };
}

export async function importBankStatement(
  ctx: TContext,
  format: 'camt053' | 'camt054' | 'cbi',
  bytes: Uint8Array,
  options: TImportOptions,
  file: TFileRecord,
): Promise<TFileOutcome> {
  const statement = format === 'cbi' ? parseCbi(bytes) : parseCamt(bytes, format);
  return reconcileStatement(ctx, statement, format, options, file);
}
