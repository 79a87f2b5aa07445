import { z } from 'zod';
import { commissionCents } from '../../core/agency/commission.ts';
import { parseRatePercent } from '../../core/interest/rate.ts';
import { addDays, endOfMonth, parseDate } from '../../core/shared/calendar-date.ts';
import { AppError, invalid } from '../../core/shared/errors.ts';
import { formatAmount, parseAmount, sumCents } from '../../core/shared/money.ts';
import type { TSql } from '../../db/database.ts';
import type { TMandateRow } from '../../db/queries/agency.ts';
import { appendRegisterEntries } from '../register/append-register-entries.ts';
import type { TContext } from '../shared/context.ts';
import { parseInput } from '../shared/parse-input.ts';
import { resolveMandate } from './resolve-agency.ts';

/**
 * Trust accounting per mandate (money the agency holds for a client): collected on the cases it
 * took (payments allocated to their instalments, dated on or after the case was taken), its
 * commission at the mandate's rate on each collection (to the cent, half up), the fixed fees of
 * the cases taken, and what was remitted. All from the client's own rows: one mandate's figures
 * never include another's.
 */

export type TCollectionLine = {
  date: string;
  caseId: number;
  debtor: string;
  invoice: string;
  paymentId: number;
  collected: string;
  commission: string;
  cents: { collected: number; commission: number };
};

async function collectionLines(
  db: TSql,
  m: TMandateRow,
  from: string,
  to: string,
): Promise<TCollectionLine[]> {
  const rate = parseRatePercent(m.commission_rate);
  const rows = await db.query<{
    value_date: string;
    case_id: number;
    debtor: string;
    invoice: string;
    payment_id: number;
    amount_cents: number;
  }>(
    `select p.value_date, mc.case_id, d.name as debtor, i.number as invoice, p.id as payment_id, sum(a.amount_cents)::int8 as amount_cents
     from mandate_cases mc
     join case_instalments ci on ci.creditor_id = mc.creditor_id and ci.case_id = mc.case_id
     join allocations a on a.creditor_id = ci.creditor_id and a.instalment_id = ci.instalment_id and a.payment_id is not null
     join payments p on p.creditor_id = a.creditor_id and p.id = a.payment_id
     join instalments t on t.creditor_id = a.creditor_id and t.id = a.instalment_id
     join invoices i on i.creditor_id = t.creditor_id and i.id = t.invoice_id
     join debtors d on d.creditor_id = i.creditor_id and d.id = i.debtor_id
     where mc.agency_id = $1 and mc.mandate_id = $2 and mc.creditor_id = $3
       and p.value_date >= mc.taken_on and p.value_date between $4::date and $5::date
     group by p.value_date, mc.case_id, d.name, i.number, p.id
     order by p.value_date, p.id, i.number`,
    [m.agency_id, m.id, m.creditor_id, from, to],
  );
  return rows.map((r) => {
    const commission = commissionCents(r.amount_cents, rate);
    return {
      date: r.value_date,
      caseId: r.case_id,
      debtor: r.debtor,
      invoice: r.invoice,
      paymentId: r.payment_id,
      collected: formatAmount(r.amount_cents, 'EUR'),
      commission: formatAmount(commission, 'EUR'),
      cents: { collected: r.amount_cents, commission },
    };
  });
}

async function feesCents(db: TSql, m: TMandateRow, from: string, to: string): Promise<number> {
  const [row] = await db.query<{ cents: number }>(
    `select coalesce(sum(fixed_fee_cents), 0)::int8 as cents from mandate_cases
     where agency_id = $1 and mandate_id = $2 and taken_on between $3::date and $4::date`,
    [m.agency_id, m.id, from, to],
  );
  return row!.cents;
}

async function remittedCents(
  db: TSql,
  m: TMandateRow,
  before: string | null,
  month: string | null,
): Promise<number> {
  const [row] = await db.query<{ cents: number }>(
    `select coalesce(sum(amount_cents), 0)::int8 as cents from remittances
     where agency_id = $1 and mandate_id = $2 and ($3::text is null or month < $3) and ($4::text is null or month = $4)`,
    [m.agency_id, m.id, before, month],
  );
  return row!.cents;
}

export type TRemittanceStatement = {
  agency: { name: string; vatNumber: string; licence: string };
  mandate: { reference: string; commissionRate: string };
  client: { name: string; vatNumber: string };
  month: string;
  from: string;
  to: string;
  lines: Array<Omit<TCollectionLine, 'cents'>>;
  totals: {
    collected: string;
    commission: string;
    fixedFees: string;
    /** collected − commission − fixed fees: what this month owes the client. */
    netDue: string;
    /** What earlier months still owed (net due minus remitted), carried forward. */
    carriedForward: string;
    remitted: string;
    /** carriedForward + netDue − remitted this month. */
    balance: string;
  };
};

const ZStatement = z.object({
  agency: z.string().nullish(),
  mandate: z.string(),
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be YYYY-MM'),
});

/** The monthly remittance statement for a client, checked to the cent (docs/agency.md). */
export async function remittanceStatement(
  ctx: TContext,
  raw: z.input<typeof ZStatement>,
): Promise<TRemittanceStatement> {
  const input = parseInput(ZStatement, raw);
  const { agency, mandate } = await resolveMandate(ctx.db, input.agency, input.mandate);
  const from = parseDate(`${input.month}-01`, 'month');
  const to = endOfMonth(from);
  const lines = await collectionLines(ctx.db, mandate, from, to);
  const collected = sumCents(lines.map((l) => l.cents.collected));
  const commission = sumCents(lines.map((l) => l.cents.commission));
  const fees = await feesCents(ctx.db, mandate, from, to);
  // Earlier months: everything up to the day before this month.
  const earlierTo = addDays(from, -1);
  const earlier = await collectionLines(ctx.db, mandate, '1900-01-01', earlierTo);
  const earlierNet =
    sumCents(earlier.map((l) => l.cents.collected)) -
    sumCents(earlier.map((l) => l.cents.commission)) -
    (await feesCents(ctx.db, mandate, '1900-01-01', earlierTo));
  const carried = earlierNet - (await remittedCents(ctx.db, mandate, input.month, null));
  const remitted = await remittedCents(ctx.db, mandate, null, input.month);
  const net = collected - commission - fees;
  const f = (c: number) => formatAmount(c, 'EUR');
  return {
    agency: { name: agency.name, vatNumber: agency.vat_number, licence: agency.licence },
    mandate: { reference: mandate.reference, commissionRate: mandate.commission_rate },
    client: { name: mandate.creditor_name, vatNumber: mandate.creditor_vat },
    month: input.month,
    from,
    to,
    lines: lines.map(({ cents: _c, ...l }) => l),
    totals: {
      collected: f(collected),
      commission: f(commission),
      fixedFees: f(fees),
      netDue: f(net),
      carriedForward: f(carried),
      remitted: f(remitted),
      balance: f(carried + net - remitted),
    },
  };
}

const ZRemit = z.object({
  agency: z.string().nullish(),
  mandate: z.string(),
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be YYYY-MM'),
  amount: z.union([z.string(), z.number()]),
  date: z.string().nullish(),
  reference: z.string().default(''),
});

/** Records the money passed on to the client for a month: once per month, never more than owed. */
export async function recordRemittance(ctx: TContext, raw: z.input<typeof ZRemit>) {
  const input = parseInput(ZRemit, raw);
  const statement = await remittanceStatement(ctx, input);
  const { agency, mandate } = await resolveMandate(ctx.db, input.agency, input.mandate);
  const cents = parseAmount(input.amount, 'amount', 'EUR');
  const owed = parseAmount(statement.totals.balance, 'balance', 'EUR', {
    allowZero: true,
    allowNegative: true,
  });
  if (cents > owed)
    throw invalid(
      'amount',
      input.amount,
      `is more than what is owed to the client (${statement.totals.balance})`,
    );
  const on = input.date ? parseDate(input.date, 'date') : ctx.today;
  return ctx.db.transaction(async (db) => {
    const rows = await db.query<{ id: number }>(
      `insert into remittances (agency_id, mandate_id, month, amount_cents, remitted_on, reference, recorded_by)
       values ($1, $2, $3, $4, $5, $6, $7) on conflict (agency_id, mandate_id, month) do nothing returning id`,
      [agency.id, mandate.id, input.month, cents, on, input.reference, ctx.actor],
    );
    if (rows.length === 0)
      throw new AppError('DUPLICATE', `month: ${input.month} was already remitted for ${mandate.reference}`, {
        field: 'month',
        value: input.month,
      });
    await appendRegisterEntries({ ...ctx, db }, mandate.creditor_id, [
      {
        action: 'agency.remitted',
        subjectType: 'mandate',
        subjectId: mandate.id,
        data: {
          agency: agency.vat_number,
          mandate: mandate.reference,
          month: input.month,
          amountCents: cents,
          on,
        },
      },
    ]);
    return {
      id: rows[0]!.id,
      mandate: mandate.reference,
      month: input.month,
      amount: formatAmount(cents, 'EUR'),
      date: on,
    };
  });
}

/** The trust account of a mandate since it started: collected, commission, fees, remitted, held. */
export async function trustAccount(
  ctx: TContext,
  input: { agency?: string | null; mandate: string; date?: string | null },
) {
  const { mandate } = await resolveMandate(ctx.db, input.agency, input.mandate);
  const to = input.date ? parseDate(input.date, 'date') : ctx.today;
  const lines = await collectionLines(ctx.db, mandate, '1900-01-01', to);
  const collected = sumCents(lines.map((l) => l.cents.collected));
  const commission = sumCents(lines.map((l) => l.cents.commission));
  const fees = await feesCents(ctx.db, mandate, '1900-01-01', to);
  const remitted = await remittedCents(ctx.db, mandate, null, null);
  const f = (c: number) => formatAmount(c, 'EUR');
  return {
    mandate: mandate.reference,
    client: { name: mandate.creditor_name, vatNumber: mandate.creditor_vat },
    date: to,
    collected: f(collected),
    commission: f(commission),
    fixedFees: f(fees),
    remitted: f(remitted),
    held: f(collected - commission - fees - remitted),
  };
}
