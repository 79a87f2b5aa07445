import { describe, expect, it } from 'vitest';
import { chronicEvidence, DEFAULT_CHRONIC_RULE, isChronicLatePayer } from './chronic-late-payer.ts';
import { aggregateBehaviour, emptyAggregates } from './payment-behaviour.ts';
import { RISK_AS_OF, RISK_HISTORY } from './risk-fixture.ts';
import { assessRisk, classify, normaliseExternalScore, validateRiskSettings } from './risk-score.ts';

const SETTINGS = { healthyFromScore: 70, toAvoidBelowScore: 40, externalWeightPercent: 30 };
const behaviour = aggregateBehaviour(RISK_HISTORY, RISK_AS_OF, 30);

describe('risk score', () => {
  it('scores the fixture history with every factor shown', () => {
    const r = assessRisk(
      { behaviour, creditLimitCents: 180_000, brokenPromises: 1, openDisputes: 0, external: null },
      SETTINGS,
    );
    expect(r.factors.map((f) => [f.key, f.value, f.points])).toEqual([
      ['averageDaysBeyondTerms', 35.2, -9], // 176 / 5; round(35.2 / 4 = 8.8)
      ['weightedDaysBeyondTerms', 25, -8], // 12,000,000 / 480,000; round(25 / 3 = 8.33)
      ['shareLate', 80, -16], // 4 of 5; round(0.8 x 20)
      ['trend', 4.4, -1], // 27.78 - 23.33 = 4.44; round(4.44 / 3 = 1.48)
      ['creditLimitUse', 88.9, -5], // 1,600.00 of 1,800.00: above 80 %
      ['brokenPromises', 1, -5],
      ['openDisputes', 0, 0],
    ]);
    // 100 - 9 - 8 - 16 - 1 - 5 - 5 = 56
    expect([r.internalScore, r.score, r.class, r.isOverLimit, r.hasHistory]).toEqual([
      56,
      56,
      'under-observation',
      false,
      true,
    ]);
  });

  it('combines an external rating at 30 % and shows its effect', () => {
    const r = assessRisk(
      {
        behaviour,
        creditLimitCents: 180_000,
        brokenPromises: 1,
        openDisputes: 0,
        external: { provider: 'Cerved', rating: 'A2', score: 80, ratedOn: '2026-05-01' },
      },
      SETTINGS,
    );
    // (56 x 70 + 80 x 30) / 100 = 63.2 -> 63
    expect([r.internalScore, r.score, r.class]).toEqual([56, 63, 'under-observation']);
    expect(r.factors.at(-1)).toMatchObject({ key: 'externalRating', value: 80, points: 7 });
  });

  it('lets the external rating alone decide without own history', () => {
    const r = assessRisk(
      {
        behaviour: emptyAggregates(),
        creditLimitCents: null,
        brokenPromises: null,
        openDisputes: null,
        external: { provider: 'Cerved', rating: 'C1', score: 30, ratedOn: '2026-05-01' },
      },
      SETTINGS,
    );
    expect([r.internalScore, r.score, r.class, r.hasHistory]).toEqual([100, 30, 'to-avoid', false]);
  });

  it('costs 15 points over the limit and flags it', () => {
    const r = assessRisk(
      { behaviour, creditLimitCents: 150_000, brokenPromises: null, openDisputes: null, external: null },
      SETTINGS,
    );
    expect(r.factors.find((f) => f.key === 'creditLimitUse')).toMatchObject({ value: 106.7, points: -15 });
    expect([r.isOverLimit, r.internalScore]).toEqual([true, 51]);
  });

  it('classifies on the thresholds given', () => {
    const t = { healthyFromScore: 70, toAvoidBelowScore: 40 };
    expect([100, 70, 69, 40, 39, 0].map((s) => classify(s, t))).toEqual([
      'healthy',
      'healthy',
      'under-observation',
      'under-observation',
      'to-avoid',
      'to-avoid',
    ]);
    expect(() => validateRiskSettings({ ...SETTINGS, toAvoidBelowScore: 80 })).toThrow(/toAvoidBelowScore/);
  });

  it('normalises provider scales', () => {
    expect(normaliseExternalScore(7, 1, 10, true)).toBe(67);
    expect(normaliseExternalScore(3, 1, 10, false)).toBe(78);
    expect(() => normaliseExternalScore(11, 1, 10, true)).toThrow(/outside/);
  });
});

describe('chronic late payer', () => {
  it('needs both the count and the share of instalments far beyond terms', () => {
    expect(isChronicLatePayer(behaviour, DEFAULT_CHRONIC_RULE)).toBe(false); // 2 of 5 over 30 days
    expect(
      isChronicLatePayer(behaviour, { minLateInstalments: 2, minDaysLate: 30, minSharePercent: 40 }),
    ).toBe(true);
    expect(
      isChronicLatePayer(behaviour, { minLateInstalments: 2, minDaysLate: 30, minSharePercent: 41 }),
    ).toBe(false);
  });
});

describe('chronic late payer evidence', () => {
  it('lists the instalments beyond the rule, oldest due first', () => {
    expect(chronicEvidence(RISK_HISTORY, RISK_AS_OF, DEFAULT_CHRONIC_RULE)).toEqual([
      {
        invoiceNumber: 'INV-2',
        dueDate: '2025-11-30',
        amountCents: 200_000,
        openCents: 0,
        daysBeyondTerms: 40,
        settledOn: '2026-01-09',
      },
      {
        invoiceNumber: 'INV-3',
        dueDate: '2026-03-31',
        amountCents: 50_000,
        openCents: 50_000,
        daysBeyondTerms: 91,
        settledOn: null,
      },
    ]);
  });
});
