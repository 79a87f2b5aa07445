import type { TSql } from '../database.ts';

export type TNewPayment = {
  debtorId: number | null;
  amountCents: number;
  currency: string;
  valueDate: string;
  method: string | null;
  reference: string | null;
  externalId: string | null;
  payerName: string | null;
  payerIban: string | null;
  allowsCredit: boolean;
  source: string;
};

export type TPaymentRow = {
  id: number;
  creditor_id: number;
  debtor_id: number | null;
  amount_cents: number;
  currency: string;
  value_date: string;
  reference: string | null;
  external_id: string | null;
  allocated_cents: number;
};

export async function findPaymentByExternalId(
  db: TSql,
  creditorId: number,
  externalId: string,
): Promise<TPaymentRow | undefined> {
  const [row] = await db.query<TPaymentRow>(
    `select p.id, p.creditor_id, p.debtor_id, p.amount_cents, p.currency, p.value_date, p.reference, p.external_id,
            coalesce((select sum(a.amount_cents) from allocations a where a.creditor_id = p.creditor_id and a.payment_id = p.id), 0)::int8 as allocated_cents
     from payments p where p.creditor_id = $1 and p.external_id = $2`,
    [creditorId, externalId],
  );
  return row;
}

export async function insertPayment(db: TSql, creditorId: number, p: TNewPayment): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    `insert into payments (creditor_id, debtor_id, amount_cents, currency, value_date, method, reference, external_id,
       payer_name, payer_iban, allows_credit, source)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) returning id`,
    [
      creditorId,
      p.debtorId,
      p.amountCents,
      p.currency,
      p.valueDate,
      p.method,
      p.reference,
      p.externalId,
      p.payerName,
      p.payerIban,
      p.allowsCredit,
      p.source,
    ],
  );
  return row!.id;
}
