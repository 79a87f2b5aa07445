import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { normaliseExternalScore } from '../../core/insight/risk-score.ts';
import { parseDate } from '../../core/shared/calendar-date.ts';
import { AppError, invalid } from '../../core/shared/errors.ts';
import { findDebtorsByIdentifiers, upsertExternalRatings } from '../../db/queries/risk.ts';
import { appendRegisterEntries } from '../register/append-register-entries.ts';
import type { TContext } from '../shared/context.ts';
import { parseInput } from '../shared/parse-input.ts';

/**
 * One line of a commercial-information provider's export, as columns of a CSV with a header:
 *   debtor            VAT number (IT prefix optional) or codice fiscale
 *   provider          e.g. Cerved, CRIF
 *   rated_on          YYYY-MM-DD
 *   rating            the provider's own label, kept as is (A1, B2, 7, ...)
 *   score             the provider's number, on its own scale
 *   scale_min / scale_max / higher_is_better
 *                     that scale (default 0, 100, true); the score is normalised to 0-100,
 *                     100 = lowest risk, and blended with the internal score (risk-score.ts)
 */
const decimal = z
  .string()
  .trim()
  .regex(/^-?\d+(\.\d+)?$/, 'is not a number like 72 or 7.5');
const ZRatingLine = z.object({
  debtor: z.string().trim().min(1),
  provider: z.string().trim().min(1),
  rated_on: z.string().trim(),
  rating: z.string().trim().min(1),
  score: decimal,
  scale_min: decimal.default('0'),
  scale_max: decimal.default('100'),
  higher_is_better: z.enum(['true', 'false', 'yes', 'no', '1', '0']).default('true'),
});

/** Most files from a provider cover one portfolio; larger ones are split rather than held in memory. */
export const MAX_RATING_LINES = 200_000;

export type TImportRatingsResult = { lines: number; inserted: number; updated: number; unchanged: number };

/**
 * Imports external ratings for one creditor's debtors, all lines or none: a line naming an
 * unknown debtor or a score outside its scale refuses the file, naming the line and the field.
 */
export async function importExternalRatings(
  ctx: TContext,
  p: { creditorId: number; csv: string; source: string },
): Promise<TImportRatingsResult> {
  let records: Record<string, string>[];
  try {
    records = parse(p.csv, {
      columns: (h: string[]) => h.map((x) => x.trim().toLowerCase()),
      skip_empty_lines: true,
      bom: true,
      trim: true,
    });
  } catch (error) {
    throw invalid('csv', p.source, `is not a readable CSV: ${(error as Error).message}`);
  }
  if (records.length === 0) throw invalid('csv', p.source, 'has no rating lines');
  if (records.length > MAX_RATING_LINES)
    throw invalid('csv', records.length, `has more than ${MAX_RATING_LINES} lines`);
  const lines = records.map((record, i) => {
    const line = `line ${i + 2}`; // the header is line 1
    const r = parseInput(
      ZRatingLine,
      Object.fromEntries(Object.entries(record).filter(([, v]) => v !== '')),
      line,
    );
    const isHigherBetter = ['true', 'yes', '1'].includes(r.higher_is_better);
    let score: number;
    try {
      score = normaliseExternalScore(
        Number(r.score),
        Number(r.scale_min),
        Number(r.scale_max),
        isHigherBetter,
      );
    } catch (error) {
      throw error instanceof AppError ? invalid(`${line}.score`, r.score, error.message) : error;
    }
    return {
      line,
      identifier: r.debtor.replace(/[\s.\-/]/g, '').toUpperCase(),
      provider: r.provider,
      ratedOn: parseDate(r.rated_on, `${line}.rated_on`),
      rating: r.rating,
      rawScore: r.score,
      scaleMin: r.scale_min,
      scaleMax: r.scale_max,
      isHigherBetter,
      score,
    };
  });
  const seen = new Map<string, string>();
  for (const l of lines) {
    const key = `${l.identifier}|${l.provider}|${l.ratedOn}`;
    const first = seen.get(key);
    if (first)
      throw invalid(
        `${l.line}.debtor`,
        l.identifier,
        `repeats ${first} (same debtor, provider and rated_on)`,
      );
    seen.set(key, l.line);
  }
  return ctx.db.transaction(async (db) => {
    const debtors = await findDebtorsByIdentifiers(db, p.creditorId, [
      ...new Set(lines.map((l) => l.identifier)),
    ]);
    const byIdentifier = new Map<string, number>();
    for (const d of debtors) {
      if (d.fiscal_code) byIdentifier.set(d.fiscal_code, d.id);
      if (d.vat_number) {
        byIdentifier.set(d.vat_number, d.id);
        byIdentifier.set(d.vat_number.replace(/^IT/, ''), d.id);
      }
    }
    const rows = lines.map((l) => {
      const debtorId = byIdentifier.get(l.identifier);
      if (debtorId === undefined) {
        throw new AppError(
          'NOT_FOUND',
          `${l.line}.debtor: "${l.identifier}" is not a debtor of this creditor`,
          {
            field: `${l.line}.debtor`,
            value: l.identifier,
          },
        );
      }
      return { ...l, debtorId };
    });
    const counts = await upsertExternalRatings(db, p.creditorId, rows, {
      source: p.source,
      importedBy: ctx.actor,
      importedAt: ctx.now,
    });
    const result = {
      lines: rows.length,
      ...counts,
      unchanged: rows.length - counts.inserted - counts.updated,
    };
    await appendRegisterEntries({ ...ctx, db }, p.creditorId, [
      {
        action: 'risk.ratings-imported',
        subjectType: 'creditor',
        subjectId: p.creditorId,
        data: { source: p.source, ...result },
      },
    ]);
    return result;
  });
}
