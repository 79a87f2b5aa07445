import type { TSql } from '../../db/database.ts';
import { stepOutcomes } from '../../db/queries/collection-insight.ts';
import { amount, parseReportRequest, type TReport, type TReportRequest } from './report.ts';

/**
 * Which policy step gets people to pay: per step, the cases it reached, how many paid while it
 * was their latest step and how much, and how many cases it was the last step of before they
 * closed (see stepOutcomes). Always by creditor and step: the other groupings do not apply.
 */
export async function reportSteps(db: TSql, raw: TReportRequest): Promise<TReport> {
  const req = parseReportRequest(raw);
  const rows = await stepOutcomes(db, { asOf: req.asOf, creditorId: req.creditorId });
  return {
    report: 'steps',
    asOf: req.asOf,
    by: 'creditor',
    parameters: {},
    columns: [
      { key: 'creditorVat', header: 'creditor VAT', type: 'text' },
      { key: 'creditorName', header: 'creditor', type: 'text' },
      { key: 'step', header: 'step', type: 'text' },
      { key: 'currency', header: 'currency', type: 'text' },
      { key: 'casesReached', header: 'cases reached', type: 'integer' },
      { key: 'casesPaying', header: 'cases that paid after it', type: 'integer' },
      { key: 'collected', header: 'collected after it', type: 'amount' },
      { key: 'casesClosed', header: 'cases closed after it', type: 'integer' },
    ],
    rows: rows.map((r) => ({
      creditorVat: r.creditor_vat,
      creditorName: r.creditor_name,
      step: r.step_key,
      currency: r.currency,
      casesReached: r.cases_reached,
      casesPaying: r.cases_paying,
      collected: amount(r.collected_cents, r.currency),
      casesClosed: r.cases_closed,
    })),
  };
}
