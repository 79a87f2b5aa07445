import type { TSql } from '../database.ts';

export type TDebtorRow = {
  creditor_id: number;
  id: number;
  name: string;
  kind: string;
  country: string;
  vat_number: string | null;
  fiscal_code: string | null;
  pec: string | null;
  emails: string[];
  phones: string[];
  language: string;
  customer_group: string | null;
  notes: string | null;
};

const COLUMNS =
  'creditor_id, id, name, kind, country, vat_number, fiscal_code, pec, emails, phones, language, customer_group, notes';

/** A debtor is identified by its VAT number, or by its codice fiscale when it has none. */
export async function findDebtorByIdentifiers(
  db: TSql,
  creditorId: number,
  vatNumber: string | null,
  fiscalCode: string | null,
): Promise<TDebtorRow | undefined> {
  const [row] = await db.query<TDebtorRow>(
    `select ${COLUMNS} from debtors
     where creditor_id = $1 and (($2::text is not null and vat_number = $2) or ($3::text is not null and fiscal_code = $3))
     order by (vat_number = $2) desc nulls last, id limit 1`,
    [creditorId, vatNumber, fiscalCode],
  );
  return row;
}

/** Looks a debtor up by VAT number or codice fiscale across the creditors given (all when null). */
export async function findDebtorsByIdentifier(
  db: TSql,
  identifier: string,
  creditorId: number | null,
): Promise<TDebtorRow[]> {
  return db.query<TDebtorRow>(
    `select ${COLUMNS} from debtors
     where (vat_number = $1 or fiscal_code = $1 or vat_number = 'IT' || $1)
       and ($2::int8 is null or creditor_id = $2)
     order by creditor_id, id`,
    [identifier.toUpperCase(), creditorId],
  );
}

export type TNewDebtor = {
  name: string;
  kind: string;
  country: string;
  vatNumber: string | null;
  fiscalCode: string | null;
  pec: string | null;
  emails: string[];
  phones: string[];
  language: string;
  customerGroup: string | null;
  notes: string | null;
};

export async function insertDebtor(db: TSql, creditorId: number, d: TNewDebtor): Promise<TDebtorRow> {
  const [row] = await db.query<TDebtorRow>(
    `insert into debtors (creditor_id, name, kind, country, vat_number, fiscal_code, pec, emails, phones, language, customer_group, notes)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) returning ${COLUMNS}`,
    [
      creditorId,
      d.name,
      d.kind,
      d.country,
      d.vatNumber,
      d.fiscalCode,
      d.pec,
      d.emails,
      d.phones,
      d.language,
      d.customerGroup,
      d.notes,
    ],
  );
  return row!;
}

/** Fills in contact data the debtor did not have yet; never blanks what is already known. */
export async function completeDebtor(db: TSql, existing: TDebtorRow, d: TNewDebtor): Promise<TDebtorRow> {
  const [row] = await db.query<TDebtorRow>(
    `update debtors set
       fiscal_code = coalesce(fiscal_code, $3),
       pec = coalesce($4, pec),
       emails = (select coalesce(array_agg(distinct e), '{}') from unnest(emails || $5::text[]) e),
       phones = (select coalesce(array_agg(distinct p), '{}') from unnest(phones || $6::text[]) p),
       updated_at = now()
     where creditor_id = $1 and id = $2 returning ${COLUMNS}`,
    [existing.creditor_id, existing.id, d.fiscalCode, d.pec, d.emails, d.phones],
  );
  return row!;
}

export type TAddressInput = {
  kind: string;
  street: string;
  postalCode: string | null;
  city: string;
  province: string | null;
  country: string;
};

export async function insertAddresses(
  db: TSql,
  creditorId: number,
  debtorId: number,
  addresses: readonly TAddressInput[],
): Promise<void> {
  for (const a of addresses) {
    await db.query(
      `insert into debtor_addresses (creditor_id, debtor_id, kind, street, postal_code, city, province, country)
       select $1, $2, $3, $4, $5, $6, $7, $8
       where not exists (select 1 from debtor_addresses where creditor_id = $1 and debtor_id = $2
                         and kind = $3 and street = $4 and city = $6)`,
      [creditorId, debtorId, a.kind, a.street, a.postalCode, a.city, a.province, a.country],
    );
  }
}

export type TDebtorSummaryRow = TDebtorRow & {
  creditor_name: string;
  invoice_count: number;
  outstanding_cents: number;
  overdue_cents: number;
};

/** Debtors with their open balance; `asOf` decides what counts as overdue. */
export async function listDebtorSummaries(
  db: TSql,
  params: { creditorId: number | null; asOf: string; afterId: number; limit: number; search?: string | null },
): Promise<TDebtorSummaryRow[]> {
  return db.query<TDebtorSummaryRow>(
    `with balances as (
       select i.creditor_id, i.debtor_id, count(distinct i.id)::int8 as invoice_count,
              coalesce(sum(s.amount_cents - s.settled), 0)::int8 as outstanding_cents,
              coalesce(sum(s.amount_cents - s.settled) filter (where s.due_date < $2::date), 0)::int8 as overdue_cents
       from invoices i
       left join (select t.creditor_id, t.invoice_id, t.due_date, t.amount_cents,
                         coalesce((select sum(a.amount_cents) from allocations a
                                   where a.creditor_id = t.creditor_id and a.instalment_id = t.id), 0) as settled
                  from instalments t) s on s.creditor_id = i.creditor_id and s.invoice_id = i.id
       where ($1::int8 is null or i.creditor_id = $1)
       group by i.creditor_id, i.debtor_id)
     select d.creditor_id, d.id, d.name, d.kind, d.country, d.vat_number, d.fiscal_code, d.pec, d.emails, d.phones,
            d.language, d.customer_group, d.notes, c.name as creditor_name,
            coalesce(b.invoice_count, 0)::int8 as invoice_count,
            coalesce(b.outstanding_cents, 0)::int8 as outstanding_cents,
            coalesce(b.overdue_cents, 0)::int8 as overdue_cents
     from debtors d
     join creditors c on c.id = d.creditor_id
     left join balances b on b.creditor_id = d.creditor_id and b.debtor_id = d.id
     where ($1::int8 is null or d.creditor_id = $1) and d.id > $3
       and ($5::text is null or d.name ilike '%' || $5 || '%' or d.vat_number ilike '%' || $5 || '%'
            or d.fiscal_code ilike '%' || $5 || '%')
     order by d.id
     limit $4`,
    [params.creditorId, params.asOf, params.afterId, params.limit, params.search ?? null],
  );
}
