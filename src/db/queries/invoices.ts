import type { TSql } from '../database.ts';

export type TNewInvoice = {
  debtorId: number;
  number: string;
  type: string;
  documentType: string | null;
  issueDate: string;
  currency: string;
  totalCents: number;
  paymentMethod: string | null;
  paymentIban: string | null;
  relatedInvoiceId: number | null;
  evidence: {
    termsAgreed: string;
    invoiceAccurate: string;
    receiptConfirmed: string;
    deliveryProof: string;
    paymentInstructions: string;
  };
  source: string;
  fingerprint: string;
};

export async function findInvoiceByNumber(
  db: TSql,
  creditorId: number,
  number: string,
  year: number | null,
): Promise<Array<{ id: number; fingerprint: string; issue_year: number; type: string; debtor_id: number }>> {
  return db.query(
    `select id, fingerprint, issue_year, type, debtor_id from invoices
     where creditor_id = $1 and number = $2 and ($3::int is null or issue_year = $3) order by issue_year desc`,
    [creditorId, number, year],
  );
}

export async function insertInvoice(db: TSql, creditorId: number, inv: TNewInvoice): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    `insert into invoices (creditor_id, debtor_id, number, type, document_type, issue_date, issue_year, currency,
       total_cents, payment_method, payment_iban, related_invoice_id, terms_agreed, invoice_accurate, receipt_confirmed,
       delivery_proof, payment_instructions, source, fingerprint)
     values ($1, $2, $3, $4, $5, $6::date, extract(year from $6::date)::int, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
     returning id`,
    [
      creditorId,
      inv.debtorId,
      inv.number,
      inv.type,
      inv.documentType,
      inv.issueDate,
      inv.currency,
      inv.totalCents,
      inv.paymentMethod,
      inv.paymentIban,
      inv.relatedInvoiceId,
      inv.evidence.termsAgreed,
      inv.evidence.invoiceAccurate,
      inv.evidence.receiptConfirmed,
      inv.evidence.deliveryProof,
      inv.evidence.paymentInstructions,
      inv.source,
      inv.fingerprint,
    ],
  );
  return row!.id;
}

export async function insertInstalments(
  db: TSql,
  creditorId: number,
  invoiceId: number,
  instalments: ReadonlyArray<{ dueDate: string; amountCents: number }>,
): Promise<void> {
  await db.query(
    `insert into instalments (creditor_id, invoice_id, seq, due_date, amount_cents)
     select $1, $2, s.seq, s.due_date, s.amount_cents
     from unnest($3::int[], $4::date[], $5::int8[]) as s(seq, due_date, amount_cents)`,
    [
      creditorId,
      invoiceId,
      instalments.map((_, i) => i + 1),
      instalments.map((i) => i.dueDate),
      instalments.map((i) => i.amountCents),
    ],
  );
}

export type TInvoiceListRow = {
  id: number;
  creditor_id: number;
  number: string;
  type: string;
  document_type: string | null;
  issue_date: string;
  currency: string;
  total_cents: number;
  payment_method: string | null;
  payment_iban: string | null;
  related_number: string | null;
  related_issue_date: string | null;
  terms_agreed: string;
  invoice_accurate: string;
  receipt_confirmed: string;
  delivery_proof: string;
  payment_instructions: string;
  debtor_id: number;
  debtor_name: string;
  debtor_vat_number: string | null;
  debtor_fiscal_code: string | null;
  creditor_name: string;
  creditor_vat_number: string;
  credit_applied_cents: number;
};

export type TInvoiceFilter = {
  creditorId: number | null;
  debtorId: number | null;
  afterId: number;
  limit: number;
};

export async function listInvoiceRows(db: TSql, f: TInvoiceFilter): Promise<TInvoiceListRow[]> {
  return db.query<TInvoiceListRow>(
    `select i.id, i.creditor_id, i.number, i.type, i.document_type, i.issue_date, i.currency, i.total_cents,
            i.payment_method, i.payment_iban, r.number as related_number, r.issue_date as related_issue_date,
            i.terms_agreed, i.invoice_accurate, i.receipt_confirmed, i.delivery_proof, i.payment_instructions,
            d.id as debtor_id, d.name as debtor_name, d.vat_number as debtor_vat_number, d.fiscal_code as debtor_fiscal_code,
            c.name as creditor_name, c.vat_number as creditor_vat_number,
            coalesce((select sum(a.amount_cents) from allocations a
                      where a.creditor_id = i.creditor_id and a.credit_note_id = i.id), 0)::int8 as credit_applied_cents
     from invoices i
     join debtors d on d.creditor_id = i.creditor_id and d.id = i.debtor_id
     join creditors c on c.id = i.creditor_id
     left join invoices r on r.creditor_id = i.creditor_id and r.id = i.related_invoice_id
     where ($1::int8 is null or i.creditor_id = $1) and ($2::int8 is null or i.debtor_id = $2) and i.id > $3
     order by i.id
     limit $4`,
    [f.creditorId, f.debtorId, f.afterId, f.limit],
  );
}

export type TInstalmentBalanceRow = {
  id: number;
  creditor_id: number;
  invoice_id: number;
  seq: number;
  due_date: string;
  amount_cents: number;
  paid_cents: number;
  credited_cents: number;
};

export async function instalmentBalances(
  db: TSql,
  creditorId: number | null,
  invoiceIds: readonly number[],
): Promise<TInstalmentBalanceRow[]> {
  return db.query<TInstalmentBalanceRow>(
    `select t.id, t.creditor_id, t.invoice_id, t.seq, t.due_date, t.amount_cents,
            coalesce(sum(a.amount_cents) filter (where a.payment_id is not null), 0)::int8 as paid_cents,
            coalesce(sum(a.amount_cents) filter (where a.credit_note_id is not null), 0)::int8 as credited_cents
     from instalments t
     left join allocations a on a.creditor_id = t.creditor_id and a.instalment_id = t.id
     where ($1::int8 is null or t.creditor_id = $1) and t.invoice_id = any($2::int8[])
     group by t.id, t.creditor_id
     order by t.invoice_id, t.seq`,
    [creditorId, invoiceIds],
  );
}

export type TOpenInstalmentRow = {
  id: number;
  invoice_id: number;
  invoice_number: string;
  currency: string;
  due_date: string;
  amount_cents: number;
  outstanding_cents: number;
};

/**
 * A debtor's (or some invoices') instalments that still have something to pay, oldest due first,
 * locked so that two payments cannot settle the same cents at once.
 */
export async function lockOpenInstalments(
  db: TSql,
  creditorId: number,
  filter: { debtorId?: number; invoiceIds?: readonly number[] },
): Promise<TOpenInstalmentRow[]> {
  const locked = await db.query<{ id: number }>(
    `select t.id from instalments t join invoices i on i.creditor_id = t.creditor_id and i.id = t.invoice_id
     where t.creditor_id = $1 and ($2::int8 is null or i.debtor_id = $2) and ($3::int8[] is null or i.id = any($3))
     for update of t`,
    [creditorId, filter.debtorId ?? null, filter.invoiceIds ?? null],
  );
  if (locked.length === 0) return [];
  return db.query<TOpenInstalmentRow>(
    `select t.id, t.invoice_id, i.number as invoice_number, i.currency, t.due_date, t.amount_cents,
            (t.amount_cents - coalesce(sum(a.amount_cents), 0))::int8 as outstanding_cents
     from instalments t
     join invoices i on i.creditor_id = t.creditor_id and i.id = t.invoice_id
     left join allocations a on a.creditor_id = t.creditor_id and a.instalment_id = t.id
     where t.creditor_id = $1 and t.id = any($2::int8[])
     group by t.id, t.creditor_id, i.number, i.currency
     having t.amount_cents - coalesce(sum(a.amount_cents), 0) > 0
     order by t.due_date, t.invoice_id, t.seq`,
    [creditorId, locked.map((r) => r.id)],
  );
}

export type TNewAllocation = {
  instalmentId: number;
  paymentId: number | null;
  creditNoteId: number | null;
  amountCents: number;
  allocatedOn: string;
};

export async function insertAllocations(
  db: TSql,
  creditorId: number,
  allocations: readonly TNewAllocation[],
): Promise<void> {
  if (allocations.length === 0) return;
  await db.query(
    `insert into allocations (creditor_id, instalment_id, payment_id, credit_note_id, amount_cents, allocated_on)
     select $1, a.instalment_id, a.payment_id, a.credit_note_id, a.amount_cents, a.allocated_on
     from unnest($2::int8[], $3::int8[], $4::int8[], $5::int8[], $6::date[])
       as a(instalment_id, payment_id, credit_note_id, amount_cents, allocated_on)`,
    [
      creditorId,
      allocations.map((a) => a.instalmentId),
      allocations.map((a) => a.paymentId),
      allocations.map((a) => a.creditNoteId),
      allocations.map((a) => a.amountCents),
      allocations.map((a) => a.allocatedOn),
    ],
  );
}
