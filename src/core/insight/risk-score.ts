import { invalid } from '../shared/errors.ts';
import type { TCents } from '../shared/money.ts';
import type { TBehaviourAggregates } from './payment-behaviour.ts';
import { roundedRatio } from './ratio.ts';

/** Seed 003: judge customers before giving credit. */
export const RISK_CLASSES = ['healthy', 'under-observation', 'to-avoid'] as const;
export type TRiskClass = (typeof RISK_CLASSES)[number];

export type TRiskThresholds = {
  /** A score at or above this is "healthy". */
  healthyFromScore: number;
  /** A score below this is "to avoid"; in between is "under observation". */
  toAvoidBelowScore: number;
};

export type TExternalRating = {
  provider: string;
  rating: string;
  /** The provider's score normalised to 0-100, 100 the lowest risk. */
  score: number;
  ratedOn: string;
};

export type TRiskInputs = {
  behaviour: TBehaviourAggregates;
  creditLimitCents: TCents | null;
  /** null when promises are not recorded (the collection engine is not installed). */
  brokenPromises: number | null;
  openDisputes: number | null;
  /** The latest external rating still current, if any. */
  external: TExternalRating | null;
};

export type TRiskSettings = TRiskThresholds & {
  /** Weight of the external rating in the combined score, in percent (0 = ignore it). */
  externalWeightPercent: number;
};

export type TScoreFactor = {
  key: string;
  label: string;
  /** The measure, in the unit the label names; null when it cannot be measured. */
  value: number | null;
  /** What it did to the score: 0 or negative, except the external rating, which may add. */
  points: number;
};

export type TRiskAssessment = {
  /** From the debtor's own history only. */
  internalScore: number;
  /** Internal combined with the external rating: the score that decides the class. */
  score: number;
  class: TRiskClass;
  hasHistory: boolean;
  isOverLimit: boolean;
  factors: TScoreFactor[];
};

/**
 * The score (0-100, 100 best) starts at 100 and loses points for each factor; every factor is
 * returned with its measure and its points so a credit manager can see why.
 *
 *   average days beyond terms (12 m)      -round(avg / 4),        at most 15 (60 days = 15)
 *   amount-weighted days beyond terms     -round(weighted / 3),   at most 25 (75 days = 25)
 *   share of instalments paid late (12 m) -round(share x 20),     at most 20 (all late = 20)
 *   trend: weighted days, last 6 months
 *     minus the 6 months before           -round(increase / 3),   0 to 10 (improving costs nothing)
 *   open exposure / credit limit          0 up to 80 %, -5 up to 100 %, -15 over the limit
 *   broken promises (12 m)                -5 each,                at most 15
 *   open disputes                         -5 each,                at most 10
 *
 * Lateness is measured with integers and rounded once (roundedRatio), so the same history gives
 * the same score on every engine. With an external rating rated in the last 12 months:
 *
 *   score = round((internal x (100 - w) + external x w) / 100),  w = externalWeightPercent
 *
 * and, for a debtor with no instalment due in the last 12 months (no own history), the external
 * score alone. The class follows from the score and the creditor's thresholds.
 */
export const SCORE_CAPS = {
  averageDays: 15,
  weightedDays: 25,
  shareLate: 20,
  trend: 10,
  overLimit: 15,
  nearLimit: 5,
  brokenPromises: 15,
  openDisputes: 10,
} as const;
/** Above this share of the credit limit a debtor is close to it. */
export const NEAR_LIMIT_PERCENT = 80;
const POINTS_PER_EVENT = 5;

export function validateRiskSettings(s: TRiskSettings, field = 'risk'): TRiskSettings {
  const isScore = (n: number) => Number.isInteger(n) && n >= 0 && n <= 100;
  if (!isScore(s.healthyFromScore))
    throw invalid(`${field}.healthyFromScore`, s.healthyFromScore, 'must be 0 to 100');
  if (!isScore(s.toAvoidBelowScore) || s.toAvoidBelowScore > s.healthyFromScore) {
    throw invalid(
      `${field}.toAvoidBelowScore`,
      s.toAvoidBelowScore,
      'must be 0 to 100 and not above healthyFromScore',
    );
  }
  if (!isScore(s.externalWeightPercent)) {
    throw invalid(`${field}.externalWeightPercent`, s.externalWeightPercent, 'must be 0 to 100');
  }
  return s;
}

export function classify(score: number, t: TRiskThresholds): TRiskClass {
  if (score >= t.healthyFromScore) return 'healthy';
  if (score < t.toAvoidBelowScore) return 'to-avoid';
  return 'under-observation';
}

const clamp = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, n));
const minus = (n: number) => (n === 0 ? 0 : -n);

/** Weighted days beyond terms as a rounded number of days, null without measured amounts. */
export function weightedDays(num: number, den: TCents): number | null {
  return den > 0 ? roundedRatio(num, den, 1) : null;
}

export function assessRisk(inputs: TRiskInputs, settings: TRiskSettings): TRiskAssessment {
  const b = inputs.behaviour;
  const hasHistory = b.dueCount > 0;
  const factors: TScoreFactor[] = [];

  const avg = hasHistory ? roundedRatio(b.daysBeyondSum, b.dueCount, 1) : null;
  const avgPoints = hasHistory
    ? Math.min(SCORE_CAPS.averageDays, roundedRatio(b.daysBeyondSum, b.dueCount * 4, 0))
    : 0;
  factors.push({
    key: 'averageDaysBeyondTerms',
    label: 'average days beyond terms, 12 months and older still open',
    value: avg,
    points: minus(avgPoints),
  });

  const weighted = weightedDays(b.weightedDays12, b.measuredCents12);
  const weightedPoints =
    b.measuredCents12 > 0
      ? Math.min(SCORE_CAPS.weightedDays, roundedRatio(b.weightedDays12, b.measuredCents12 * 3, 0))
      : 0;
  factors.push({
    key: 'weightedDaysBeyondTerms',
    label: 'amount-weighted days beyond terms, 12 months and older still open',
    value: weighted,
    points: minus(weightedPoints),
  });

  const share = hasHistory ? roundedRatio(b.lateCount * 100, b.dueCount, 1) : null;
  const sharePoints = hasHistory
    ? Math.min(SCORE_CAPS.shareLate, roundedRatio(b.lateCount * 20, b.dueCount, 0))
    : 0;
  factors.push({
    key: 'shareLate',
    label: 'percent of instalments paid late, 12 months and older still open',
    value: share,
    points: minus(sharePoints),
  });

  // Trend: (n6/m6 - np/mp) / 3 computed as one exact fraction.
  let trend: number | null = null;
  let trendPoints = 0;
  if (b.measuredCents6 > 0 && b.measuredCentsPrior6 > 0) {
    const num =
      BigInt(b.weightedDays6) * BigInt(b.measuredCentsPrior6) -
      BigInt(b.weightedDaysPrior6) * BigInt(b.measuredCents6);
    const den = BigInt(b.measuredCents6) * BigInt(b.measuredCentsPrior6);
    trend = roundedRatio(num, den, 1);
    trendPoints = clamp(roundedRatio(num, den * 3n, 0), 0, SCORE_CAPS.trend);
  }
  factors.push({
    key: 'trend',
    label: 'weighted days beyond terms, last 6 months minus the 6 before (positive = worse)',
    value: trend,
    points: minus(trendPoints),
  });

  let utilisation: number | null = null;
  let limitPoints = 0;
  const limit = inputs.creditLimitCents;
  const isOverLimit = limit !== null && b.exposureCents > limit;
  if (limit !== null) {
    utilisation = limit > 0 ? roundedRatio(b.exposureCents * 100, limit, 1) : b.exposureCents > 0 ? null : 0;
    if (isOverLimit) limitPoints = SCORE_CAPS.overLimit;
    else if (b.exposureCents * 100 > limit * NEAR_LIMIT_PERCENT) limitPoints = SCORE_CAPS.nearLimit;
  }
  factors.push({
    key: 'creditLimitUse',
    label: 'open exposure as percent of the credit limit',
    value: utilisation,
    points: minus(limitPoints),
  });

  const promisePoints = Math.min(SCORE_CAPS.brokenPromises, POINTS_PER_EVENT * (inputs.brokenPromises ?? 0));
  factors.push({
    key: 'brokenPromises',
    label: 'promises to pay broken, 12 months',
    value: inputs.brokenPromises,
    points: minus(promisePoints),
  });
  const disputePoints = Math.min(SCORE_CAPS.openDisputes, POINTS_PER_EVENT * (inputs.openDisputes ?? 0));
  factors.push({
    key: 'openDisputes',
    label: 'disputes open',
    value: inputs.openDisputes,
    points: minus(disputePoints),
  });

  const internalScore = clamp(100 + factors.reduce((s, f) => s + f.points, 0), 0, 100);
  let score = internalScore;
  const ext = inputs.external;
  if (ext && settings.externalWeightPercent > 0) {
    score = hasHistory
      ? roundedRatio(
          internalScore * (100 - settings.externalWeightPercent) + ext.score * settings.externalWeightPercent,
          100,
          0,
        )
      : ext.score;
    factors.push({
      key: 'externalRating',
      label: `external rating ${ext.provider} ${ext.rating} of ${ext.ratedOn} (score out of 100)`,
      value: ext.score,
      points: score - internalScore,
    });
  }
  return { internalScore, score, class: classify(score, settings), hasHistory, isOverLimit, factors };
}

/** Maps a provider's score onto 0-100, 100 the lowest risk. */
export function normaliseExternalScore(
  score: number,
  scaleMin: number,
  scaleMax: number,
  isHigherBetter: boolean,
): number {
  if (!(scaleMax > scaleMin)) throw invalid('scale', `${scaleMin}-${scaleMax}`, 'must have max above min');
  if (!(score >= scaleMin && score <= scaleMax))
    throw invalid('score', score, `is outside the scale ${scaleMin}-${scaleMax}`);
  const position = (score - scaleMin) / (scaleMax - scaleMin);
  return Math.round(100 * (isHigherBetter ? position : 1 - position));
}
