import { AppError } from '../../core/shared/errors.ts';
import { formatAmount } from '../../core/shared/money.ts';
import { listSpecialists } from '../../db/queries/agency.ts';
import type { TContext } from '../shared/context.ts';
import { resolveAgency } from './resolve-agency.ts';

export type TWorklistCase = {
  caseId: number;
  mandate: string;
  client: { name: string; vatNumber: string };
  debtor: {
    name: string;
    vatNumber: string | null;
    fiscalCode: string | null;
    language: string;
    country: string;
  };
  takenOn: string;
  outstanding: string;
  openTasks: number;
  lastProgress: { date: string; stage: string } | null;
};

/**
 * A credit specialist's worklist: the open cases of every mandate assigned to them, largest
 * amount first. Each case is read through its own client's rows (creditor_id), never another's.
 */
export async function specialistWorklist(
  ctx: TContext,
  input: { agency?: string | null; specialist: string },
): Promise<{ specialist: { id: number; name: string }; cases: TWorklistCase[] }> {
  const agency = await resolveAgency(ctx.db, input.agency);
  const specialist = (await listSpecialists(ctx.db, agency.id)).find(
    (s) => s.name === input.specialist || String(s.id) === input.specialist,
  );
  if (!specialist)
    throw new AppError('NOT_FOUND', `specialist: "${input.specialist}" is not a specialist`, {
      field: 'specialist',
      value: input.specialist,
    });
  const rows = await ctx.db.query<{
    case_id: number;
    reference: string;
    client_name: string;
    client_vat: string;
    debtor_name: string;
    vat_number: string | null;
    fiscal_code: string | null;
    language: string;
    country: string;
    taken_on: string;
    outstanding_cents: number;
    open_tasks: number;
    last_stage: string | null;
    last_date: string | null;
  }>(
    `select mc.case_id, m.reference, cr.name as client_name, cr.vat_number as client_vat,
            d.name as debtor_name, d.vat_number, d.fiscal_code, d.language, d.country, mc.taken_on,
            coalesce((select sum(t.amount_cents - coalesce((select sum(al.amount_cents) from allocations al
                                                            where al.creditor_id = t.creditor_id and al.instalment_id = t.id), 0))
                      from case_instalments ci join instalments t on t.creditor_id = ci.creditor_id and t.id = ci.instalment_id
                      where ci.creditor_id = c.creditor_id and ci.case_id = c.id), 0)::int8 as outstanding_cents,
            (select count(*) from collection_tasks k where k.creditor_id = c.creditor_id and k.case_id = c.id and k.status = 'open')::int8 as open_tasks,
            p.stage as last_stage, p.recorded_on as last_date
     from mandate_cases mc
     join mandates m on m.agency_id = mc.agency_id and m.id = mc.mandate_id
     join creditors cr on cr.id = m.creditor_id
     join collection_cases c on c.creditor_id = mc.creditor_id and c.id = mc.case_id
     join debtors d on d.creditor_id = c.creditor_id and d.id = c.debtor_id
     left join lateral (select stage, recorded_on from case_progress cp
                        where cp.creditor_id = c.creditor_id and cp.case_id = c.id
                        order by recorded_on desc, id desc limit 1) p on true
     where mc.agency_id = $1 and mc.specialist_id = $2 and c.status = 'open' and m.creditor_id = mc.creditor_id
     order by outstanding_cents desc, mc.case_id`,
    [agency.id, specialist.id],
  );
  return {
    specialist: { id: specialist.id, name: specialist.name },
    cases: rows.map((r) => ({
      caseId: r.case_id,
      mandate: r.reference,
      client: { name: r.client_name, vatNumber: r.client_vat },
      debtor: {
        name: r.debtor_name,
        vatNumber: r.vat_number,
        fiscalCode: r.fiscal_code,
        language: r.language,
        country: r.country,
      },
      takenOn: r.taken_on,
      outstanding: formatAmount(r.outstanding_cents, 'EUR'),
      openTasks: r.open_tasks,
      lastProgress: r.last_stage ? { date: r.last_date!, stage: r.last_stage } : null,
    })),
  };
}
