import { parseDate } from '../../core/shared/calendar-date.ts';
import { formatAmount } from '../../core/shared/money.ts';
import type { TContext } from '../shared/context.ts';
import { resolveAgency } from './resolve-agency.ts';

export type TOperationsRegister = {
  agency: { name: string; vatNumber: string; licence: string };
  from: string;
  to: string;
  operations: Array<{
    n: number;
    date: string;
    operation: 'case-taken' | 'collection' | 'remittance' | 'progress' | 'legal-stage' | 'case-closed';
    mandate: string;
    client: string;
    debtor: string;
    caseId: number | null;
    amount: string | null;
    detail: string;
  }>;
};

/**
 * The register of operations an agency licensed under art. 115 TULPS keeps: every case taken,
 * every amount collected, every remittance to a client, the agency's progress and legal stages
 * and the closing of its cases, in date order and numbered. Derived from the records themselves,
 * so it cannot disagree with them.
 */
export async function operationsRegister(
  ctx: TContext,
  input: { agency?: string | null; from: string; to: string },
): Promise<TOperationsRegister> {
  const agency = await resolveAgency(ctx.db, input.agency);
  const from = parseDate(input.from, 'from');
  const to = parseDate(input.to, 'to');
  const rows = await ctx.db.query<{
    date: string;
    operation: TOperationsRegister['operations'][number]['operation'];
    mandate: string;
    client: string;
    debtor: string;
    case_id: number | null;
    amount_cents: number | null;
    detail: string;
  }>(
    `with mc as (
       select mc.*, m.reference, cr.name as client, d.name as debtor
       from mandate_cases mc
       join mandates m on m.agency_id = mc.agency_id and m.id = mc.mandate_id
       join creditors cr on cr.id = m.creditor_id
       join collection_cases c on c.creditor_id = mc.creditor_id and c.id = mc.case_id
       join debtors d on d.creditor_id = c.creditor_id and d.id = c.debtor_id
       where mc.agency_id = $1)
     select taken_on as date, 'case-taken' as operation, reference as mandate, client, debtor, case_id,
            null::int8 as amount_cents, 'case taken under the mandate' as detail from mc
     union all
     select p.value_date, 'collection', mc.reference, mc.client, mc.debtor, mc.case_id, sum(a.amount_cents)::int8,
            'payment ' || p.id || coalesce(' ' || p.reference, '')
     from mc join case_instalments ci on ci.creditor_id = mc.creditor_id and ci.case_id = mc.case_id
     join allocations a on a.creditor_id = ci.creditor_id and a.instalment_id = ci.instalment_id and a.payment_id is not null
     join payments p on p.creditor_id = a.creditor_id and p.id = a.payment_id and p.value_date >= mc.taken_on
     group by p.value_date, mc.reference, mc.client, mc.debtor, mc.case_id, p.id, p.reference
     union all
     select r.remitted_on, 'remittance', m.reference, cr.name, '', null, r.amount_cents, 'month ' || r.month || ' ' || r.reference
     from remittances r join mandates m on m.agency_id = r.agency_id and m.id = r.mandate_id join creditors cr on cr.id = m.creditor_id
     where r.agency_id = $1
     union all
     select cp.recorded_on, 'progress', mc.reference, mc.client, mc.debtor, mc.case_id, cp.amount_cents, cp.stage || ' ' || cp.note
     from mc join case_progress cp on cp.creditor_id = mc.creditor_id and cp.case_id = mc.case_id
     union all
     select ls.happened_on, 'legal-stage', mc.reference, mc.client, mc.debtor, mc.case_id, null, ls.stage || ' ' || ls.reference
     from mc join legal_stages ls on ls.creditor_id = mc.creditor_id and ls.case_id = mc.case_id
     union all
     select o.closed_on, 'case-closed', mc.reference, mc.client, mc.debtor, mc.case_id, o.written_off_cents, o.outcome || ' (written off)'
     from mc join case_outcomes o on o.creditor_id = mc.creditor_id and o.case_id = mc.case_id
     order by 1, 2, 6`,
    [agency.id],
  );
  const operations = rows
    .filter((r) => r.date >= from && r.date <= to)
    .map((r, i) => ({
      n: i + 1,
      date: r.date,
      operation: r.operation,
      mandate: r.mandate,
      client: r.client,
      debtor: r.debtor,
      caseId: r.case_id,
      amount: r.amount_cents === null ? null : formatAmount(r.amount_cents, 'EUR'),
      detail: r.detail.trim(),
    }));
  return {
    agency: { name: agency.name, vatNumber: agency.vat_number, licence: agency.licence },
    from,
    to,
    operations,
  };
}
