import type { TCents } from '../shared/money.ts';
import type { TAssignmentRule, TDebtorFacts, TPolicyBook } from './case-state.ts';

/**
 * Where a case's policy came from. Only `rule` and `default` follow the debtor's facts: when the
 * debtor's risk class changes, those cases are re-resolved; an override is a person's decision
 * and stays.
 */
export const POLICY_SOURCES = ['invoice', 'debtor', 'rule', 'default'] as const;
export type TPolicySource = (typeof POLICY_SOURCES)[number];

export function isResolvedByRules(source: TPolicySource): boolean {
  return source === 'rule' || source === 'default';
}

/**
 * Which policy a new case follows: a per-invoice override (of the invoice that opens the case),
 * else a per-debtor override, else the first matching rule, else the creditor's default. "Act
 * faster when the amount is large or the customer is worrying" (seed 001) is a rule, not code.
 */
export function resolvePolicy(
  book: TPolicyBook,
  debtor: TDebtorFacts,
  invoicePolicyId: number | null,
  amountCents: TCents,
): { policyId: number; source: TPolicySource } {
  if (invoicePolicyId !== null && book.policies.has(invoicePolicyId)) {
    return { policyId: invoicePolicyId, source: 'invoice' };
  }
  if (debtor.policyId !== null && book.policies.has(debtor.policyId)) {
    return { policyId: debtor.policyId, source: 'debtor' };
  }
  return resolveByRules(book, debtor, amountCents);
}

export function resolvePolicyId(
  book: TPolicyBook,
  debtor: TDebtorFacts,
  invoicePolicyId: number | null,
  amountCents: TCents,
): number {
  return resolvePolicy(book, debtor, invoicePolicyId, amountCents).policyId;
}

/** The first matching rule (by position), else the creditor's default: overrides left aside. */
export function resolveByRules(
  book: TPolicyBook,
  debtor: TDebtorFacts,
  amountCents: TCents,
): { policyId: number; source: 'rule' | 'default' } {
  const rule = [...book.rules]
    .sort((a, b) => a.position - b.position)
    .find((r) => book.policies.has(r.policyId) && ruleMatches(r, debtor, amountCents));
  return rule
    ? { policyId: rule.policyId, source: 'rule' }
    : { policyId: book.defaultPolicyId, source: 'default' };
}

export function ruleMatches(rule: TAssignmentRule, debtor: TDebtorFacts, amountCents: TCents): boolean {
  if (rule.minAmountCents !== null && amountCents < rule.minAmountCents) return false;
  if (rule.riskClasses && !(debtor.riskClass && rule.riskClasses.includes(debtor.riskClass))) return false;
  if (rule.customerGroups && !(debtor.customerGroup && rule.customerGroups.includes(debtor.customerGroup)))
    return false;
  if (rule.countries && !rule.countries.includes(debtor.country)) return false;
  return true;
}
