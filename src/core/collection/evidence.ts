import type { TCalendarDate } from '../shared/calendar-date.ts';
import type { TEvidenceGap, TInstalmentFacts } from './case-state.ts';

/**
 * Seed 001's seven questions, all of which must be "yes" before a firm step (registered letter,
 * hand-over). Four are recorded per invoice; "not disputed" is the dispute register (a disputed
 * instalment never reaches a step at all); "due date passed" is computed; "a register of every
 * collection activity is kept" is always yes: this application keeps it.
 */
const RECORDED_QUESTIONS = [
  ['termsAgreed', 'payment terms agreed before the order'],
  ['invoiceAccurate', 'invoice accurate and not disputed'],
  ['receiptConfirmed', 'customer confirmed receipt of the invoice'],
  ['deliveryProof', 'proof of delivery of the goods'],
  ['paymentInstructions', 'invoice says how and where to pay'],
] as const;

export function evidenceGaps(instalments: readonly TInstalmentFacts[], today: TCalendarDate): TEvidenceGap[] {
  const gaps: TEvidenceGap[] = [];
  const seenInvoices = new Set<number>();
  for (const inst of instalments) {
    if (inst.dueDate >= today) {
      gaps.push({ invoiceNumber: inst.invoiceNumber, question: 'due date passed', answer: 'no' });
    }
    if (seenInvoices.has(inst.invoiceId)) continue;
    seenInvoices.add(inst.invoiceId);
    for (const [field, question] of RECORDED_QUESTIONS) {
      const answer = inst.evidence[field];
      // Delivery proof does not apply to services; every other answer must be a plain yes.
      if (answer === 'yes' || (field === 'deliveryProof' && answer === 'not-applicable')) continue;
      gaps.push({ invoiceNumber: inst.invoiceNumber, question, answer });
    }
  }
  return gaps;
}
