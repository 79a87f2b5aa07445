import type { TSql } from '../database.ts';

export type TPrescriptionInstalmentRow = {
  creditor_id: number;
  instalment_id: number;
  invoice_id: number;
  invoice_number: string;
  debtor_id: number;
  debtor_name: string;
  seq: number;
  due_date: string;
  amount_cents: number;
  settled_cents: number;
  currency: string;
  basis: string | null;
  years: number | null;
};

/**
 * Instalments with what is still open on `asOf` and the invoice's prescription terms.
 * `isNearExpiryOnly` leaves out those whose FIRST period (due date + years) ends more than 180
 * days after `asOf`: interruptions only ever move the expiry later, so none of them can warn
 * (the years per basis repeat prescriptionYears(): 10, 5, 3).
 */
export async function listPrescriptionInstalments(
  db: TSql,
  filter: {
    creditorId: number | null;
    debtorId: number | null;
    invoiceId: number | null;
    asOf: string;
    isNearExpiryOnly?: boolean;
  },
): Promise<TPrescriptionInstalmentRow[]> {
  return db.query<TPrescriptionInstalmentRow>(
    `select t.creditor_id, t.id as instalment_id, t.invoice_id, i.number as invoice_number, i.debtor_id,
            d.name as debtor_name, t.seq, t.due_date, t.amount_cents, i.currency,
            coalesce((select sum(a.amount_cents) from allocations a where a.creditor_id = t.creditor_id
                        and a.instalment_id = t.id and a.allocated_on <= $4::date), 0)::int8 as settled_cents,
            p.basis, p.years
     from instalments t
     join invoices i on i.creditor_id = t.creditor_id and i.id = t.invoice_id
     join debtors d on d.creditor_id = i.creditor_id and d.id = i.debtor_id
     left join prescription_terms p on p.creditor_id = i.creditor_id and p.invoice_id = i.id
     where ($1::int8 is null or t.creditor_id = $1) and ($2::int8 is null or i.debtor_id = $2)
       and ($3::int8 is null or i.id = $3)
       and (not $5::boolean or t.due_date + make_interval(years => coalesce(p.years,
              case p.basis when 'periodic' then 5 when 'professional-fees' then 3 else 10 end)) <= $4::date + 180)
     order by t.creditor_id, t.due_date, t.invoice_id, t.seq`,
    [filter.creditorId, filter.debtorId, filter.invoiceId, filter.asOf, filter.isNearExpiryOnly ?? false],
  );
}

export type TInterruptionRow = {
  creditor_id: number;
  invoice_id: number;
  instalment_id: number | null;
  kind: string;
  delivered_on: string;
  reference: string;
};

export async function listInterruptions(
  db: TSql,
  invoiceKeys: ReadonlyArray<{ creditorId: number; invoiceId: number }>,
): Promise<TInterruptionRow[]> {
  if (invoiceKeys.length === 0) return [];
  return db.query<TInterruptionRow>(
    `select r.creditor_id, r.invoice_id, r.instalment_id, r.kind, r.delivered_on, r.reference
     from prescription_interruptions r
     join unnest($1::int8[], $2::int8[]) as k(creditor_id, invoice_id)
       on k.creditor_id = r.creditor_id and k.invoice_id = r.invoice_id
     order by r.delivered_on, r.id`,
    [invoiceKeys.map((k) => k.creditorId), invoiceKeys.map((k) => k.invoiceId)],
  );
}

/** Payments on account (allocations of a payment) are acknowledgements of the debt (art. 2944). */
export async function listPaymentDates(
  db: TSql,
  instalmentKeys: ReadonlyArray<{ creditorId: number; instalmentId: number }>,
): Promise<Array<{ creditor_id: number; instalment_id: number; allocated_on: string; payment_id: number }>> {
  if (instalmentKeys.length === 0) return [];
  return db.query(
    `select a.creditor_id, a.instalment_id, a.allocated_on, a.payment_id from allocations a
     join unnest($1::int8[], $2::int8[]) as k(creditor_id, instalment_id)
       on k.creditor_id = a.creditor_id and k.instalment_id = a.instalment_id
     where a.payment_id is not null
     order by a.allocated_on, a.id`,
    [instalmentKeys.map((k) => k.creditorId), instalmentKeys.map((k) => k.instalmentId)],
  );
}

export type TNewInterruption = {
  invoiceId: number;
  instalmentId: number | null;
  kind: string;
  deliveredOn: string;
  reference: string;
  proof: { fileName: string; sha256: string; bytes: Uint8Array } | null;
  addedBy: string;
  addedAt: Date;
};

export async function insertInterruption(db: TSql, creditorId: number, r: TNewInterruption): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    `insert into prescription_interruptions (creditor_id, invoice_id, instalment_id, kind, delivered_on, reference,
       proof_file_name, proof_sha256, proof, added_by, added_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning id`,
    [
      creditorId,
      r.invoiceId,
      r.instalmentId,
      r.kind,
      r.deliveredOn,
      r.reference,
      r.proof?.fileName ?? null,
      r.proof?.sha256 ?? null,
      r.proof ? Buffer.from(r.proof.bytes) : null,
      r.addedBy,
      r.addedAt.toISOString(),
    ],
  );
  return row!.id;
}

export async function upsertPrescriptionTerms(
  db: TSql,
  creditorId: number,
  t: {
    invoiceId: number;
    basis: string;
    years: number | null;
    note: string | null;
    updatedBy: string;
    updatedAt: Date;
  },
): Promise<void> {
  await db.query(
    `insert into prescription_terms (creditor_id, invoice_id, basis, years, note, updated_by, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7)
     on conflict (creditor_id, invoice_id) do update set basis = excluded.basis, years = excluded.years,
       note = excluded.note, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
    [creditorId, t.invoiceId, t.basis, t.years, t.note, t.updatedBy, t.updatedAt.toISOString()],
  );
}

/**
 * Writes the interruption of a delivered demand for each instalment its action demanded, once
 * per (message, instalment): a receipt ingested again, or a second receipt of the same message,
 * adds nothing. Returns the rows written now.
 */
export async function insertDeliveredDemandInterruptions(
  db: TSql,
  d: {
    creditorId: number;
    outboxId: number;
    kind: 'pec' | 'registered-letter';
    deliveredOn: string;
    reference: string;
    addedBy: string;
    addedAt: Date;
  },
): Promise<Array<{ id: number; invoice_id: number; instalment_id: number; debtor_id: number }>> {
  return db.query(
    `with ins as (
     insert into prescription_interruptions (creditor_id, invoice_id, instalment_id, kind, delivered_on, reference,
       outbox_id, added_by, added_at)
     select t.creditor_id, t.invoice_id, t.id, $3, $4::date, $5, o.id, $6, $7::timestamptz
     from outbox o
     join collection_actions a on a.creditor_id = o.creditor_id and a.id = o.action_id
     cross join lateral jsonb_array_elements(a.instalments) as x(item)
     join instalments t on t.creditor_id = a.creditor_id and t.id = (x.item ->> 'id')::int8
     where o.creditor_id = $1 and o.id = $2
     order by t.id
     on conflict (creditor_id, outbox_id, instalment_id) where outbox_id is not null do nothing
     returning id, creditor_id, invoice_id, instalment_id)
     select ins.id, ins.invoice_id, ins.instalment_id, i.debtor_id from ins
     join invoices i on i.creditor_id = ins.creditor_id and i.id = ins.invoice_id
     order by ins.instalment_id`,
    [d.creditorId, d.outboxId, d.kind, d.deliveredOn, d.reference, d.addedBy, d.addedAt.toISOString()],
  );
}
