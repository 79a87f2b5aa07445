import type { TCents } from '../shared/money.ts';
import type { TAssignmentRule, TDebtorFacts, TPolicyBook } from './case-state.ts';

/**
 * Which policy a new case follows: a per-invoice override (of the invoice that opens the case),
 * else a per-debtor override, else the first matching rule, else the creditor's default. "Act
 * faster when the amount is large or the customer is worrying" (seed 001) is a rule, not code.
 */
export function resolvePolicyId(
  book: TPolicyBook,
  debtor: TDebtorFacts,
  invoicePolicyId: number | null,
  amountCents: TCents,
): number {
  if (invoicePolicyId !== null && book.policies.has(invoicePolicyId)) return invoicePolicyId;
  if (debtor.policyId !== null && book.policies.has(debtor.policyId)) return debtor.policyId;
  const rule = [...book.rules]
    .sort((a, b) => a.position - b.position)
    .find((r) => book.policies.has(r.policyId) && ruleMatches(r, debtor, amountCents));
  return rule?.policyId ?? book.defaultPolicyId;
}

export function ruleMatches(rule: TAssignmentRule, debtor: TDebtorFacts, amountCents: TCents): boolean {
  if (rule.minAmountCents !== null && amountCents < rule.minAmountCents) return false;
  if (rule.riskClasses && !(debtor.riskClass && rule.riskClasses.includes(debtor.riskClass))) return false;
  if (rule.customerGroups && !(debtor.customerGroup && rule.customerGroups.includes(debtor.customerGroup)))
    return false;
  if (rule.countries && !rule.countries.includes(debtor.country)) return false;
  return true;
}
