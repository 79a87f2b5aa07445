import { describe, expect, it } from 'vitest';
import { parseDate, type TCalendarDate } from '../shared/calendar-date.ts';
import { checkStage, legalDeadlines, oppositionReminderDate, type TLegalEvent } from './legal-stages.ts';
import { isNonWorkingForTerms, rollForward, termEnd } from './procedural-terms.ts';

const d = (s: string) => parseDate(s);
const suspended = { summerSuspension: true };

describe('procedural terms on the 2026 calendar', () => {
  it('60 days from a grant on 10 June 2026 skip August: 9 September (art. 644, L. 742/1969)', () => {
    expect(termEnd(d('2026-06-10'), 60, suspended)).toBe('2026-09-09');
    // Without the suspension the 60th day is Sunday 9 August: it moves to Monday 10 August.
    expect(termEnd(d('2026-06-10'), 60, { summerSuspension: false })).toBe('2026-08-10');
  });

  it('40 days from a service on 20 July 2026 end on 29 September (11 July days + 29 September days)', () => {
    expect(termEnd(d('2026-07-20'), 40, suspended)).toBe('2026-09-29');
  });

  it('a term that would start in August starts on 1 September', () => {
    expect(termEnd(d('2026-08-10'), 40, suspended)).toBe('2026-10-12'); // 10 Oct is a Saturday
    expect(termEnd(d('2026-07-31'), 1, suspended)).toBe('2026-09-01');
  });

  it('a last day on a Saturday, a Sunday or a holiday moves to the next working day (art. 155 c.4-5)', () => {
    expect(termEnd(d('2026-03-30'), 40, suspended)).toBe('2026-05-11'); // Saturday 9 May
    expect(termEnd(d('2026-02-25'), 40, suspended)).toBe('2026-04-07'); // Easter Monday 6 April
    expect(termEnd(d('2026-04-23'), 40, suspended)).toBe('2026-06-03'); // Festa della Repubblica
    expect(termEnd(d('2026-03-16'), 40, suspended)).toBe('2026-04-27'); // Saturday 25 April, Liberazione
    expect(termEnd(d('2026-11-15'), 40, suspended)).toBe('2026-12-28'); // Christmas, Santo Stefano, Sunday
    expect(termEnd(d('2026-03-30'), 40, { summerSuspension: true, rollForward: false })).toBe('2026-05-09');
  });

  it('knows which days are not working days for terms', () => {
    expect(
      ['2026-04-06', '2026-04-25', '2026-08-15', '2026-12-08', '2026-05-09', '2026-05-10'].map((x) =>
        isNonWorkingForTerms(d(x)),
      ),
    ).toEqual([true, true, true, true, true, true]);
    expect(isNonWorkingForTerms(d('2026-04-07'))).toBe(false);
    expect(rollForward(d('2026-12-24'))).toBe('2026-12-24');
  });
});

describe('legal stages and their deadlines', () => {
  const events: TLegalEvent[] = [
    { stage: 'legal-notice', on: d('2026-05-04') },
    { stage: 'petition-filed', on: d('2026-05-25') },
    { stage: 'order-granted', on: d('2026-06-10') },
    { stage: 'order-served', on: d('2026-07-20') },
  ];

  it('derives every deadline with its legal basis and status on a day', () => {
    const view = legalDeadlines(events, d('2026-09-01')).map((x) => [x.key, x.date, x.status]);
    expect(view).toEqual([
      ['notice-payment', '2026-05-19', 'met'],
      ['serve-order', '2026-09-09', 'met'],
      ['opposition-window', '2026-09-29', 'open'],
    ]);
    expect(oppositionReminderDate(d('2026-07-20'))).toBe('2026-09-30');
    const later = legalDeadlines(events, d('2026-09-30')).find((x) => x.key === 'opposition-window');
    expect(later?.status).toBe('met');
  });

  it('marks a service after 60 days as missed (the order is ineffective)', () => {
    const late: TLegalEvent[] = [...events.slice(0, 3), { stage: 'order-served', on: d('2026-09-10') }];
    expect(legalDeadlines(late, d('2026-09-10')).find((x) => x.key === 'serve-order')?.status).toBe('missed');
  });

  it('computes the enforcement terms from the precetto', () => {
    const withPrecetto: TLegalEvent[] = [
      ...events,
      { stage: 'order-final', on: d('2026-10-01') },
      { stage: 'precetto-served', on: d('2026-10-05') },
    ];
    const view = legalDeadlines(withPrecetto, d('2026-10-06'));
    expect(view.filter((x) => x.from === 'precetto-served').map((x) => [x.key, x.date])).toEqual([
      ['enforcement-not-before', '2026-10-16'],
      ['precetto-lapses', '2027-01-04'], // 90 days = Sunday 3 January 2027
    ]);
  });

  it('refuses stages out of order, twice, or inside a dilatory term', () => {
    expect(() => checkStage([], 'order-granted', d('2026-06-10'))).toThrow(/needs petition-filed first/);
    expect(() => checkStage(events, 'order-served', d('2026-07-21'))).toThrow(/already recorded/);
    expect(() => checkStage(events, 'order-final', d('2026-09-29'))).toThrow(
      /within the opposition window \(until 2026-09-29/,
    );
    expect(() => checkStage(events, 'order-final', d('2026-09-30'))).not.toThrow();
    const precetto: TLegalEvent[] = [
      ...events,
      { stage: 'order-final', on: d('2026-10-01') },
      { stage: 'precetto-served', on: d('2026-10-05') },
    ];
    expect(() => checkStage(precetto, 'pignoramento', d('2026-10-15'))).toThrow(/before 2026-10-16/);
    expect(() => checkStage(events, 'opposed', d('2026-07-19') as TCalendarDate)).toThrow(
      /before order-served/,
    );
  });
});
