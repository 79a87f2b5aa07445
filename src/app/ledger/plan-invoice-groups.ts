import { yearOf } from '../../core/shared/calendar-date.ts';
import { AppError } from '../../core/shared/errors.ts';
import type { TCreditorRow } from '../../db/queries/creditors.ts';
import type { TNewDebtor } from '../../db/queries/debtors.ts';
import type { TContext } from '../shared/context.ts';
import { parseInput } from '../shared/parse-input.ts';
import type { TDebtorInput } from './invoice-input.ts';
import { type TInvoiceInput, ZInvoiceInput } from './invoice-input.ts';
import {
  DEFAULT_PAYMENT_TERM_DAYS,
  invoiceFingerprint,
  requireCreditor,
  type TAddInvoiceResult,
  type TValidatedInvoice,
  validateInvoice,
} from './invoice-rules.ts';
import { normalizeDebtor } from './normalize-debtor.ts';

/**
 * The set-based path of addInvoices: many groups of invoices (one group = one addInvoices call,
 * or one imported file) are checked against the ledger with a few bulk reads, then simulated in
 * order in memory exactly as one-by-one calls would run (debtor matching and completion,
 * duplicates, number conflicts between groups), so that each group is accepted or refused whole;
 * write-invoice-plan.ts then writes what was accepted in a few bulk statements.
 */

/** Raised when a case is not simulated (a debtor completion that would break a unique key): redo one by one. */
export class NeedsOneByOne extends Error {}

export type TDebtorState = {
  creditorId: number;
  /** null until the debtor is written (new in this batch). */
  id: number | null;
  /** Stands for the id in fingerprints until then; no stored fingerprint can match it. */
  placeholder: string;
  vat: string | null;
  fiscal: string | null;
};

export type TPendingInvoice = {
  creditorId: number;
  key: string;
  /** The stored fingerprint, or the one computed with the debtor's placeholder before writing. */
  fingerprint: string;
  id: number | null;
};

export type TDebtorOp = {
  kind: 'debtor-new' | 'debtor-complete';
  debtor: TDebtorState;
  normalized: TNewDebtor;
  input: TDebtorInput;
};
export type TInvoiceOp = {
  kind: 'invoice';
  debtor: TDebtorState;
  creditor: TCreditorRow;
  v: TValidatedInvoice;
  invoice: TPendingInvoice;
  source: string;
};
export type TPlanOp = TDebtorOp | TInvoiceOp;

export type TPlannedResult = Omit<TAddInvoiceResult, 'id'> & { invoice: TPendingInvoice };

export type TGroupPlan =
  | { ok: true; imported: boolean; results: TPlannedResult[]; ops: TPlanOp[] }
  | { ok: false; error: AppError; conflictWith: TPendingInvoice | null };

export type TInvoiceGroup = { items: readonly unknown[]; source: string; single?: boolean };

/** Credit notes and notes referring to another invoice keep the one-by-one path (allocations). */
export function isSetBasedItem(item: unknown): boolean {
  if (typeof item !== 'object' || item === null) return true;
  const o = item as { type?: unknown; relatedInvoice?: unknown };
  return o.type !== 'credit-note' && (o.relatedInvoice === undefined || o.relatedInvoice === null);
}

type TPrepared =
  | {
      ok: true;
      path: string;
      input: TInvoiceInput;
      creditor: TCreditorRow;
      v: TValidatedInvoice;
      normalized: TNewDebtor;
      year: number;
    }
  | { ok: false; error: AppError };

async function prepare(ctx: TContext, groups: readonly TInvoiceGroup[]): Promise<TPrepared[][]> {
  const creditors = new Map<string, TCreditorRow>();
  const prepared: TPrepared[][] = [];
  for (const group of groups) {
    const list: TPrepared[] = [];
    for (const [index, item] of group.items.entries()) {
      const path = group.single ? 'invoice' : `invoices[${index}]`;
      try {
        const input = parseInput(ZInvoiceInput, item, path);
        let creditor = creditors.get(input.creditor.vatNumber);
        if (!creditor) {
          creditor = await requireCreditor(ctx, input.creditor.vatNumber, path);
          creditors.set(input.creditor.vatNumber, creditor);
        }
        const termDays = Number(creditor.settings.defaultPaymentTermDays ?? DEFAULT_PAYMENT_TERM_DAYS);
        const v = validateInvoice(input, path, termDays);
        const normalized = normalizeDebtor(input.debtor, `${path}.debtor`);
        list.push({ ok: true, path, input, creditor, v, normalized, year: yearOf(v.issueDate as never) });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        list.push({ ok: false, error });
      }
    }
    prepared.push(list);
  }
  return prepared;
}

const invoiceKey = (creditorId: number, year: number, number: string) => `${creditorId}|${year}|${number}`;

export async function planInvoiceGroups(
  ctx: TContext,
  groups: readonly TInvoiceGroup[],
  options: { keepDuplicateOnly: boolean },
): Promise<{ plans: TGroupPlan[]; prepared: TPrepared[][] }> {
  const prepared = await prepare(ctx, groups);
  const valid = prepared.flat().filter((p) => p.ok);

  // Bulk reads: the debtors and the invoices (same creditor, number and year) already stored.
  const debtorByVat = new Map<string, TDebtorState>();
  const debtorByFiscal = new Map<string, TDebtorState>();
  if (valid.length > 0) {
    const rows = await ctx.db.query<{
      creditor_id: number;
      id: number;
      vat_number: string | null;
      fiscal_code: string | null;
    }>(
      `select d.creditor_id, d.id, d.vat_number, d.fiscal_code from debtors d
       join (select distinct * from unnest($1::int8[], $2::text[], $3::text[])) k(creditor_id, vat, fiscal)
         on d.creditor_id = k.creditor_id and (d.vat_number = k.vat or d.fiscal_code = k.fiscal)`,
      [
        valid.map((p) => p.creditor.id),
        valid.map((p) => p.normalized.vatNumber),
        valid.map((p) => p.normalized.fiscalCode),
      ],
    );
    for (const r of rows) {
      const state: TDebtorState = {
        creditorId: r.creditor_id,
        id: r.id,
        placeholder: String(r.id),
        vat: r.vat_number,
        fiscal: r.fiscal_code,
      };
      if (r.vat_number) debtorByVat.set(`${r.creditor_id}|${r.vat_number}`, state);
      if (r.fiscal_code) debtorByFiscal.set(`${r.creditor_id}|${r.fiscal_code}`, state);
    }
  }
  const invoices = new Map<string, TPendingInvoice>();
  if (valid.length > 0) {
    const rows = await ctx.db.query<{
      creditor_id: number;
      id: number;
      issue_year: number;
      number: string;
      fingerprint: string;
    }>(
      `select i.creditor_id, i.id, i.issue_year, i.number, i.fingerprint from invoices i
       join (select distinct * from unnest($1::int8[], $2::int[], $3::text[])) k(creditor_id, year, number)
         on i.creditor_id = k.creditor_id and i.issue_year = k.year and i.number = k.number`,
      [valid.map((p) => p.creditor.id), valid.map((p) => p.year), valid.map((p) => p.input.number)],
    );
    for (const r of rows) {
      const key = invoiceKey(r.creditor_id, r.issue_year, r.number);
      invoices.set(key, { creditorId: r.creditor_id, key, fingerprint: r.fingerprint, id: r.id });
    }
  }

  // In-order simulation; a refused (or, for files, duplicate-only) group is undone.
  let newDebtors = 0;
  const plans: TGroupPlan[] = [];
  for (const [g, list] of prepared.entries()) {
    const undo: Array<() => void> = [];
    const setIn = <T>(map: Map<string, T>, key: string, value: T) => {
      const had = map.has(key);
      const old = map.get(key);
      map.set(key, value);
      undo.push(() => (had ? map.set(key, old as T) : map.delete(key)));
    };
    const ops: TPlanOp[] = [];
    const results: TPlannedResult[] = [];
    let failure: TGroupPlan | null = null;
    for (const [index, p] of list.entries()) {
      if (!p.ok) {
        failure = { ok: false, error: p.error, conflictWith: null };
        break;
      }
      const c = p.creditor.id;
      const { normalized } = p;
      const debtor =
        (normalized.vatNumber ? debtorByVat.get(`${c}|${normalized.vatNumber}`) : undefined) ??
        (normalized.fiscalCode ? debtorByFiscal.get(`${c}|${normalized.fiscalCode}`) : undefined);
      let state: TDebtorState;
      if (debtor) {
        state = debtor;
        if (debtor.fiscal === null && normalized.fiscalCode) {
          // completeDebtor fills the codice fiscale in; one held by another debtor would break
          // its unique key, which only the one-by-one path reports as it does.
          if (debtorByFiscal.has(`${c}|${normalized.fiscalCode}`)) throw new NeedsOneByOne();
          const before = debtor.fiscal;
          debtor.fiscal = normalized.fiscalCode;
          undo.push(() => {
            debtor.fiscal = before;
          });
          setIn(debtorByFiscal, `${c}|${normalized.fiscalCode}`, debtor);
        }
        ops.push({ kind: 'debtor-complete', debtor, normalized, input: p.input.debtor });
      } else {
        newDebtors += 1;
        state = {
          creditorId: c,
          id: null,
          placeholder: `new-debtor-${newDebtors}`,
          vat: normalized.vatNumber,
          fiscal: normalized.fiscalCode,
        };
        if (state.vat) setIn(debtorByVat, `${c}|${state.vat}`, state);
        if (state.fiscal) setIn(debtorByFiscal, `${c}|${state.fiscal}`, state);
        ops.push({ kind: 'debtor-new', debtor: state, normalized, input: p.input.debtor });
      }
      const fingerprint = invoiceFingerprint(state.id ?? state.placeholder, p.v, null);
      const key = invoiceKey(c, p.year, p.input.number);
      const existing = invoices.get(key);
      const base = { index, number: p.input.number, issueDate: p.v.issueDate };
      if (existing) {
        if (existing.fingerprint === fingerprint) {
          results.push({ ...base, status: 'duplicate', invoice: existing });
          continue;
        }
        const error = new AppError(
          'CONFLICT',
          `${p.path}.number: "${p.input.number}" of ${p.year} already exists for creditor ${p.creditor.vat_number} with different content`,
          { field: `${p.path}.number`, value: p.input.number, existingId: existing.id ?? undefined },
        );
        failure = { ok: false, error, conflictWith: existing };
        break;
      }
      const invoice: TPendingInvoice = { creditorId: c, key, fingerprint, id: null };
      setIn(invoices, key, invoice);
      ops.push({
        kind: 'invoice',
        debtor: state,
        creditor: p.creditor,
        v: p.v,
        invoice,
        source: groups[g]!.source,
      });
      results.push({ ...base, status: 'imported', invoice });
    }
    const imported = results.some((r) => r.status === 'imported');
    const isUndone = failure !== null || (!imported && !options.keepDuplicateOnly);
    if (isUndone) for (const u of undo.reverse()) u();
    plans.push(failure ?? { ok: true, imported, results, ops: isUndone ? [] : ops });
  }
  return { plans, prepared };
}
