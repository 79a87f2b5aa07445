import type { THoldRow } from '../../db/queries/collection-work.ts';
import type { THoldTarget } from './hold-target.ts';

export type THoldView = {
  id: number;
  scope: 'debtor' | 'invoice';
  debtor: { id: number; vatNumber: string | null };
  invoice: { id: number; number: string } | null;
  reason: string;
  startsOn: string;
  endsOn: string | null;
  clearedOn: string | null;
};

export function toHoldView(row: THoldRow, target: THoldTarget): THoldView {
  return {
    id: row.id,
    scope: row.invoice_id === null ? 'debtor' : 'invoice',
    debtor: { id: row.debtor_id, vatNumber: target.label.debtor },
    invoice: row.invoice_id === null ? null : { id: row.invoice_id, number: target.label.invoice ?? '' },
    reason: row.reason,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    clearedOn: row.cleared_on,
  };
}
