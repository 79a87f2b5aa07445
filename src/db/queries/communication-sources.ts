import type { TSql } from '../database.ts';

/** What a communication is made of, read fresh at render (and send) time. */

export type TActionSourceRow = {
  id: number;
  creditor_id: number;
  case_id: number;
  step_key: string;
  tone: string;
  template: string;
  status: string;
  channels: string[];
  created_on: string;
  instalments: Array<{ id: number }>;
  debtor_id: number;
};

export async function findActionSource(
  db: TSql,
  creditorId: number,
  actionId: number,
): Promise<TActionSourceRow | undefined> {
  const [row] = await db.query<TActionSourceRow>(
    `select a.id, a.creditor_id, a.case_id, a.step_key, a.tone, a.template, a.status, a.channels, a.created_on,
            a.instalments, c.debtor_id
     from collection_actions a
     join collection_cases c on c.creditor_id = a.creditor_id and c.id = a.case_id
     where a.creditor_id = $1 and a.id = $2`,
    [creditorId, actionId],
  );
  return row;
}

export type TOwedInstalmentRow = {
  id: number;
  invoice_id: number;
  invoice_number: string;
  issue_date: string;
  seq: number;
  due_date: string;
  amount_cents: number;
  outstanding_cents: number;
  currency: string;
};

/** The instalments given, with what is owed on each now (payments and credit notes deducted). */
export async function listInstalmentBalances(
  db: TSql,
  creditorId: number,
  instalmentIds: readonly number[],
): Promise<TOwedInstalmentRow[]> {
  if (instalmentIds.length === 0) return [];
  return db.query<TOwedInstalmentRow>(
    `select t.id, t.invoice_id, i.number as invoice_number, i.issue_date, t.seq, t.due_date, t.amount_cents,
            (t.amount_cents - coalesce((select sum(a.amount_cents) from allocations a
               where a.creditor_id = t.creditor_id and a.instalment_id = t.id), 0))::int8 as outstanding_cents,
            i.currency
     from instalments t
     join invoices i on i.creditor_id = t.creditor_id and i.id = t.invoice_id
     where t.creditor_id = $1 and t.id = any($2::int8[])
     order by t.due_date, i.number, t.seq`,
    [creditorId, instalmentIds],
  );
}

export type TPostalAddressRow = {
  street: string;
  postal_code: string | null;
  city: string;
  province: string | null;
  country: string;
};

/** Where letters go: the registered office first, then billing, then any other. */
export async function findDebtorPostalAddress(
  db: TSql,
  creditorId: number,
  debtorId: number,
): Promise<TPostalAddressRow | undefined> {
  const [row] = await db.query<TPostalAddressRow>(
    `select street, postal_code, city, province, country from debtor_addresses
     where creditor_id = $1 and debtor_id = $2
     order by case kind when 'registered' then 0 when 'billing' then 1 else 2 end, id
     limit 1`,
    [creditorId, debtorId],
  );
  return row;
}

export async function findCreditorAddress(db: TSql, creditorId: number): Promise<Record<string, unknown>> {
  const [row] = await db.query<{ address: Record<string, unknown> }>(
    'select address from creditors where id = $1',
    [creditorId],
  );
  return row?.address ?? {};
}
