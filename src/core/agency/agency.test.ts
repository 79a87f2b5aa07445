import { describe, expect, it } from 'vitest';
import { parseRatePercent } from '../interest/rate.ts';
import { commissionCents } from './commission.ts';
import { chooseSpecialist, type TSpecialistFacts, type TSpecialistRule } from './specialist-assignment.ts';

describe('commission on collected amounts', () => {
  it('is exact to the cent, half up', () => {
    expect(commissionCents(244_000, parseRatePercent('12.5'))).toBe(30_500);
    expect(commissionCents(100_001, parseRatePercent('12.5'))).toBe(12_500); // 12500.125 → 12500
    expect(commissionCents(100_004, parseRatePercent('12.5'))).toBe(12_501); // 12500.5 → 12501
    expect(commissionCents(33_333, parseRatePercent('8.3333'))).toBe(2_778); // 2777.7389
    expect(commissionCents(0, parseRatePercent('15'))).toBe(0);
  });
});

describe('choosing a credit specialist', () => {
  const specialists: TSpecialistFacts[] = [
    { id: 1, languages: ['it'], isActive: true, maxOpenCases: 2, openCases: 2 },
    { id: 2, languages: ['it', 'de'], isActive: true, maxOpenCases: null, openCases: 5 },
    { id: 3, languages: ['it'], isActive: true, maxOpenCases: null, openCases: 1 },
    { id: 4, languages: ['en'], isActive: false, maxOpenCases: null, openCases: 0 },
  ];
  const rules: TSpecialistRule[] = [
    {
      position: 1,
      specialistId: 1,
      mandateId: 10,
      minCents: 1_000_000,
      maxCents: null,
      regions: null,
      languages: null,
    },
    {
      position: 2,
      specialistId: 2,
      mandateId: null,
      minCents: null,
      maxCents: null,
      regions: null,
      languages: ['de'],
    },
    {
      position: 3,
      specialistId: 3,
      mandateId: null,
      minCents: null,
      maxCents: 50_000,
      regions: ['MI'],
      languages: null,
    },
  ];
  const profile = { mandateId: 10, amountCents: 2_000_000, regions: ['MI', 'IT'], language: 'it' };

  it('takes the first matching rule whose specialist has room', () => {
    // Rule 1 matches but specialist 1 is full: rule 3 does not match the amount: workload balance.
    expect(chooseSpecialist(profile, rules, specialists)).toEqual({
      specialistId: 3,
      reason: 'workload balance',
    });
    const roomy = specialists.map((s) => (s.id === 1 ? { ...s, openCases: 0 } : s));
    expect(chooseSpecialist(profile, rules, roomy)).toEqual({ specialistId: 1, reason: 'rule 1' });
    expect(chooseSpecialist({ ...profile, language: 'de' }, rules, specialists)).toEqual({
      specialistId: 2,
      reason: 'rule 2',
    });
    expect(chooseSpecialist({ ...profile, amountCents: 40_000 }, rules, specialists)).toEqual({
      specialistId: 3,
      reason: 'rule 3',
    });
  });

  it('balances the workload among those who speak the language, else among all', () => {
    expect(chooseSpecialist({ ...profile, mandateId: 11, language: 'de' }, [], specialists)).toEqual({
      specialistId: 2,
      reason: 'workload balance',
    });
    expect(chooseSpecialist({ ...profile, language: 'fr' }, [], specialists)?.specialistId).toBe(3);
    expect(chooseSpecialist(profile, [], [specialists[3]!])).toBeNull();
  });
});
