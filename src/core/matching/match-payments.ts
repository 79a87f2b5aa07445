import { allocateInOrder } from '../ledger/allocate.ts';
import type { TCents } from '../shared/money.ts';
import { findExactCombination } from './combination.ts';
import { invoiceKeys, textKeys } from './invoice-references.ts';
import { findRfReferences, normalizeReference, parseRiscossaReference } from './rf-reference.ts';

/**
 * Reconciliation: which open instalments a bank credit pays. The rules, in order of certainty:
 *  1. rf-reference   a Riscossa RF reference (structured, or written in the text) names the
 *                    instalment or the debtor;
 *  2. invoice-number invoice numbers found in the remittance text, all of one debtor;
 *  3. exact-amount   the payer is known (IBAN seen on an earlier matched payment, or the exact
 *                    name of one debtor) and the amount equals one open instalment, or a
 *                    combination of that debtor's open instalments;
 * otherwise the payment waits for a person, with the best suggestions. Named instalments are
 * settled first (oldest due first); for a debtor reference, the debtor's oldest first. What is
 * left over stays on the payment as the debtor's credit. Pure: the index is built by the caller
 * from the database and updated here as payments settle instalments, so that two entries of the
 * same statement never settle the same cents.
 */
export type TMatchRule = 'rf-reference' | 'invoice-number' | 'exact-amount';

export type TOpenInstalment = {
  instalmentId: number;
  invoiceId: number;
  invoiceNumber: string;
  issueYear: number;
  debtorId: number;
  dueDate: string;
  currency: string;
  outstandingCents: TCents;
};

export type TDebtorRef = { id: number; name: string };

export type TBankCredit = {
  amountCents: TCents;
  currency: string;
  payerName: string | null;
  payerIban: string | null;
  remittance: string;
  creditorReference: string | null;
};

export type TSuggestion = {
  invoiceId: number;
  invoiceNumber: string;
  debtorId: number;
  debtorName: string;
  outstandingCents: TCents;
  reason: string;
};

export type TMatchDecision =
  | {
      status: 'matched';
      rule: TMatchRule;
      debtorId: number;
      allocations: Array<{ instalmentId: number; amountCents: TCents }>;
      remainderCents: TCents;
    }
  | { status: 'unmatched'; debtorId: null; suggestions: TSuggestion[] };

/** Suggestions kept for a person: a short list reads better than a long one. */
export const MAX_SUGGESTIONS = 3;

const LEGAL_FORMS =
  /\b(S\s?R\s?L\s?S?|S\s?P\s?A|S\s?N\s?C|S\s?A\s?S|S\s?S|SOC(IETA)?|COOP(ERATIVA)?|A\s?R\s?L|SPA|SRL|SRLS|LTD|GMBH|SARL|SA|AG|BV|INC)\b/g;

/** Names compared as people and banks write them: no accents, case, punctuation or legal form. */
export function normalizeName(name: string): string {
  return name
    .toUpperCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Z0-9 ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(LEGAL_FORMS, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export class MatchIndex {
  readonly creditorId: number;
  private readonly instalments = new Map<number, TOpenInstalment>();
  private readonly byDebtor = new Map<number, TOpenInstalment[]>();
  private readonly byInvoice = new Map<number, TOpenInstalment[]>();
  private readonly byKey = new Map<string, Set<number>>();
  private readonly byAmount = new Map<TCents, TOpenInstalment[]>();
  private readonly debtorByIban = new Map<string, number | null>();
  private readonly debtorByName = new Map<string, number | null>();
  private readonly debtorNames = new Map<number, string>();

  constructor(
    creditorId: number,
    open: readonly TOpenInstalment[],
    debtors: readonly TDebtorRef[],
    knownIbans: ReadonlyArray<{ iban: string; debtorId: number }>,
  ) {
    this.creditorId = creditorId;
    const sorted = [...open].sort((a, b) =>
      a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.instalmentId - b.instalmentId,
    );
    for (const item of sorted) {
      const copy = { ...item };
      this.instalments.set(copy.instalmentId, copy);
      push(this.byDebtor, copy.debtorId, copy);
      if (!this.byInvoice.has(copy.invoiceId)) {
        const k = invoiceKeys(copy.invoiceNumber, copy.issueYear);
        this.addKey(`E:${k.exact}`, copy.invoiceId);
        if (k.year) this.addKey(`Y:${k.year}`, copy.invoiceId);
        if (k.core) this.addKey(`C:${k.core}`, copy.invoiceId);
      }
      push(this.byInvoice, copy.invoiceId, copy);
      push(this.byAmount, copy.outstandingCents, copy);
    }
    for (const d of debtors) {
      this.debtorNames.set(d.id, d.name);
      const key = normalizeName(d.name);
      if (key) this.debtorByName.set(key, this.debtorByName.has(key) ? null : d.id);
    }
    for (const { iban, debtorId } of knownIbans) {
      const previous = this.debtorByIban.get(iban);
      this.debtorByIban.set(iban, previous === undefined || previous === debtorId ? debtorId : null);
    }
  }

  private addKey(key: string, invoiceId: number): void {
    const set = this.byKey.get(key) ?? new Set<number>();
    set.add(invoiceId);
    this.byKey.set(key, set);
  }

  get openCount(): number {
    return this.instalments.size;
  }

  debtorName(id: number): string {
    return this.debtorNames.get(id) ?? `debtor ${id}`;
  }

  openOf(debtorId: number, currency: string): TOpenInstalment[] {
    return (this.byDebtor.get(debtorId) ?? []).filter(
      (t) => t.outstandingCents > 0 && t.currency === currency,
    );
  }

  openOfInvoices(invoiceIds: Iterable<number>, currency: string): TOpenInstalment[] {
    const list = [...invoiceIds].flatMap((id) => this.byInvoice.get(id) ?? []);
    return list
      .filter((t) => t.outstandingCents > 0 && t.currency === currency)
      .sort((a, b) =>
        a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.instalmentId - b.instalmentId,
      );
  }

  instalment(id: number): TOpenInstalment | undefined {
    return this.instalments.get(id);
  }

  invoicesByKeys(kind: 'E' | 'Y' | 'C', keys: Iterable<string>): Set<number> {
    const found = new Set<number>();
    for (const k of keys) for (const id of this.byKey.get(`${kind}:${k}`) ?? []) found.add(id);
    return found;
  }

  payer(credit: TBankCredit): number | null {
    if (credit.payerIban) {
      const byIban = this.debtorByIban.get(credit.payerIban.replace(/\s/g, '').toUpperCase());
      if (byIban) return byIban;
    }
    if (credit.payerName) return this.debtorByName.get(normalizeName(credit.payerName)) ?? null;
    return null;
  }

  sameAmount(amount: TCents, currency: string): TOpenInstalment[] {
    return (this.byAmount.get(amount) ?? []).filter(
      (t) => t.outstandingCents === amount && t.currency === currency,
    );
  }

  /** Records what a matched payment settled, and the payer's IBAN for the next payments. */
  apply(decision: TMatchDecision, credit: TBankCredit): void {
    if (decision.status !== 'matched') return;
    for (const a of decision.allocations) {
      const item = this.instalments.get(a.instalmentId)!;
      item.outstandingCents -= a.amountCents;
      if (item.outstandingCents > 0) push(this.byAmount, item.outstandingCents, item);
    }
    if (credit.payerIban) {
      const iban = credit.payerIban.replace(/\s/g, '').toUpperCase();
      const previous = this.debtorByIban.get(iban);
      if (previous === undefined) this.debtorByIban.set(iban, decision.debtorId);
      else if (previous !== decision.debtorId) this.debtorByIban.set(iban, null);
    }
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function settle(
  rule: TMatchRule,
  debtorId: number,
  amountCents: TCents,
  targets: readonly TOpenInstalment[],
): TMatchDecision {
  const plan = allocateInOrder(
    amountCents,
    targets.map((t) => ({ id: t.instalmentId, outstandingCents: t.outstandingCents })),
  );
  return {
    status: 'matched',
    rule,
    debtorId,
    allocations: plan.allocations.map((a) => ({ instalmentId: a.id, amountCents: a.amountCents })),
    remainderCents: plan.remainderCents,
  };
}

function byReference(index: MatchIndex, credit: TBankCredit): TMatchDecision | null {
  const candidates = [
    ...(credit.creditorReference ? [normalizeReference(credit.creditorReference)] : []),
    ...findRfReferences(credit.remittance),
  ];
  for (const text of candidates) {
    const ref = parseRiscossaReference(text);
    if (!ref || ref.creditorId !== index.creditorId) continue;
    if (ref.kind === 'instalment') {
      const item = index.instalment(ref.instalmentId);
      if (!item) continue;
      const rest = index
        .openOf(item.debtorId, credit.currency)
        .filter((t) => t.instalmentId !== item.instalmentId);
      const targets = item.outstandingCents > 0 && item.currency === credit.currency ? [item] : rest;
      return settle('rf-reference', item.debtorId, credit.amountCents, targets);
    }
    return settle(
      'rf-reference',
      ref.debtorId,
      credit.amountCents,
      index.openOf(ref.debtorId, credit.currency),
    );
  }
  return null;
}

function invoicesInText(index: MatchIndex, credit: TBankCredit, payer: number | null): Set<number> {
  const keys = textKeys(credit.remittance);
  const found = index.invoicesByKeys('E', keys.exact);
  for (const id of index.invoicesByKeys('Y', keys.year)) found.add(id);
  if (found.size > 0) return found;
  // A bare number after "fattura": accepted only when it designates one invoice.
  const byCore = [...index.invoicesByKeys('C', keys.core)];
  const ofPayer =
    payer === null
      ? []
      : byCore.filter((id) => index.openOfInvoices([id], credit.currency)[0]?.debtorId === payer);
  if (ofPayer.length > 0) return new Set(ofPayer);
  return new Set(byCore.length === 1 ? byCore : []);
}

function suggestionsFor(
  index: MatchIndex,
  credit: TBankCredit,
  payer: number | null,
  invoiceIds: Set<number>,
): TSuggestion[] {
  const out = new Map<number, TSuggestion>();
  const add = (t: TOpenInstalment, reason: string) => {
    if (out.size >= MAX_SUGGESTIONS || out.has(t.invoiceId)) return;
    out.set(t.invoiceId, {
      invoiceId: t.invoiceId,
      invoiceNumber: t.invoiceNumber,
      debtorId: t.debtorId,
      debtorName: index.debtorName(t.debtorId),
      outstandingCents: t.outstandingCents,
      reason,
    });
  };
  for (const t of index.openOfInvoices(invoiceIds, credit.currency))
    add(t, 'invoice number in the remittance text');
  if (payer !== null)
    for (const t of index.openOf(payer, credit.currency)) add(t, 'payer known, oldest open instalment');
  for (const t of index.sameAmount(credit.amountCents, credit.currency))
    add(t, 'same amount as an open instalment');
  return [...out.values()];
}

export function matchCredit(index: MatchIndex, credit: TBankCredit): TMatchDecision {
  const byRef = byReference(index, credit);
  if (byRef) return byRef;
  const payer = index.payer(credit);
  const invoiceIds = invoicesInText(index, credit, payer);
  const named = index.openOfInvoices(invoiceIds, credit.currency);
  const debtors = new Set(named.map((t) => t.debtorId));
  if (named.length > 0 && debtors.size === 1) {
    return settle('invoice-number', named[0]!.debtorId, credit.amountCents, named);
  }
  if (payer !== null && debtors.size === 0) {
    const open = index.openOf(payer, credit.currency);
    const single = open.find((t) => t.outstandingCents === credit.amountCents);
    const combination = single ? [single] : findExactCombination(credit.amountCents, open);
    if (combination) return settle('exact-amount', payer, credit.amountCents, combination);
  }
  return {
    status: 'unmatched',
    debtorId: null,
    suggestions: suggestionsFor(index, credit, payer, invoiceIds),
  };
}
