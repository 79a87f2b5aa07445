import { z } from 'zod';
import { chooseSpecialist } from '../../core/agency/specialist-assignment.ts';
import { parseDate } from '../../core/shared/calendar-date.ts';
import { AppError } from '../../core/shared/errors.ts';
import { formatAmount } from '../../core/shared/money.ts';
import {
  insertMandateCase,
  intakeCandidates,
  listPartnerOffices,
  listSpecialistRules,
  listSpecialists,
} from '../../db/queries/agency.ts';
import { appendRegisterEntries } from '../register/append-register-entries.ts';
import type { TContext } from '../shared/context.ts';
import { parseInput } from '../shared/parse-input.ts';
import { resolveAgency, resolveMandate } from './resolve-agency.ts';

export const ZTakeCases = z.object({
  agency: z.string().nullish(),
  mandate: z.string(),
  date: z.string().nullish(),
});

export type TTakenCase = {
  caseId: number;
  outstanding: string;
  specialist: string | null;
  reason: string;
  fixedFee: string;
  country: string;
  language: string;
  partnerOffice: string | null;
};

/**
 * The agency takes under a mandate every case its client handed over within the mandate's dates
 * and that no mandate holds yet, and gives each a credit specialist by the rules (client, amount,
 * region, language) or by workload. Exactly once per case (a case belongs to one mandate, ever);
 * each taking is written in the client's register.
 */
export async function takeCases(ctx: TContext, raw: z.input<typeof ZTakeCases>): Promise<TTakenCase[]> {
  const input = parseInput(ZTakeCases, raw);
  const { agency, mandate } = await resolveMandate(ctx.db, input.agency, input.mandate);
  const on = input.date ? parseDate(input.date, 'date') : ctx.today;
  if (on < mandate.starts_on || (mandate.ends_on && on > mandate.ends_on))
    throw new AppError('CONFLICT', `mandate: ${mandate.reference} is not in force on ${on}`, {
      field: 'mandate',
      value: mandate.reference,
    });
  return ctx.db.transaction(async (db) => {
    const tx: TContext = { ...ctx, db };
    const rules = (await listSpecialistRules(db, agency.id)).map((r) => ({
      position: r.position,
      specialistId: r.specialist_id,
      mandateId: r.mandate_id,
      minCents: r.min_cents,
      maxCents: r.max_cents,
      regions: r.regions,
      languages: r.languages,
    }));
    const specialistRows = await listSpecialists(db, agency.id);
    const facts = specialistRows.map((s) => ({
      id: s.id,
      languages: s.languages,
      isActive: s.is_active,
      maxOpenCases: s.max_open_cases,
      openCases: s.open_cases,
    }));
    // Seed 002: foreign debtors are followed with a partner office in their country.
    const offices = await listPartnerOffices(db, agency.id);
    const taken: TTakenCase[] = [];
    for (const c of await intakeCandidates(db, mandate)) {
      const choice = chooseSpecialist(
        { mandateId: mandate.id, amountCents: c.outstanding_cents, regions: c.regions, language: c.language },
        rules,
        facts,
      );
      const office =
        c.country === 'IT' ? null : (offices.find((o) => o.countries.includes(c.country)) ?? null);
      const isNew = await insertMandateCase(db, mandate, {
        partnerOfficeId: office?.id ?? null,
        caseId: c.case_id,
        takenOn: on,
        specialistId: choice?.specialistId ?? null,
        fixedFeeCents: mandate.fixed_fee_cents,
      });
      if (!isNew) continue;
      const specialist = specialistRows.find((s) => s.id === choice?.specialistId) ?? null;
      if (choice) facts.find((f) => f.id === choice.specialistId)!.openCases += 1;
      await db.query(
        'update collection_cases set assignee = $3, handed_over_to = $4 where creditor_id = $1 and id = $2',
        [mandate.creditor_id, c.case_id, specialist?.name ?? null, agency.name],
      );
      await appendRegisterEntries(tx, mandate.creditor_id, [
        {
          action: 'case.taken-by-agency',
          subjectType: 'case',
          subjectId: c.case_id,
          debtorId: c.debtor_id,
          reason: choice?.reason ?? 'no specialist available',
          data: {
            agency: agency.vat_number,
            mandate: mandate.reference,
            takenOn: on,
            specialist: specialist?.name ?? null,
            outstandingCents: c.outstanding_cents,
            fixedFeeCents: mandate.fixed_fee_cents,
            partnerOffice: office?.name ?? null,
          },
        },
      ]);
      taken.push({
        caseId: c.case_id,
        outstanding: formatAmount(c.outstanding_cents, 'EUR'),
        specialist: specialist?.name ?? null,
        reason: choice?.reason ?? 'no specialist available',
        fixedFee: formatAmount(mandate.fixed_fee_cents, 'EUR'),
        country: c.country,
        language: c.language,
        partnerOffice: office?.name ?? null,
      });
    }
    return taken;
  });
}

export const ZReassignCase = z.object({
  agency: z.string().nullish(),
  caseId: z.number().int().positive(),
  /** A client's case ids repeat across clients: the mandate says whose. */
  mandate: z.string(),
  to: z.string().trim().min(1),
  reason: z.string().default(''),
});

/** Gives a case to another specialist (holidays, workload, language), in the client's register. */
export async function reassignCase(ctx: TContext, raw: z.input<typeof ZReassignCase>) {
  const input = parseInput(ZReassignCase, raw);
  const agency = await resolveAgency(ctx.db, input.agency);
  const { mandate } = await resolveMandate(ctx.db, agency.vat_number, input.mandate);
  const target = (await listSpecialists(ctx.db, agency.id)).find(
    (s) => s.name === input.to || String(s.id) === input.to,
  );
  if (!target?.is_active)
    throw new AppError('NOT_FOUND', `to: "${input.to}" is not an active specialist`, {
      field: 'to',
      value: input.to,
    });
  return ctx.db.transaction(async (db) => {
    const [row] = await db.query<{ specialist_id: number | null; debtor_id: number }>(
      `select mc.specialist_id, c.debtor_id from mandate_cases mc
       join collection_cases c on c.creditor_id = mc.creditor_id and c.id = mc.case_id
       where mc.agency_id = $1 and mc.mandate_id = $2 and mc.case_id = $3 for update of mc`,
      [agency.id, mandate.id, input.caseId],
    );
    if (!row)
      throw new AppError('NOT_FOUND', `case: ${input.caseId} is not a case of mandate ${mandate.reference}`, {
        field: 'case',
        value: input.caseId,
      });
    await db.query(
      'update mandate_cases set specialist_id = $4 where agency_id = $1 and mandate_id = $2 and case_id = $3',
      [agency.id, mandate.id, input.caseId, target.id],
    );
    await db.query('update collection_cases set assignee = $3 where creditor_id = $1 and id = $2', [
      mandate.creditor_id,
      input.caseId,
      target.name,
    ]);
    await appendRegisterEntries({ ...ctx, db }, mandate.creditor_id, [
      {
        action: 'case.reassigned',
        subjectType: 'case',
        subjectId: input.caseId,
        debtorId: row.debtor_id,
        reason: input.reason || null,
        data: { fromSpecialistId: row.specialist_id, toSpecialist: target.name, mandate: mandate.reference },
      },
    ]);
    return { caseId: input.caseId, mandate: mandate.reference, specialist: target.name };
  });
}
