import type { TSql } from '../database.ts';

export type TInterestRateRow = {
  kind: 'commercial' | 'legal';
  period_start: string;
  reference_rate: string | null;
  rate: string;
  source: string;
  is_verified: boolean;
  added_by: string;
  added_at: Date;
  replaced: Record<string, unknown> | null;
};

const RATE_COLUMNS =
  'kind, period_start, reference_rate, rate, source, is_verified, added_by, added_at, replaced';

export async function listInterestRates(db: TSql, kind: string | null = null): Promise<TInterestRateRow[]> {
  return db.query<TInterestRateRow>(
    `select ${RATE_COLUMNS} from interest_rates where ($1::text is null or kind = $1) order by kind, period_start`,
    [kind],
  );
}

/** Locks the row of that period (if any) so that two administrators cannot race on it. */
export async function lockInterestRate(
  db: TSql,
  kind: string,
  periodStart: string,
): Promise<TInterestRateRow | undefined> {
  const [row] = await db.query<TInterestRateRow>(
    `select ${RATE_COLUMNS} from interest_rates where kind = $1 and period_start = $2 for update`,
    [kind, periodStart],
  );
  return row;
}

export type TNewInterestRate = {
  kind: string;
  periodStart: string;
  referenceRate: string | null;
  rate: string;
  source: string;
  isVerified: boolean;
  addedBy: string;
  addedAt: Date;
};

/** Inserts a rate, or replaces the row of that period keeping the old one in `replaced`. */
export async function upsertInterestRate(
  db: TSql,
  r: TNewInterestRate,
  replaced: TInterestRateRow | null,
): Promise<TInterestRateRow> {
  const [row] = await db.query<TInterestRateRow>(
    `insert into interest_rates (kind, period_start, reference_rate, rate, source, is_verified, added_by, added_at, replaced)
     values ($1, $2, $3::numeric, $4::numeric, $5, $6, $7, $8, $9::jsonb)
     on conflict (kind, period_start) do update set reference_rate = excluded.reference_rate, rate = excluded.rate,
       source = excluded.source, is_verified = excluded.is_verified, added_by = excluded.added_by,
       added_at = excluded.added_at, replaced = excluded.replaced
     returning ${RATE_COLUMNS}`,
    [
      r.kind,
      r.periodStart,
      r.referenceRate,
      r.rate,
      r.source,
      r.isVerified,
      r.addedBy,
      r.addedAt.toISOString(),
      replaced ? JSON.stringify(replaced) : null,
    ],
  );
  return row!;
}

export type TInterestTermsRow = {
  invoice_id: number;
  kind: 'commercial' | 'legal' | null;
  is_pre_2013_contract: boolean;
  contractual_rate: string | null;
  contractual_from: string | null;
  court_claim_filed_on: string | null;
  imputation: 'art-1194' | 'capital-first';
};

export async function listInterestTerms(
  db: TSql,
  creditorId: number,
  invoiceIds: readonly number[],
): Promise<TInterestTermsRow[]> {
  return db.query<TInterestTermsRow>(
    `select invoice_id, kind, is_pre_2013_contract, contractual_rate, contractual_from, court_claim_filed_on, imputation
     from invoice_interest_terms where creditor_id = $1 and invoice_id = any($2::int8[])`,
    [creditorId, invoiceIds],
  );
}

export type TNewInterestTerms = {
  invoiceId: number;
  kind: 'commercial' | 'legal' | null;
  isPre2013Contract: boolean;
  contractualRate: string | null;
  contractualFrom: string | null;
  courtClaimFiledOn: string | null;
  imputation: 'art-1194' | 'capital-first';
  updatedBy: string;
  updatedAt: Date;
};

export async function upsertInterestTerms(db: TSql, creditorId: number, t: TNewInterestTerms): Promise<void> {
  await db.query(
    `insert into invoice_interest_terms (creditor_id, invoice_id, kind, is_pre_2013_contract, contractual_rate,
       contractual_from, court_claim_filed_on, imputation, updated_by, updated_at)
     values ($1, $2, $3, $4, $5::numeric, $6, $7, $8, $9, $10)
     on conflict (creditor_id, invoice_id) do update set kind = excluded.kind,
       is_pre_2013_contract = excluded.is_pre_2013_contract, contractual_rate = excluded.contractual_rate,
       contractual_from = excluded.contractual_from, court_claim_filed_on = excluded.court_claim_filed_on,
       imputation = excluded.imputation, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
    [
      creditorId,
      t.invoiceId,
      t.kind,
      t.isPre2013Contract,
      t.contractualRate,
      t.contractualFrom,
      t.courtClaimFiledOn,
      t.imputation,
      t.updatedBy,
      t.updatedAt.toISOString(),
    ],
  );
}

export type TDebtInvoiceRow = {
  id: number;
  creditor_id: number;
  number: string;
  type: string;
  issue_date: string;
  currency: string;
  total_cents: number;
  debtor_id: number;
  debtor_kind: 'business' | 'consumer' | 'public-administration';
  debtor_name: string;
  creditor_settings: Record<string, unknown>;
};

/** A debtor's invoices that can owe something (not credit notes), oldest first. */
export async function listDebtInvoices(
  db: TSql,
  filter: { creditorId: number; debtorId?: number | null; invoiceIds?: readonly number[] | null },
): Promise<TDebtInvoiceRow[]> {
  return db.query<TDebtInvoiceRow>(
    `select i.id, i.creditor_id, i.number, i.type, i.issue_date, i.currency, i.total_cents, i.debtor_id,
            d.kind as debtor_kind, d.name as debtor_name, c.settings as creditor_settings
     from invoices i
     join debtors d on d.creditor_id = i.creditor_id and d.id = i.debtor_id
     join creditors c on c.id = i.creditor_id
     where i.creditor_id = $1 and i.type <> 'credit-note'
       and ($2::int8 is null or i.debtor_id = $2) and ($3::int8[] is null or i.id = any($3))
     order by i.issue_date, i.id`,
    [filter.creditorId, filter.debtorId ?? null, filter.invoiceIds ?? null],
  );
}

export type TDebtInstalmentRow = {
  id: number;
  invoice_id: number;
  seq: number;
  due_date: string;
  amount_cents: number;
};

export async function listDebtInstalments(
  db: TSql,
  creditorId: number,
  invoiceIds: readonly number[],
): Promise<TDebtInstalmentRow[]> {
  return db.query<TDebtInstalmentRow>(
    `select id, invoice_id, seq, due_date, amount_cents from instalments
     where creditor_id = $1 and invoice_id = any($2::int8[]) order by invoice_id, seq`,
    [creditorId, invoiceIds],
  );
}

export type TDebtAllocationRow = {
  id: number;
  instalment_id: number;
  invoice_id: number;
  payment_id: number | null;
  credit_note_id: number | null;
  credit_note_number: string | null;
  payment_reference: string | null;
  amount_cents: number;
  allocated_on: string;
};

/** Every allocation (payment or credit note) to these invoices' instalments, in date order. */
export async function listDebtAllocations(
  db: TSql,
  creditorId: number,
  invoiceIds: readonly number[],
): Promise<TDebtAllocationRow[]> {
  return db.query<TDebtAllocationRow>(
    `select a.id, a.instalment_id, t.invoice_id, a.payment_id, a.credit_note_id, n.number as credit_note_number,
            p.reference as payment_reference, a.amount_cents, a.allocated_on
     from allocations a
     join instalments t on t.creditor_id = a.creditor_id and t.id = a.instalment_id
     left join invoices n on n.creditor_id = a.creditor_id and n.id = a.credit_note_id
     left join payments p on p.creditor_id = a.creditor_id and p.id = a.payment_id
     where a.creditor_id = $1 and t.invoice_id = any($2::int8[])
     order by a.allocated_on, a.id`,
    [creditorId, invoiceIds],
  );
}

export type TRecoveryCostRow = {
  id: number;
  invoice_id: number;
  incurred_on: string;
  amount_cents: number;
  currency: string;
  description: string;
  proof_file_name: string | null;
  proof_media_type: string | null;
  proof_sha256: string | null;
  added_by: string;
  added_at: Date;
};

const COST_COLUMNS =
  'id, invoice_id, incurred_on, amount_cents, currency, description, proof_file_name, proof_media_type, proof_sha256, added_by, added_at';

export async function listRecoveryCosts(
  db: TSql,
  creditorId: number,
  invoiceIds: readonly number[],
): Promise<TRecoveryCostRow[]> {
  return db.query<TRecoveryCostRow>(
    `select ${COST_COLUMNS} from recovery_costs where creditor_id = $1 and invoice_id = any($2::int8[])
     order by incurred_on, id`,
    [creditorId, invoiceIds],
  );
}

export type TNewRecoveryCost = {
  invoiceId: number;
  incurredOn: string;
  amountCents: number;
  currency: string;
  description: string;
  proof: { fileName: string; mediaType: string; sha256: string; bytes: Uint8Array } | null;
  addedBy: string;
  addedAt: Date;
};

export async function insertRecoveryCost(
  db: TSql,
  creditorId: number,
  c: TNewRecoveryCost,
): Promise<TRecoveryCostRow> {
  const [row] = await db.query<TRecoveryCostRow>(
    `insert into recovery_costs (creditor_id, invoice_id, incurred_on, amount_cents, currency, description,
       proof_file_name, proof_media_type, proof_sha256, proof, added_by, added_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) returning ${COST_COLUMNS}`,
    [
      creditorId,
      c.invoiceId,
      c.incurredOn,
      c.amountCents,
      c.currency,
      c.description,
      c.proof?.fileName ?? null,
      c.proof?.mediaType ?? null,
      c.proof?.sha256 ?? null,
      c.proof ? Buffer.from(c.proof.bytes) : null,
      c.addedBy,
      c.addedAt.toISOString(),
    ],
  );
  return row!;
}

/** Sets one key of a creditor's settings, leaving the others as they are. */
export async function setCreditorSetting(
  db: TSql,
  creditorId: number,
  key: string,
  value: unknown,
): Promise<void> {
  await db.query(
    `update creditors set settings = settings || jsonb_build_object($2::text, $3::jsonb) where id = $1`,
    [creditorId, key, JSON.stringify(value)],
  );
}

export type TInvoiceMatchRow = {
  id: number;
  creditor_id: number;
  debtor_id: number;
  number: string;
  issue_year: number;
  type: string;
};

/** Invoices with this number, across creditors unless one is given, optionally of one debtor or year. */
export async function findInvoicesByNumber(
  db: TSql,
  number: string,
  filter: { creditorId: number | null; debtorId: number | null; year: number | null },
): Promise<TInvoiceMatchRow[]> {
  return db.query<TInvoiceMatchRow>(
    `select id, creditor_id, debtor_id, number, issue_year, type from invoices
     where number = $1 and ($2::int8 is null or creditor_id = $2) and ($3::int8 is null or debtor_id = $3)
       and ($4::int is null or issue_year = $4)
     order by creditor_id, issue_year desc, id`,
    [number, filter.creditorId, filter.debtorId, filter.year],
  );
}
