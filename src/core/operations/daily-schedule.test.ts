import { describe, expect, it } from 'vitest';
import { dueRunDate, parseTimeOfDay, retryDelayMs, scheduleOf, timeOfDayInZone } from './daily-schedule.ts';

describe('daily schedule', () => {
  it('reads the stored schedule with defaults for what is missing or wrong', () => {
    expect(scheduleOf({})).toEqual({ enabled: true, at: '07:00', timeZone: 'Europe/Rome' });
    expect(scheduleOf({ dailyRun: { at: '05:30', enabled: false } })).toEqual({
      enabled: false,
      at: '05:30',
      timeZone: 'Europe/Rome',
    });
    expect(scheduleOf({ dailyRun: { at: '25:00', timeZone: 'Mars/Olympus' } })).toEqual({
      enabled: true,
      at: '07:00',
      timeZone: 'Europe/Rome',
    });
  });

  it('is due from the local time in the creditor zone, across daylight saving', () => {
    const schedule = scheduleOf({ dailyRun: { at: '07:00' } });
    // Winter: Rome is UTC+1. 05:59Z = 06:59 local, 06:00Z = 07:00 local.
    expect(dueRunDate(schedule, new Date('2026-11-23T05:59:00Z'))).toBeNull();
    expect(dueRunDate(schedule, new Date('2026-11-23T06:00:00Z'))).toBe('2026-11-23');
    // Summer: UTC+2. 05:00Z = 07:00 local.
    expect(dueRunDate(schedule, new Date('2026-07-01T04:59:00Z'))).toBeNull();
    expect(dueRunDate(schedule, new Date('2026-07-01T05:00:00Z'))).toBe('2026-07-01');
    // 23:30Z on the 23rd is already 00:30 of the 24th in Rome: a 00:15 run is due for the 24th.
    expect(dueRunDate(schedule, new Date('2026-11-23T23:30:00Z'))).toBeNull();
    expect(dueRunDate(scheduleOf({ dailyRun: { at: '00:15' } }), new Date('2026-11-23T23:30:00Z'))).toBe(
      '2026-11-24',
    );
    expect(timeOfDayInZone(new Date('2026-11-23T23:30:00Z'), 'Europe/Rome')).toBe('00:30');
  });

  it('is never due when disabled', () => {
    expect(
      dueRunDate(scheduleOf({ dailyRun: { enabled: false } }), new Date('2026-11-23T12:00:00Z')),
    ).toBeNull();
  });

  it('refuses a time of day that is not HH:MM', () => {
    expect(() => parseTimeOfDay('7:00', 'at')).toThrow('at: "7:00" is not a time of day like 07:00');
    expect(parseTimeOfDay('23:59', 'at')).toBe('23:59');
  });

  it('backs off 2, 4, 8 minutes and at most an hour', () => {
    expect([1, 2, 3, 6, 10].map(retryDelayMs)).toEqual([120_000, 240_000, 480_000, 3_600_000, 3_600_000]);
  });
});
