import type { TRateRow } from '../../src/core/interest/rate-table.ts';
import type { TCalendarDate } from '../../src/core/shared/calendar-date.ts';

/**
 * The rate table of DOMAIN.md section 2 as core data, for the core tests. The migration seeds the
 * same rows (test/interest/rates-db.test.ts compares them), so a test figure and a production
 * figure never come from two different tables.
 */
const commercial = (periodStart: string, ecb: number, source: string, isVerified = true): TRateRow => ({
  kind: 'commercial',
  periodStart: periodStart as TCalendarDate,
  referencePpm: ecb,
  ratePpm: ecb + 80_000,
  source,
  isVerified,
});
const legal = (year: number, ratePpm: number, source: string): TRateRow => ({
  kind: 'legal',
  periodStart: `${year}-01-01` as TCalendarDate,
  referencePpm: null,
  ratePpm,
  source,
  isVerified: true,
});

export const DOMAIN_RATE_ROWS: readonly TRateRow[] = [
  commercial(
    '2020-01-01',
    0,
    'Gazzetta Ufficiale notice for 1 January - 30 June 2020 not found; ECB main refinancing rate 0.00 % since 16 March 2016',
    false,
  ),
  commercial('2020-07-01', 0, 'GU n. 191 del 31/07/2020'),
  commercial('2021-01-01', 0, 'GU n. 29 del 04/02/2021'),
  commercial('2021-07-01', 0, 'GU n. 166/2021'),
  commercial('2022-01-01', 0, 'GU n. 20/2022'),
  commercial('2022-07-01', 0, 'GU n. 197/2022'),
  commercial('2023-01-01', 25_000, 'GU n. 14 del 18/01/2023'),
  commercial('2023-07-01', 40_000, 'GU n. 165 del 17/07/2023'),
  commercial('2024-01-01', 45_000, 'GU n. 12 del 16/01/2024'),
  commercial('2024-07-01', 42_500, 'GU n. 176 del 29/07/2024'),
  commercial('2025-01-01', 31_500, 'GU n. 63 del 17/03/2025'),
  commercial('2025-07-01', 21_500, 'GU n. 161 del 14/07/2025'),
  commercial('2026-01-01', 21_500, 'GU n. 15 del 20/01/2026'),
  commercial(
    '2026-07-01',
    24_000,
    'UNVERIFIED: one secondary source only (a public Italian project citing the MEF notice); no Gazzetta Ufficiale reference found',
    false,
  ),
  legal(2020, 500, 'D.M. 12/12/2019, GU n. 293 del 14/12/2019'),
  legal(2021, 100, 'D.M. 11/12/2020, GU n. 310 del 15/12/2020'),
  legal(2022, 12_500, 'D.M. 13/12/2021, GU n. 297/2021'),
  legal(2023, 50_000, 'D.M. 13/12/2022, GU n. 292 del 15/12/2022'),
  legal(2024, 25_000, 'D.M. 29/11/2023, GU n. 288 del 11/12/2023'),
  legal(2025, 20_000, 'D.M. 10/12/2024, GU n. 294 del 16/12/2024'),
  legal(2026, 16_000, 'D.M. 10/12/2025, GU n. 289 del 13/12/2025'),
];
