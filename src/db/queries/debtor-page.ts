import type { TSql } from '../database.ts';

/** The rows of one debtor's page: each query filtered by tenant and debtor, each bounded. */

export async function debtorAddresses(db: TSql, creditorId: number, debtorId: number) {
  return db.query<{
    kind: string;
    street: string;
    postal_code: string | null;
    city: string;
    province: string | null;
    country: string;
  }>(
    `select kind, street, postal_code, city, province, country from debtor_addresses
     where creditor_id = $1 and debtor_id = $2 order by id limit 20`,
    [creditorId, debtorId],
  );
}

export async function debtorContacts(db: TSql, creditorId: number, debtorId: number) {
  return db.query<{ name: string; role: string | null; email: string | null; phone: string | null }>(
    `select name, role, email, phone from debtor_contacts where creditor_id = $1 and debtor_id = $2 order by id limit 50`,
    [creditorId, debtorId],
  );
}

export type TTimelineRow = {
  seq: number;
  occurred_at: Date;
  actor: string;
  action: string;
  subject_type: string;
  subject_id: number | null;
  reason: string | null;
  data: Record<string, unknown>;
};

/** Newest first, a page at a time (`beforeSeq`), from the debtor's index on the register. */
export async function debtorTimeline(
  db: TSql,
  p: { creditorId: number; debtorId: number; beforeSeq: number | null; limit: number },
): Promise<TTimelineRow[]> {
  return db.query<TTimelineRow>(
    `select seq, occurred_at, actor, action, subject_type, subject_id, reason, data from register_entries
     where creditor_id = $1 and debtor_id = $2 and ($3::int8 is null or seq < $3)
     order by seq desc limit $4`,
    [p.creditorId, p.debtorId, p.beforeSeq, p.limit],
  );
}

export async function debtorPromises(db: TSql, creditorId: number, debtorId: number) {
  return db.query<{
    id: number;
    plan_id: number | null;
    seq: number;
    made_on: string;
    due_date: string;
    amount_cents: number;
    status: string;
    resolved_on: string | null;
  }>(
    `select p.id, p.plan_id, p.seq, p.made_on, p.due_date, p.amount_cents, p.status, p.resolved_on
     from collection_promises p join collection_cases c on c.creditor_id = p.creditor_id and c.id = p.case_id
     where p.creditor_id = $1 and c.debtor_id = $2 order by p.id desc limit 100`,
    [creditorId, debtorId],
  );
}

export async function debtorDisputes(db: TSql, creditorId: number, debtorId: number) {
  return db.query<{
    id: number;
    invoice_number: string;
    status: string;
    reason: string;
    opened_on: string;
    closed_on: string | null;
    resolution: string | null;
  }>(
    `select x.id, i.number as invoice_number, x.status, x.reason, x.opened_on, x.closed_on, x.resolution
     from collection_disputes x join invoices i on i.creditor_id = x.creditor_id and i.id = x.invoice_id
     where x.creditor_id = $1 and i.debtor_id = $2 order by x.id desc limit 100`,
    [creditorId, debtorId],
  );
}

export async function debtorHolds(db: TSql, creditorId: number, debtorId: number) {
  return db.query<{
    id: number;
    invoice_number: string | null;
    reason: string;
    starts_on: string;
    ends_on: string | null;
    cleared_on: string | null;
  }>(
    `select h.id, i.number as invoice_number, h.reason, h.starts_on, h.ends_on, h.cleared_on
     from collection_holds h left join invoices i on i.creditor_id = h.creditor_id and i.id = h.invoice_id
     where h.creditor_id = $1 and h.debtor_id = $2 order by h.id desc limit 100`,
    [creditorId, debtorId],
  );
}
