import type { TActionInstalment, TEvidenceGap } from '../../core/collection/case-state.ts';
import { formatAmount } from '../../core/shared/money.ts';
import type { TDebtorLabel } from './load-states.ts';

/**
 * The public JSON shape of an action (`actions list --json`, `run --json`). `channel` is the
 * step's channels joined with "+" (e.g. "email+letter": one step, several channels at once);
 * `channels` lists them.
 */
export type TActionView = {
  id: number | null;
  caseId: number | null;
  date: string;
  scheduledOn: string;
  stepKey: string;
  channel: string;
  channels: string[];
  tone: string;
  template: string;
  status: string;
  debtor: { id: number; name: string; vatNumber: string | null; fiscalCode: string | null };
  instalments: Array<{
    id: number;
    invoiceNumber: string;
    dueDate: string;
    outstanding: string;
    currency: string;
  }>;
  total: string;
  tasks: string[];
  reason: string | null;
  evidenceGaps: TEvidenceGap[];
  isAfterBrokenPromise: boolean;
};

/** What an action stores about each instalment it lists: the snapshot the communication shows. */
export type TStoredInstalment = TActionInstalment & { currency: string };

export function instalmentViews(instalments: readonly TStoredInstalment[]): TActionView['instalments'] {
  return instalments.map((i) => ({
    id: i.id,
    invoiceNumber: i.invoiceNumber,
    dueDate: i.dueDate,
    outstanding: formatAmount(i.outstandingCents, i.currency),
    currency: i.currency,
  }));
}

export function debtorView(d: TDebtorLabel): TActionView['debtor'] {
  return { id: d.id, name: d.name, vatNumber: d.vatNumber, fiscalCode: d.fiscalCode };
}
