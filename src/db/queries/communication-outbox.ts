import type { TSql } from '../database.ts';
import type { TDebtorRow } from './debtors.ts';

export async function findDebtorById(
  db: TSql,
  creditorId: number,
  debtorId: number,
): Promise<TDebtorRow | undefined> {
  const [row] = await db.query<TDebtorRow>(
    `select creditor_id, id, name, kind, country, vat_number, fiscal_code, pec, emails, phones, language,
            customer_group, notes
     from debtors where creditor_id = $1 and id = $2`,
    [creditorId, debtorId],
  );
  return row;
}

/** A debtor's instalments due on or before the date and still owed (for previews). */
export async function listOverdueInstalmentIds(
  db: TSql,
  creditorId: number,
  debtorId: number,
  date: string,
): Promise<number[]> {
  const rows = await db.query<{ id: number }>(
    `select t.id from instalments t
     join invoices i on i.creditor_id = t.creditor_id and i.id = t.invoice_id
     where t.creditor_id = $1 and i.debtor_id = $2 and i.type <> 'credit-note' and t.due_date <= $3::date
       and t.amount_cents > coalesce((select sum(a.amount_cents) from allocations a
             where a.creditor_id = t.creditor_id and a.instalment_id = t.id), 0)
     order by t.due_date, t.id`,
    [creditorId, debtorId, date],
  );
  return rows.map((r) => r.id);
}
