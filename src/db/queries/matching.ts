import type { TOpenInstalment } from '../../core/matching/match-payments.ts';
import type { TSql } from '../database.ts';

/** One reconciliation at a time per creditor: two statements never settle the same cents. */
export async function lockReconciliation(db: TSql, creditorId: number): Promise<void> {
  await db.query('select pg_advisory_xact_lock(7254002, $1::int)', [creditorId]);
}

/**
 * Every instalment of the creditor with something still to pay, settled amounts derived from
 * allocations. A reconciliation needs all of them (a million for a large portfolio): they come
 * back as one tab-separated text per table rather than a million rows, because decoding rows
 * one field at a time costs far more than the query itself (measured on PGlite: 15 s against
 * under 1 s for 200,000 instalments).
 */
export async function loadOpenInstalments(db: TSql, creditorId: number): Promise<TOpenInstalment[]> {
  const [row] = await db.query<{ instalments: string | null; invoices: string | null }>(
    `with open as (
       select t.id, t.invoice_id, t.due_date, (t.amount_cents - coalesce(s.settled, 0)) as outstanding
       from instalments t
       left join (select instalment_id, sum(amount_cents) as settled from allocations where creditor_id = $1
                  group by instalment_id) s on s.instalment_id = t.id
       where t.creditor_id = $1 and t.amount_cents - coalesce(s.settled, 0) > 0)
     select (select string_agg(o.id || E'\t' || o.invoice_id || E'\t' || o.due_date || E'\t' || o.outstanding, E'\n') from open o) as instalments,
            (select string_agg(i.id || E'\t' || i.debtor_id || E'\t' || i.issue_year || E'\t' || i.currency || E'\t' ||
                               translate(i.number, E'\t\n\r', '   '), E'\n')
             from invoices i where i.creditor_id = $1 and i.id in (select invoice_id from open)) as invoices`,
    [creditorId],
  );
  if (!row?.instalments || !row.invoices) return [];
  const invoices = new Map<
    number,
    { debtorId: number; issueYear: number; currency: string; number: string }
  >();
  for (const line of row.invoices.split('\n')) {
    const [id, debtorId, issueYear, currency, number] = line.split('\t');
    invoices.set(Number(id), {
      debtorId: Number(debtorId),
      issueYear: Number(issueYear),
      currency: currency!,
      number: number!,
    });
  }
  return row.instalments.split('\n').map((line) => {
    const [id, invoiceId, dueDate, outstanding] = line.split('\t');
    const invoice = invoices.get(Number(invoiceId))!;
    return {
      instalmentId: Number(id),
      invoiceId: Number(invoiceId),
      invoiceNumber: invoice.number,
      issueYear: invoice.issueYear,
      debtorId: invoice.debtorId,
      dueDate: dueDate!,
      currency: invoice.currency,
      outstandingCents: Number(outstanding),
    };
  });
}

export async function loadDebtorNames(
  db: TSql,
  creditorId: number,
): Promise<Array<{ id: number; name: string }>> {
  return db.query('select id, name from debtors where creditor_id = $1', [creditorId]);
}

/** IBANs debtors paid from before: the payer of a new credit from the same account is known. */
export async function loadKnownPayerIbans(
  db: TSql,
  creditorId: number,
): Promise<Array<{ iban: string; debtorId: number }>> {
  return db.query(
    `select distinct payer_iban as iban, debtor_id as "debtorId" from payments
     where creditor_id = $1 and payer_iban is not null and debtor_id is not null`,
    [creditorId],
  );
}

export async function existingExternalIds(
  db: TSql,
  creditorId: number,
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.query<{ external_id: string }>(
    'select external_id from payments where creditor_id = $1 and external_id = any($2::text[])',
    [creditorId, ids],
  );
  return new Set(rows.map((r) => r.external_id));
}

export type TNewBankPayment = {
  debtorId: number | null;
  amountCents: number;
  currency: string;
  valueDate: string;
  bookingDate: string;
  reference: string;
  externalId: string;
  payerName: string | null;
  payerIban: string | null;
  allowsCredit: boolean;
  source: string;
  creditorReference: string | null;
  matchStatus: 'matched' | 'unmatched';
  matchRule: string | null;
  suggestions: unknown[];
};

/** Inserts bank payments in one statement; returns their ids by external id. */
export async function insertBankPayments(
  db: TSql,
  creditorId: number,
  importFileId: number,
  payments: readonly TNewBankPayment[],
): Promise<Map<string, number>> {
  if (payments.length === 0) return new Map();
  const col = <K extends keyof TNewBankPayment>(k: K) => payments.map((p) => p[k]);
  const rows = await db.query<{ id: number; external_id: string }>(
    `insert into payments (creditor_id, debtor_id, amount_cents, currency, value_date, booking_date, method, reference,
       external_id, payer_name, payer_iban, allows_credit, source, creditor_reference, match_status, match_rule, suggestions, import_file_id)
     select $1, p.debtor_id, p.amount_cents, p.currency, p.value_date, p.booking_date, 'bank-transfer', p.reference,
            p.external_id, p.payer_name, p.payer_iban, p.allows_credit, p.source, p.creditor_reference, p.match_status,
            p.match_rule, p.suggestions::jsonb, $17::int8
     from unnest($2::int8[], $3::int8[], $4::text[], $5::date[], $6::date[], $7::text[], $8::text[], $9::text[], $10::text[],
                 $11::bool[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[])
       as p(debtor_id, amount_cents, currency, value_date, booking_date, reference, external_id, payer_name, payer_iban,
            allows_credit, source, creditor_reference, match_status, match_rule, suggestions)
     returning id, external_id`,
    [
      creditorId,
      col('debtorId'),
      col('amountCents'),
      col('currency'),
      col('valueDate'),
      col('bookingDate'),
      col('reference'),
      col('externalId'),
      col('payerName'),
      col('payerIban'),
      col('allowsCredit'),
      col('source'),
      col('creditorReference'),
      col('matchStatus'),
      col('matchRule'),
      payments.map((p) => JSON.stringify(p.suggestions)),
      importFileId,
    ],
  );
  return new Map(rows.map((r) => [r.external_id, r.id]));
}

export type TUnmatchedPaymentRow = {
  id: number;
  creditor_id: number;
  creditor_name: string;
  amount_cents: number;
  currency: string;
  value_date: string;
  payer_name: string | null;
  payer_iban: string | null;
  reference: string | null;
  creditor_reference: string | null;
  suggestions: Array<Record<string, unknown>>;
};

export async function listUnmatchedPaymentRows(
  db: TSql,
  f: { creditorId: number | null; afterId: number; limit: number },
): Promise<TUnmatchedPaymentRow[]> {
  return db.query<TUnmatchedPaymentRow>(
    `select p.id, p.creditor_id, c.name as creditor_name, p.amount_cents, p.currency, p.value_date, p.payer_name,
            p.payer_iban, p.reference, p.creditor_reference, p.suggestions
     from payments p join creditors c on c.id = p.creditor_id
     where p.match_status = 'unmatched' and ($1::int8 is null or p.creditor_id = $1) and p.id > $2
     order by p.id limit $3`,
    [f.creditorId, f.afterId, f.limit],
  );
}

export async function lockPayment(
  db: TSql,
  id: number,
): Promise<
  | {
      id: number;
      creditor_id: number;
      amount_cents: number;
      currency: string;
      value_date: string;
      match_status: string;
      reference: string | null;
    }
  | undefined
> {
  const [row] = await db.query<{
    id: number;
    creditor_id: number;
    amount_cents: number;
    currency: string;
    value_date: string;
    match_status: string;
    reference: string | null;
  }>(
    'select id, creditor_id, amount_cents, currency, value_date, match_status, reference from payments where id = $1 for update',
    [id],
  );
  return row;
}

export async function markPaymentMatched(
  db: TSql,
  creditorId: number,
  id: number,
  m: { debtorId: number; rule: string; allowsCredit: boolean },
): Promise<void> {
  await db.query(
    `update payments set debtor_id = $3, match_status = 'matched', match_rule = $4, allows_credit = $5, suggestions = '[]'
     where creditor_id = $1 and id = $2`,
    [creditorId, id, m.debtorId, m.rule, m.allowsCredit],
  );
}
