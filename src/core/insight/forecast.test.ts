import { describe, expect, it } from 'vitest';
import { parseDate } from '../shared/calendar-date.ts';
import { addToForecast, emptyForecast, forecastSlot, forecastWeeks } from './forecast.ts';

const d = (s: string) => parseDate(s);

describe('13-week cash forecast', () => {
  it('rolls weeks from the as-of date', () => {
    const w = forecastWeeks(d('2026-03-31'));
    expect(w).toHaveLength(13);
    expect(w[0]).toEqual({ week: 1, from: '2026-03-31', to: '2026-04-06' });
    expect(w[12]).toEqual({ week: 13, from: '2026-06-23', to: '2026-06-29' });
  });

  it('slots due dates: overdue, week boundaries, later', () => {
    const asOf = d('2026-03-31');
    expect(forecastSlot(d('2026-03-30'), asOf)).toBe(0);
    expect(forecastSlot(d('2026-03-31'), asOf)).toBe(1);
    expect(forecastSlot(d('2026-04-06'), asOf)).toBe(1);
    expect(forecastSlot(d('2026-04-07'), asOf)).toBe(2);
    expect(forecastSlot(d('2026-06-29'), asOf)).toBe(13);
    expect(forecastSlot(d('2026-06-30'), asOf)).toBe(14);
  });

  it('adds amounts to their slot', () => {
    const t = emptyForecast(2);
    addToForecast(t, 0, 100);
    addToForecast(t, 2, 250);
    addToForecast(t, 3, 7);
    addToForecast(t, 2, 1);
    expect(t).toEqual({ overdueCents: 100, weekCents: [0, 251], laterCents: 7 });
  });
});
