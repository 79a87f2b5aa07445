import type { TSql } from '../../db/database.ts';
import { listOverrideRows } from '../../db/queries/collection-policies.ts';

export type TPolicyOverrideView = {
  scope: 'debtor' | 'invoice';
  debtor: { vatNumber: string | null; fiscalCode: string | null; name: string };
  invoice: { number: string; year: number } | null;
  policy: string;
};

/**
 * The per-debtor and per-invoice policy overrides of a creditor (all of one debtor's when
 * debtorId is given), at most `limit` of them: they win over the rules and the default.
 */
export async function listPolicyOverrides(
  db: TSql,
  creditorId: number,
  { debtorId, limit }: { debtorId: number | null; limit: number },
): Promise<TPolicyOverrideView[]> {
  const rows = await listOverrideRows(db, creditorId, debtorId, limit);
  return rows.map((r) => ({
    scope: r.scope,
    debtor: { vatNumber: r.debtor_vat, fiscalCode: r.debtor_fiscal_code, name: r.debtor_name },
    invoice: r.invoice_number === null ? null : { number: r.invoice_number, year: r.invoice_year! },
    policy: r.policy_key,
  }));
}
