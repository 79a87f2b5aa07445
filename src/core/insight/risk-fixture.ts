import { parseDate } from '../shared/calendar-date.ts';
import type { TBehaviourInstalment } from './payment-behaviour.ts';

const d = (s: string) => parseDate(s);

/**
 * One debtor's history, as of Tue 2026-06-30 (12-month window after 2025-06-30, last 6 months
 * after 2025-12-31). Shared by the unit tests and mirrored by test/insight's portfolio.
 *
 *   INV-1 due 2025-09-30 1,000.00 paid 2025-10-30            30 days late      prior 6 months
 *   INV-2 due 2025-11-30 2,000.00 paid 1,000 on time,
 *                                 1,000 on 2026-01-09        40 days late      prior 6 months
 *   INV-3 due 2026-03-31   500.00 open                       91 days late      last 6 months
 *   INV-4 due 2026-05-31 1,500.00 credit note 500 on 05-15,
 *                                 paid 1,000 on 05-31        on time           last 6 months
 *   INV-5 due 2026-07-31   800.00 not due yet                exposure only
 *   INV-6 due 2025-05-31   300.00 paid 2025-08-01            before the window
 *   INV-7 due 2026-06-15   300.00 paid 2026-07-05 (after)    15 days late, open on asOf
 */
export const RISK_AS_OF = d('2026-06-30');

export const RISK_HISTORY: TBehaviourInstalment[] = [
  {
    invoiceNumber: 'INV-1',
    dueDate: d('2025-09-30'),
    amountCents: 100_000,
    allocations: [{ on: d('2025-10-30'), cents: 100_000, isCreditNote: false }],
  },
  {
    invoiceNumber: 'INV-2',
    dueDate: d('2025-11-30'),
    amountCents: 200_000,
    allocations: [
      { on: d('2025-11-30'), cents: 100_000, isCreditNote: false },
      { on: d('2026-01-09'), cents: 100_000, isCreditNote: false },
    ],
  },
  { invoiceNumber: 'INV-3', dueDate: d('2026-03-31'), amountCents: 50_000, allocations: [] },
  {
    invoiceNumber: 'INV-4',
    dueDate: d('2026-05-31'),
    amountCents: 150_000,
    allocations: [
      { on: d('2026-05-15'), cents: 50_000, isCreditNote: true },
      { on: d('2026-05-31'), cents: 100_000, isCreditNote: false },
    ],
  },
  { invoiceNumber: 'INV-5', dueDate: d('2026-07-31'), amountCents: 80_000, allocations: [] },
  {
    invoiceNumber: 'INV-6',
    dueDate: d('2025-05-31'),
    amountCents: 30_000,
    allocations: [{ on: d('2025-08-01'), cents: 30_000, isCreditNote: false }],
  },
  {
    invoiceNumber: 'INV-7',
    dueDate: d('2026-06-15'),
    amountCents: 30_000,
    allocations: [{ on: d('2026-07-05'), cents: 30_000, isCreditNote: false }],
  },
];
