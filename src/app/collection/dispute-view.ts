import type { TDisputeRow, TInvoiceRef } from '../../db/queries/collection-work.ts';

export type TDisputeView = {
  id: number;
  invoice: { id: number; number: string; issueDate: string };
  status: string;
  reason: string;
  openedOn: string;
  closedOn: string | null;
  resolution: string | null;
};

export function toDisputeView(row: TDisputeRow, invoice: TInvoiceRef): TDisputeView {
  return {
    id: row.id,
    invoice: { id: invoice.id, number: invoice.number, issueDate: invoice.issue_date },
    status: row.status,
    reason: row.reason,
    openedOn: row.opened_on,
    closedOn: row.closed_on,
    resolution: row.resolution,
  };
}
