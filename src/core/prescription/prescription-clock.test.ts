import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, parseDate } from '../shared/calendar-date.ts';
import { prescriptionClock, type TInterruption } from './prescription-clock.ts';

const d = (s: string) => parseDate(s);

describe('prescription clocks', () => {
  it('runs 10, 5 or 3 years from the due date, ending on the corresponding day', () => {
    const at = (basis: 'ordinary' | 'periodic' | 'professional-fees') =>
      prescriptionClock({ dueDate: d('2020-03-31'), basis, interruptions: [], today: d('2026-11-23') })
        .expiresOn;
    expect([at('ordinary'), at('periodic'), at('professional-fees')]).toEqual([
      '2030-03-31',
      '2025-03-31',
      '2023-03-31',
    ]);
    // 29 February → 28 February of a common year.
    expect(
      prescriptionClock({
        dueDate: d('2024-02-29'),
        basis: 'periodic',
        interruptions: [],
        today: d('2024-03-01'),
      }).expiresOn,
    ).toBe('2029-02-28');
  });

  it('starts again from each delivered demand, and reports what had no effect', () => {
    const interruptions: TInterruption[] = [
      { date: d('2024-01-10'), kind: 'pec', reference: 'PEC delivery receipt 1' },
      { date: d('2019-12-01'), kind: 'registered-letter', reference: 'before the due date' },
      { date: d('2025-06-30'), kind: 'payment', reference: 'payment on account' },
    ];
    const clock = prescriptionClock({
      dueDate: d('2020-03-31'),
      basis: 'periodic',
      interruptions,
      today: d('2026-11-23'),
    });
    expect(clock.history.map((h) => [h.date, h.effect, h.expiresOn])).toEqual([
      ['2019-12-01', 'before-start', '2025-03-31'],
      ['2024-01-10', 'interrupted', '2029-01-10'],
      ['2025-06-30', 'interrupted', '2030-06-30'],
    ]);
    expect([clock.expiresOn, clock.isExpired, clock.warningDays]).toEqual(['2030-06-30', false, null]);
  });

  it('does not revive an expired credit', () => {
    const clock = prescriptionClock({
      dueDate: d('2020-03-31'),
      basis: 'professional-fees',
      interruptions: [{ date: d('2023-04-01'), kind: 'acknowledgement', reference: 'too late' }],
      today: d('2026-11-23'),
    });
    expect([clock.history[0]!.effect, clock.expiresOn, clock.isExpired]).toEqual([
      'after-expiry',
      '2023-03-31',
      true,
    ]);
    // A demand delivered ON the last day still interrupts.
    const inTime = prescriptionClock({
      dueDate: d('2020-03-31'),
      basis: 'professional-fees',
      interruptions: [{ date: d('2023-03-31'), kind: 'pec', reference: 'last day' }],
      today: d('2026-11-23'),
    });
    expect([inTime.expiresOn, inTime.isExpired]).toEqual(['2026-03-31', true]);
  });

  it('warns at 180, 90 and 30 days before expiry', () => {
    const warn = (today: string) =>
      prescriptionClock({ dueDate: d('2021-12-31'), basis: 'periodic', interruptions: [], today: d(today) });
    // Expiry 2026-12-31.
    expect(
      ['2026-07-03', '2026-07-04', '2026-10-02', '2026-12-01', '2026-12-31', '2027-01-01'].map((t) => {
        const c = warn(t);
        return [c.daysLeft, c.warningDays, c.isExpired];
      }),
    ).toEqual([
      [181, null, false],
      [180, 180, false],
      [90, 90, false],
      [30, 30, false],
      [0, 30, false],
      [-1, null, true],
    ]);
  });

  it('ignores events after the day of the computation', () => {
    const clock = prescriptionClock({
      dueDate: d('2020-03-31'),
      basis: 'ordinary',
      interruptions: [{ date: d('2027-01-01'), kind: 'pec', reference: 'future' }],
      today: d('2026-11-23'),
    });
    expect([clock.history, clock.expiresOn]).toEqual([[], '2030-03-31']);
  });

  it('a court claim holds the clock until the judgment is final, then 10 years run (art. 2945 c.2, 2953)', () => {
    // Periodic (5 years): would expire 2025-03-31. Claim filed on 29 February 2024.
    const events: TInterruption[] = [
      { date: d('2024-02-29'), kind: 'court-claim', reference: 'ricorso R.G. 123/2024' },
      { date: d('2025-01-15'), kind: 'payment', reference: 'payment on account' },
      { date: d('2028-02-29'), kind: 'judgment-final', reference: 'sentenza 45/2027 passata in giudicato' },
    ];
    const pending = prescriptionClock({
      dueDate: d('2020-03-31'),
      basis: 'periodic',
      interruptions: events,
      today: d('2026-11-23'),
    });
    // No expiry while the case is pending, even past the old 2025-03-31 and the 5 years of the claim.
    expect([pending.expiresOn, pending.daysLeft, pending.isExpired, pending.warningDays]).toEqual([
      null,
      null,
      false,
      null,
    ]);
    expect(pending.suspendedSince).toBe('2024-02-29');
    expect(pending.history.map((h) => [h.date, h.effect, h.expiresOn])).toEqual([
      ['2024-02-29', 'suspended', null],
      ['2025-01-15', 'during-claim', null],
    ]);
    // Final on 29 February 2028: ten years → 28 February 2038 (a common year, art. 2963).
    const final = prescriptionClock({
      dueDate: d('2020-03-31'),
      basis: 'periodic',
      interruptions: events,
      today: d('2031-01-01'),
    });
    expect([final.expiresOn, final.years, final.isExpired, final.suspendedSince]).toEqual([
      '2038-02-28',
      10,
      false,
      null,
    ]);
    expect(final.history.at(-1)).toMatchObject({ effect: 'interrupted', expiresOn: '2038-02-28' });
  });

  it('a court claim on the last day holds the clock; one the day after revives nothing', () => {
    // Professional fees (3 years): expiry 2023-03-31.
    const onLastDay = prescriptionClock({
      dueDate: d('2020-03-31'),
      basis: 'professional-fees',
      interruptions: [
        { date: d('2023-03-31'), kind: 'court-claim', reference: 'ricorso' },
        { date: d('2025-06-30'), kind: 'judgment-final', reference: 'decreto ingiuntivo definitivo' },
      ],
      today: d('2026-11-23'),
    });
    expect([onLastDay.history[0]!.effect, onLastDay.expiresOn, onLastDay.isExpired]).toEqual([
      'suspended',
      '2035-06-30',
      false,
    ]);
    const late = prescriptionClock({
      dueDate: d('2020-03-31'),
      basis: 'professional-fees',
      interruptions: [{ date: d('2023-04-01'), kind: 'court-claim', reference: 'too late' }],
      today: d('2026-11-23'),
    });
    expect([late.history[0]!.effect, late.expiresOn, late.isExpired, late.suspendedSince]).toEqual([
      'after-expiry',
      '2023-03-31',
      true,
      null,
    ]);
  });

  it('extinguished proceedings: the claim was an instantaneous interruption (art. 2945 c.3)', () => {
    const clock = prescriptionClock({
      dueDate: d('2020-03-31'),
      basis: 'periodic',
      interruptions: [
        { date: d('2022-05-10'), kind: 'court-claim', reference: 'atto di citazione' },
        { date: d('2024-09-01'), kind: 'claim-extinguished', reference: 'ordinanza di estinzione' },
      ],
      today: d('2026-11-23'),
    });
    // 5 years from the claim: 2027-05-10; from 2026-11-23: 7 + 31 + 31 + 28 + 31 + 30 + 10 = 168 days.
    expect([clock.expiresOn, clock.daysLeft, clock.warningDays, clock.years]).toEqual([
      '2027-05-10',
      168,
      180,
      5,
    ]);
    // Without a pending claim, an extinction changes nothing.
    const stray = prescriptionClock({
      dueDate: d('2020-03-31'),
      basis: 'ordinary',
      interruptions: [{ date: d('2024-09-01'), kind: 'claim-extinguished', reference: 'x' }],
      today: d('2026-11-23'),
    });
    expect([stray.history[0]!.effect, stray.expiresOn]).toEqual(['no-claim', '2030-03-31']);
  });

  it('property: an interruption never makes the expiry earlier', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3000 }),
        fc.array(fc.integer({ min: -100, max: 6000 }), { maxLength: 6 }),
        (dueOffset, offsets) => {
          const dueDate = addDays(d('2015-01-01'), dueOffset);
          const today = d('2035-01-01');
          const base = prescriptionClock({ dueDate, basis: 'periodic', interruptions: [], today });
          const clock = prescriptionClock({
            dueDate,
            basis: 'periodic',
            interruptions: offsets.map((o, i) => ({
              date: addDays(dueDate, o),
              kind: 'pec',
              reference: String(i),
            })),
            today,
          });
          expect(daysBetween(base.expiresOn!, clock.expiresOn!)).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });
});
