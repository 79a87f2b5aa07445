import { z } from 'zod';
import { formatRatePercent, parseRatePercent } from '../../core/interest/rate.ts';
import { parseVatNumber } from '../../core/ledger/tax-identifiers.ts';
import { parseDate } from '../../core/shared/calendar-date.ts';
import { AppError, invalid } from '../../core/shared/errors.ts';
import { formatAmount, parseAmount } from '../../core/shared/money.ts';
import {
  insertAgency,
  insertMandate,
  insertPartnerOffice,
  insertSpecialist,
  insertSpecialistRule,
  listMandates,
  listSpecialists,
  type TMandateRow,
} from '../../db/queries/agency.ts';
import { resolveCreditorId } from '../collection/resolve-creditor.ts';
import type { TContext } from '../shared/context.ts';
import { parseInput } from '../shared/parse-input.ts';
import { resolveAgency } from './resolve-agency.ts';

/** Agency set-up: the agency, its client mandates, its credit specialists and assignment rules. */

export const ZAddAgency = z.object({
  name: z.string().trim().min(1),
  vatNumber: z.string(),
  licence: z.string().default(''),
});

export async function addAgency(ctx: TContext, raw: z.input<typeof ZAddAgency>) {
  const input = parseInput(ZAddAgency, raw);
  const vat = parseVatNumber(input.vatNumber, 'vatNumber').full;
  const row = await insertAgency(ctx.db, { name: input.name, vatNumber: vat, licence: input.licence });
  if (!row)
    throw new AppError('DUPLICATE', `vatNumber: "${vat}" is already an agency`, {
      field: 'vatNumber',
      value: vat,
    });
  return { id: row.id, name: row.name, vatNumber: row.vat_number, licence: row.licence };
}

export const ZAddMandate = z.object({
  agency: z.string().nullish(),
  creditor: z.string(),
  reference: z.string().trim().min(1),
  /** Percentage of what is collected, as exact decimal text ("12.50"). */
  commissionRate: z.union([z.string(), z.number()]),
  /** Charged once per case the agency takes. */
  fixedFee: z.union([z.string(), z.number()]).default('0'),
  policy: z.string().nullish(),
  startsOn: z.string(),
  endsOn: z.string().nullish(),
});

export type TMandateView = {
  id: number;
  reference: string;
  client: { id: number; name: string; vatNumber: string };
  commissionRate: string;
  fixedFee: string;
  policy: string | null;
  startsOn: string;
  endsOn: string | null;
};

export function mandateView(m: TMandateRow): TMandateView {
  return {
    id: m.id,
    reference: m.reference,
    client: { id: m.creditor_id, name: m.creditor_name, vatNumber: m.creditor_vat },
    commissionRate: formatRatePercent(parseRatePercent(m.commission_rate)),
    fixedFee: formatAmount(m.fixed_fee_cents, 'EUR'),
    policy: m.policy_key,
    startsOn: m.starts_on,
    endsOn: m.ends_on,
  };
}

export async function addMandate(ctx: TContext, raw: z.input<typeof ZAddMandate>): Promise<TMandateView> {
  const input = parseInput(ZAddMandate, raw);
  const agency = await resolveAgency(ctx.db, input.agency);
  const creditorId = await resolveCreditorId(ctx.db, input.creditor);
  const rate = parseRatePercent(input.commissionRate, 'commissionRate');
  if (rate > 1_000_000) throw invalid('commissionRate', input.commissionRate, 'is more than 100 %');
  const startsOn = parseDate(input.startsOn, 'startsOn');
  const endsOn = input.endsOn ? parseDate(input.endsOn, 'endsOn') : null;
  if (endsOn && endsOn < startsOn) throw invalid('endsOn', endsOn, `is before startsOn (${startsOn})`);
  const id = await insertMandate(ctx.db, agency.id, {
    creditorId,
    reference: input.reference,
    commissionRate: formatRatePercent(rate),
    fixedFeeCents: parseAmount(input.fixedFee, 'fixedFee', 'EUR', { allowZero: true }),
    policyKey: input.policy ?? null,
    startsOn,
    endsOn,
  });
  if (id === null)
    throw new AppError('DUPLICATE', `reference: "${input.reference}" is already a mandate`, {
      field: 'reference',
      value: input.reference,
    });
  return mandateView((await listMandates(ctx.db, agency.id)).find((m) => m.id === id)!);
}

export const ZAddSpecialist = z.object({
  agency: z.string().nullish(),
  name: z.string().trim().min(1),
  email: z.string().nullish(),
  languages: z
    .array(z.string().regex(/^[a-z]{2}$/))
    .min(1)
    .default(['it']),
  regions: z.array(z.string().regex(/^[A-Z]{2}$/)).default([]),
  maxOpenCases: z.number().int().positive().nullish(),
});

export async function addSpecialist(ctx: TContext, raw: z.input<typeof ZAddSpecialist>) {
  const input = parseInput(ZAddSpecialist, raw);
  const agency = await resolveAgency(ctx.db, input.agency);
  const id = await insertSpecialist(ctx.db, agency.id, {
    name: input.name,
    email: input.email ?? null,
    languages: input.languages,
    regions: input.regions,
    maxOpenCases: input.maxOpenCases ?? null,
  });
  if (id === null)
    throw new AppError('DUPLICATE', `name: "${input.name}" is already a specialist`, {
      field: 'name',
      value: input.name,
    });
  return specialistViews(ctx, agency.id).then((all) => all.find((s) => s.id === id)!);
}

export async function specialistViews(ctx: TContext, agencyId: number) {
  return (await listSpecialists(ctx.db, agencyId)).map((s) => ({
    id: s.id,
    name: s.name,
    email: s.email,
    languages: s.languages,
    regions: s.regions,
    maxOpenCases: s.max_open_cases,
    isActive: s.is_active,
    openCases: s.open_cases,
  }));
}

export const ZAddSpecialistRule = z.object({
  agency: z.string().nullish(),
  specialist: z.string().trim().min(1),
  mandate: z.string().nullish(),
  minAmount: z.union([z.string(), z.number()]).nullish(),
  maxAmount: z.union([z.string(), z.number()]).nullish(),
  regions: z
    .array(z.string().regex(/^[A-Z]{2}$/))
    .min(1)
    .nullish(),
  languages: z
    .array(z.string().regex(/^[a-z]{2}$/))
    .min(1)
    .nullish(),
});

export async function addSpecialistRule(ctx: TContext, raw: z.input<typeof ZAddSpecialistRule>) {
  const input = parseInput(ZAddSpecialistRule, raw);
  const agency = await resolveAgency(ctx.db, input.agency);
  const specialist = (await listSpecialists(ctx.db, agency.id)).find(
    (s) => s.name === input.specialist || String(s.id) === input.specialist,
  );
  if (!specialist)
    throw new AppError('NOT_FOUND', `specialist: "${input.specialist}" is not a specialist`, {
      field: 'specialist',
      value: input.specialist,
    });
  const mandate = input.mandate
    ? (await listMandates(ctx.db, agency.id)).find(
        (m) => m.reference === input.mandate || String(m.id) === input.mandate,
      )
    : null;
  if (input.mandate && !mandate)
    throw new AppError('NOT_FOUND', `mandate: "${input.mandate}" is not a mandate`, {
      field: 'mandate',
      value: input.mandate,
    });
  const cents = (v: string | number | null | undefined, field: string) =>
    v === null || v === undefined ? null : parseAmount(v, field, 'EUR', { allowZero: true });
  const position = await insertSpecialistRule(ctx.db, agency.id, {
    specialist_id: specialist.id,
    mandate_id: mandate?.id ?? null,
    min_cents: cents(input.minAmount, 'minAmount'),
    max_cents: cents(input.maxAmount, 'maxAmount'),
    regions: input.regions ?? null,
    languages: input.languages ?? null,
  });
  return { position, specialist: specialist.name, mandate: mandate?.reference ?? null };
}

export const ZAddPartnerOffice = z.object({
  agency: z.string().nullish(),
  name: z.string().trim().min(1),
  countries: z.array(z.string().regex(/^[A-Z]{2}$/)).min(1),
  email: z.string().nullish(),
});

/** An office abroad that follows the agency's debtors of some countries (seed 002). */
export async function addPartnerOffice(ctx: TContext, raw: z.input<typeof ZAddPartnerOffice>) {
  const input = parseInput(ZAddPartnerOffice, raw);
  const agency = await resolveAgency(ctx.db, input.agency);
  const row = await insertPartnerOffice(ctx.db, agency.id, {
    name: input.name,
    countries: input.countries,
    email: input.email ?? null,
  });
  if (!row)
    throw new AppError('DUPLICATE', `name: "${input.name}" is already a partner office`, {
      field: 'name',
      value: input.name,
    });
  return row;
}
