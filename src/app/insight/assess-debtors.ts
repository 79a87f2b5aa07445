import {
  chronicEvidence,
  isChronicLatePayer,
  type TLateEvidence,
} from '../../core/insight/chronic-late-payer.ts';
import {
  behaviourWindows,
  type TBehaviourAggregates,
  type TBehaviourInstalment,
} from '../../core/insight/payment-behaviour.ts';
import { assessRisk, type TRiskAssessment } from '../../core/insight/risk-score.ts';
import type { TCalendarDate } from '../../core/shared/calendar-date.ts';
import type { TSql } from '../../db/database.ts';
import { behaviourByDebtor, instalmentHistory, type TDebtorBehaviourRow } from '../../db/queries/risk.ts';
import type { TCreditorRiskSettings } from './risk-settings.ts';

export type TDebtorAssessment = {
  row: TDebtorBehaviourRow;
  behaviour: TBehaviourAggregates;
  assessment: TRiskAssessment;
  isChronicLatePayer: boolean;
  /** The chronic-late-payer evidence; filled for chronic debtors, or for all when asked. */
  evidence: TLateEvidence[];
};

export function behaviourOf(r: TDebtorBehaviourRow): TBehaviourAggregates {
  return {
    dueCount: r.due_count,
    lateCount: r.late_count,
    veryLateCount: r.very_late_count,
    daysBeyondSum: r.days_beyond_sum,
    weightedDays12: r.weighted_days_12,
    measuredCents12: r.measured_cents_12,
    weightedDays6: r.weighted_days_6,
    measuredCents6: r.measured_cents_6,
    weightedDaysPrior6: r.weighted_days_prior_6,
    measuredCentsPrior6: r.measured_cents_prior_6,
    exposureCents: r.exposure_cents,
    overdueCents: r.overdue_cents,
  };
}

/**
 * Scores a creditor's debtors (or one) as of a date: one aggregate query for the measures, the
 * core for the score, and item-level history only for the debtors whose evidence is shown.
 * Broken promises (resolved as broken in the last 12 months) and disputes open on the as-of date
 * come from the collection engine's records.
 */
export async function assessDebtors(
  db: TSql,
  p: {
    creditorId: number;
    debtorId: number | null;
    asOf: TCalendarDate;
    settings: TCreditorRiskSettings;
    isEvidenceForAll?: boolean;
  },
): Promise<TDebtorAssessment[]> {
  const w = behaviourWindows(p.asOf);
  const rows = await behaviourByDebtor(db, {
    creditorId: p.creditorId,
    debtorId: p.debtorId,
    asOf: p.asOf,
    last12After: w.last12After,
    last6After: w.last6After,
    veryLateDays: p.settings.chronic.minDaysLate,
  });
  const assessed = rows.map((row) => {
    const behaviour = behaviourOf(row);
    const assessment = assessRisk(
      {
        behaviour,
        creditLimitCents: row.credit_limit_cents,
        brokenPromises: row.broken_promises,
        openDisputes: row.open_disputes,
        external:
          row.external_score === null
            ? null
            : {
                provider: row.external_provider ?? '',
                rating: row.external_rating ?? '',
                score: row.external_score,
                ratedOn: row.external_rated_on ?? '',
              },
      },
      p.settings,
    );
    return {
      row,
      behaviour,
      assessment,
      isChronicLatePayer: isChronicLatePayer(behaviour, p.settings.chronic),
      evidence: [] as TLateEvidence[],
    };
  });
  const needEvidence = assessed.filter(
    (a) => a.isChronicLatePayer || (p.isEvidenceForAll && a.behaviour.veryLateCount > 0),
  );
  if (needEvidence.length > 0) {
    const history = await instalmentHistory(db, {
      creditorId: p.creditorId,
      debtorIds: needEvidence.map((a) => a.row.debtor_id),
      after: w.last12After,
      asOf: p.asOf,
    });
    const byDebtor = new Map<number, TBehaviourInstalment[]>();
    for (const h of history) {
      const items = byDebtor.get(h.debtor_id) ?? [];
      items.push({
        invoiceNumber: h.invoice_number,
        dueDate: h.due_date as TCalendarDate,
        amountCents: h.amount_cents,
        allocations: h.allocations.map((x) => ({
          on: x.on as TCalendarDate,
          cents: x.cents,
          isCreditNote: x.isCreditNote,
        })),
      });
      byDebtor.set(h.debtor_id, items);
    }
    for (const a of needEvidence) {
      const items = byDebtor.get(a.row.debtor_id) ?? [];
      a.evidence = chronicEvidence(items, p.asOf, p.settings.chronic);
    }
  }
  return assessed;
}
