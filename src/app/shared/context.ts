import type { TPrincipal } from '../../core/security/roles.ts';
import type { TCalendarDate } from '../../core/shared/calendar-date.ts';
import { dateInZone } from '../../core/shared/calendar-date.ts';
import type { TSql } from '../../db/database.ts';

/**
 * What every use case receives: the database (a connection or a transaction), the clock and who
 * acts. The clock is an argument so that tests and catch-up runs can be set on any day.
 */
export type TContext = {
  db: TSql;
  now: Date;
  today: TCalendarDate;
  actor: string;
  /**
   * Who acts over the API (absent for the CLI, which has the whole database): use cases that
   * reach a row by id check that its creditor is one the principal reaches (tenant-scope.ts).
   */
  principal?: TPrincipal;
};

export function makeContext(db: TSql, actor: string, now = new Date(), today?: TCalendarDate): TContext {
  return { db, now, today: today ?? dateInZone(now), actor };
}
