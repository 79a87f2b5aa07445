import type { TSql } from '../../db/database.ts';
import { promiseOutcomes } from '../../db/queries/collection-insight.ts';
import { amount, parseReportRequest, type TReport, type TReportRequest } from './report.ts';

/** Promises to pay and payment-plan instalments made by asOf, pending, kept or broken on it. */
export async function reportPromises(db: TSql, raw: TReportRequest): Promise<TReport> {
  const req = parseReportRequest(raw);
  const rows = await promiseOutcomes(db, { asOf: req.asOf, creditorId: req.creditorId });
  return {
    report: 'promises',
    asOf: req.asOf,
    by: 'creditor',
    parameters: {},
    columns: [
      { key: 'creditorVat', header: 'creditor VAT', type: 'text' },
      { key: 'creditorName', header: 'creditor', type: 'text' },
      { key: 'kind', header: 'promise or plan', type: 'text' },
      { key: 'currency', header: 'currency', type: 'text' },
      { key: 'pendingCount', header: 'pending', type: 'integer' },
      { key: 'pending', header: 'pending amount', type: 'amount' },
      { key: 'keptCount', header: 'kept', type: 'integer' },
      { key: 'kept', header: 'kept amount', type: 'amount' },
      { key: 'brokenCount', header: 'broken', type: 'integer' },
      { key: 'broken', header: 'broken amount', type: 'amount' },
      { key: 'cancelledCount', header: 'cancelled', type: 'integer' },
    ],
    rows: rows.map((r) => ({
      creditorVat: r.creditor_vat,
      creditorName: r.creditor_name,
      kind: r.kind,
      currency: r.currency,
      pendingCount: r.pending_count,
      pending: amount(r.pending_cents, r.currency),
      keptCount: r.kept_count,
      kept: amount(r.kept_cents, r.currency),
      brokenCount: r.broken_count,
      broken: amount(r.broken_cents, r.currency),
      cancelledCount: r.cancelled_count,
    })),
  };
}
