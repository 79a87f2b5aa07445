import { z } from 'zod';
import { formatRatePercent, parseRatePercent } from '../../core/interest/rate.ts';
import { COMMERCIAL_MARGIN_PPM, checkRateRow } from '../../core/interest/rate-table.ts';
import { parseDate } from '../../core/shared/calendar-date.ts';
import { AppError, invalid } from '../../core/shared/errors.ts';
import { lockInterestRate, upsertInterestRate } from '../../db/queries/interest.ts';
import type { TContext } from '../shared/context.ts';
import { parseInput } from '../shared/parse-input.ts';
import { type TRateView, toRateRow, toRateView } from './rate-table.ts';

export const ZAddRate = z.object({
  kind: z.enum(['commercial', 'legal']),
  from: z.string(),
  ecbRate: z.union([z.string(), z.number()]).nullish(),
  rate: z.union([z.string(), z.number()]).nullish(),
  source: z.string().trim().min(1),
  isVerified: z.boolean().default(true),
});

export type TAddRate = z.input<typeof ZAddRate>;

export type TAddRateResult = TRateView & { status: 'added' | 'confirmed' | 'replaced' | 'unchanged' };

/**
 * Adds the rate of a semester (commercial) or year (legal) with its Gazzetta Ufficiale source,
 * without a release. A verified row is never overwritten (rates are law: a wrong verified row is
 * a matter for a migration, reviewed); an unverified row is replaced and kept in `replaced`.
 * Rates are global, not tenant data: no tenant register row, `added_by`/`added_at` record who.
 */
export async function addRate(ctx: TContext, raw: TAddRate): Promise<TAddRateResult> {
  const input = parseInput(ZAddRate, raw);
  const periodStart = parseDate(input.from, 'from');
  let referencePpm: number | null = null;
  let ratePpm: number;
  if (input.kind === 'commercial') {
    if (input.ecbRate === undefined || input.ecbRate === null) {
      throw invalid('ecbRate', null, 'is required for a commercial rate (the ECB main refinancing rate)');
    }
    referencePpm = parseRatePercent(input.ecbRate, 'ecbRate', { allowNegative: true });
    ratePpm = referencePpm + COMMERCIAL_MARGIN_PPM;
    if (input.rate !== undefined && input.rate !== null && parseRatePercent(input.rate, 'rate') !== ratePpm) {
      throw invalid('rate', input.rate, `is not the ECB rate ${formatRatePercent(referencePpm)} + 8 points`);
    }
  } else {
    if (input.ecbRate !== undefined && input.ecbRate !== null) {
      throw invalid('ecbRate', input.ecbRate, 'does not apply to the legal rate: give --rate');
    }
    if (input.rate === undefined || input.rate === null)
      throw invalid('rate', null, 'is required for a legal rate');
    ratePpm = parseRatePercent(input.rate, 'rate');
  }
  checkRateRow({
    kind: input.kind,
    periodStart,
    referencePpm,
    ratePpm,
    source: input.source,
    isVerified: input.isVerified,
  });

  return ctx.db.transaction(async (db) => {
    const existing = await lockInterestRate(db, input.kind, periodStart);
    if (existing) {
      const current = toRateRow(existing);
      const isSame = current.ratePpm === ratePpm && existing.source === input.source;
      if (existing.is_verified && isSame && input.isVerified)
        return { ...toRateView(existing), status: 'unchanged' };
      if (existing.is_verified) {
        throw new AppError(
          'CONFLICT',
          `from: "${periodStart}" already has a verified ${input.kind} rate of ${formatRatePercent(current.ratePpm)} % (${existing.source}); a verified rate is never overwritten`,
          { field: 'from', value: periodStart },
        );
      }
    }
    const row = await upsertInterestRate(
      db,
      {
        kind: input.kind,
        periodStart,
        referenceRate: referencePpm === null ? null : formatRatePercent(referencePpm),
        rate: formatRatePercent(ratePpm),
        source: input.source,
        isVerified: input.isVerified,
        addedBy: ctx.actor,
        addedAt: ctx.now,
      },
      existing ?? null,
    );
    return { ...toRateView(row), status: existing ? (input.isVerified ? 'confirmed' : 'replaced') : 'added' };
  });
}
