import type { TLateEvidence } from '../../core/insight/chronic-late-payer.ts';
import type { TDebtorAssessment } from './assess-debtors.ts';
import { amount as formatAmount } from './report.ts';

export function evidenceView(evidence: readonly TLateEvidence[], currency: string) {
  return evidence.map((e) => ({
    invoiceNumber: e.invoiceNumber,
    dueDate: e.dueDate,
    amount: formatAmount(e.amountCents, currency),
    open: formatAmount(e.openCents, currency),
    daysBeyondTerms: e.daysBeyondTerms,
    settledOn: e.settledOn,
  }));
}

/** What a credit manager (or an ERP deciding on a new order) sees of one debtor's risk. */
export function debtorRiskView(a: TDebtorAssessment) {
  const currency = a.row.credit_limit_currency;
  const isToAvoid = a.assessment.class === 'to-avoid';
  return {
    debtor: {
      id: a.row.debtor_id,
      name: a.row.name,
      vatNumber: a.row.vat_number,
      fiscalCode: a.row.fiscal_code,
    },
    score: a.assessment.score,
    internalScore: a.assessment.internalScore,
    class: a.assessment.class,
    hasHistory: a.assessment.hasHistory,
    factors: a.assessment.factors,
    isChronicLatePayer: a.isChronicLatePayer,
    chronicEvidence: evidenceView(a.evidence, currency),
    currency,
    exposure: formatAmount(a.behaviour.exposureCents, currency),
    overdue: formatAmount(a.behaviour.overdueCents, currency),
    creditLimit: a.row.credit_limit_cents === null ? null : formatAmount(a.row.credit_limit_cents, currency),
    isOverLimit: a.assessment.isOverLimit,
    isToAvoid,
    /** The ERP's switch: no new order on credit for a debtor over its limit or to avoid. */
    canBuyOnCredit: !(isToAvoid || a.assessment.isOverLimit),
    externalRating:
      a.row.external_score === null
        ? null
        : {
            provider: a.row.external_provider,
            rating: a.row.external_rating,
            score: a.row.external_score,
            ratedOn: a.row.external_rated_on,
          },
    recorded:
      a.row.recorded_class === null
        ? null
        : { class: a.row.recorded_class, score: a.row.recorded_score, scoredOn: a.row.recorded_on },
  };
}

export type TDebtorRiskView = ReturnType<typeof debtorRiskView>;
