import type { TCalendarDate } from '../shared/calendar-date.ts';
import { dateInZone } from '../shared/calendar-date.ts';
import { AppError } from '../shared/errors.ts';

/**
 * When a creditor's daily run starts: a local time in the creditor's zone (Italy by default).
 * Kept in creditors.settings.dailyRun. The default is on at 07:00, before offices open, so that
 * the day's calls are in the operators' worklists when they arrive.
 */
export type TDailySchedule = { enabled: boolean; at: string; timeZone: string };

export const DEFAULT_DAILY_SCHEDULE: TDailySchedule = { enabled: true, at: '07:00', timeZone: 'Europe/Rome' };

const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function parseTimeOfDay(value: string, field: string): string {
  if (!TIME_OF_DAY.test(value)) {
    throw new AppError('INVALID_INPUT', `${field}: "${value}" is not a time of day like 07:00`, {
      field,
      value,
    });
  }
  return value;
}

export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** The schedule stored in a creditor's settings, with defaults for what is not set. */
export function scheduleOf(settings: Record<string, unknown>): TDailySchedule {
  const stored = (settings.dailyRun ?? {}) as Partial<TDailySchedule>;
  return {
    enabled: typeof stored.enabled === 'boolean' ? stored.enabled : DEFAULT_DAILY_SCHEDULE.enabled,
    at: typeof stored.at === 'string' && TIME_OF_DAY.test(stored.at) ? stored.at : DEFAULT_DAILY_SCHEDULE.at,
    timeZone:
      typeof stored.timeZone === 'string' && isKnownTimeZone(stored.timeZone)
        ? stored.timeZone
        : DEFAULT_DAILY_SCHEDULE.timeZone,
  };
}

/** 'HH:MM' of an instant in a zone. */
export function timeOfDayInZone(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const hour = parts.find((p) => p.type === 'hour')?.value ?? '00';
  const minute = parts.find((p) => p.type === 'minute')?.value ?? '00';
  return `${hour}:${minute}`;
}

/**
 * The run date due at `now`, or null when the schedule is off or its time has not come yet
 * today. Only today: a worker that was down yesterday catches up in today's run, which takes
 * every step due on or before its date.
 */
export function dueRunDate(schedule: TDailySchedule, now: Date): TCalendarDate | null {
  if (!schedule.enabled) return null;
  if (timeOfDayInZone(now, schedule.timeZone) < schedule.at) return null;
  return dateInZone(now, schedule.timeZone);
}

/** How long a failed run waits before its next attempt: 2, 4, 8 ... minutes, at most an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(60, 2 ** Math.max(1, attempts)) * 60_000;
}

/** A run is given up for the day after this many failed attempts; a person looks at it. */
export const MAX_RUN_ATTEMPTS = 5;

/** Without a heartbeat for this long, a 'running' claim is considered dead and taken over. */
export const RUN_LEASE_MS = 5 * 60_000;
