import type {
  TCaseFacts,
  TCollectionState,
  TEvidence,
  TEvidenceAnswer,
  TInstalmentFacts,
  TStepRecord,
} from '../../core/collection/case-state.ts';
import type { TRiskClass } from '../../core/collection/policy.ts';
import type { TCalendarDate } from '../../core/shared/calendar-date.ts';
import type { TSql } from '../../db/database.ts';
import {
  candidateDebtorIds,
  loadCasePromises,
  loadCaseSteps,
  loadHolds,
  loadOpenCases,
  loadOpenDisputes,
  loadRiskClasses,
  loadStateDebtors,
  loadStateInstalments,
  type TDebtorRange,
  type TStateStepRow,
} from '../../db/queries/collection-state.ts';

export type TDebtorLabel = { id: number; name: string; vatNumber: string | null; fiscalCode: string | null };

export type TBatchStates = {
  states: TCollectionState[];
  debtors: Map<number, TDebtorLabel>;
  currencies: Map<number, string>;
};

/** Steps waiting for a person are `pending` (tasks) or `review`; every other status is done. */
export function toStepRecord(row: TStateStepRow): TStepRecord {
  const isWaiting = row.status === 'pending' || row.status === 'review';
  return {
    stepKey: row.step_key,
    state: isWaiting ? 'waiting' : 'done',
    isSkipped: row.status === 'skipped',
    createdOn: row.created_on as TCalendarDate,
    doneOn: isWaiting ? null : ((row.done_on ?? row.created_on) as TCalendarDate),
  };
}

function groupBy<T>(rows: readonly T[], key: (row: T) => number): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}

/** Loads the collection state of every debtor of the range that has something to decide. */
export async function loadBatchStates(
  db: TSql,
  range: TDebtorRange,
  horizon: TCalendarDate,
): Promise<TBatchStates> {
  const candidates = await candidateDebtorIds(db, range, horizon);
  if (candidates.length === 0) return { states: [], debtors: new Map(), currencies: new Map() };
  const instalmentRows = await loadStateInstalments(db, range, candidates, horizon);
  const caseRows = await loadOpenCases(db, range.creditorId, candidates);
  const debtorIds = [
    ...new Set([...instalmentRows.map((r) => r.debtor_id), ...caseRows.map((c) => c.debtor_id)]),
  ];
  if (debtorIds.length === 0) return { states: [], debtors: new Map(), currencies: new Map() };

  const caseIds = caseRows.map((c) => c.id);
  const [debtorRows, risk, stepRows, promiseRows, disputeRows, holdRows] = await Promise.all([
    loadStateDebtors(db, range.creditorId, debtorIds),
    loadRiskClasses(db, range.creditorId, debtorIds),
    loadCaseSteps(db, range.creditorId, caseIds),
    loadCasePromises(db, range.creditorId, caseIds),
    loadOpenDisputes(db, range.creditorId, debtorIds),
    loadHolds(db, range.creditorId, debtorIds),
  ]);
  const stepsByCase = groupBy(stepRows, (r) => r.case_id);
  const promisesByCase = groupBy(promiseRows, (r) => r.case_id);
  const instalmentsByDebtor = groupBy(instalmentRows, (r) => r.debtor_id);
  const holdsByDebtor = groupBy(holdRows, (r) => r.debtor_id);
  const caseByDebtor = new Map(caseRows.map((c) => [c.debtor_id, c]));
  const disputed = new Set(disputeRows.map((d) => d.invoice_id));

  const states: TCollectionState[] = [];
  const debtors = new Map<number, TDebtorLabel>();
  const currencies = new Map<number, string>();
  for (const d of debtorRows) {
    debtors.set(d.id, { id: d.id, name: d.name, vatNumber: d.vat_number, fiscalCode: d.fiscal_code });
    const c = caseByDebtor.get(d.id);
    const openCase: TCaseFacts | null = c
      ? {
          id: c.id,
          policyId: c.policy_id,
          anchorDueDate: c.anchor_due_date as TCalendarDate,
          steps: (stepsByCase.get(c.id) ?? []).map(toStepRecord),
          openTaskCount: c.open_tasks,
          brokenPromiseCount: c.broken_promises,
          handedOverOn: c.handed_over_on as TCalendarDate | null,
          policySwitchedOn: c.policy_switched_on as TCalendarDate | null,
          promises: (promisesByCase.get(c.id) ?? []).map((p) => ({
            id: p.id,
            planId: p.plan_id,
            seq: p.seq,
            madeOn: p.made_on as TCalendarDate,
            dueDate: p.due_date as TCalendarDate,
            amountCents: p.amount_cents,
            status: p.status,
            paidSinceCents: p.paid_since_cents,
          })),
        }
      : null;
    const instalments: TInstalmentFacts[] = (instalmentsByDebtor.get(d.id) ?? []).map((r) => {
      currencies.set(r.id, r.currency);
      return {
        id: r.id,
        invoiceId: r.invoice_id,
        invoiceNumber: r.invoice_number,
        dueDate: r.due_date as TCalendarDate,
        amountCents: r.amount_cents,
        outstandingCents: r.outstanding_cents,
        paymentMethod: r.payment_method,
        evidence: {
          termsAgreed: r.terms_agreed as TEvidenceAnswer,
          invoiceAccurate: r.invoice_accurate as TEvidenceAnswer,
          receiptConfirmed: r.receipt_confirmed as TEvidenceAnswer,
          deliveryProof: r.delivery_proof as TEvidenceAnswer,
          paymentInstructions: r.payment_instructions as TEvidenceAnswer,
        } satisfies TEvidence,
        caseId: r.case_id,
        invoicePolicyId: r.invoice_policy_id,
      };
    });
    states.push({
      debtor: {
        id: d.id,
        country: d.country,
        riskClass: (risk.get(d.id) as TRiskClass | undefined) ?? null,
        customerGroup: d.customer_group,
        policyId: d.policy_id,
      },
      instalments,
      disputedInvoiceIds: disputed,
      holds: (holdsByDebtor.get(d.id) ?? []).map((h) => ({
        id: h.id,
        invoiceId: h.invoice_id,
        startsOn: h.starts_on as TCalendarDate,
        endsOn: h.ends_on as TCalendarDate | null,
      })),
      openCase,
    });
  }
  return { states, debtors, currencies };
}
