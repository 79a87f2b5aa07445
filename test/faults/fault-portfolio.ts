import { addCreditor } from '../../src/app/ledger/add-creditor.ts';
import { addInvoices } from '../../src/app/ledger/add-invoices.ts';
import { setDailySchedule } from '../../src/app/operations/set-daily-schedule.ts';
import type { TDatabase, TSql } from '../../src/db/database.ts';
import { ALL_YES, newVat } from '../collection/collection-fixtures.ts';
import { ctxOn } from '../support/fixtures.ts';

/** The portfolio every fault trial starts from, and the state compared with the oracle's. */
export const RUN_AT = '2026-04-07T05:00:00Z'; // 07:00 in Rome; the creditor's run is at 06:30.
export const AFTER_LEASE = '2026-04-07T05:06:00Z'; // past the 5-minute lease of the killed claim.
export const DEBTORS = 120;

export const portfolio = { creditorVat: '', paidDebtorVat: '' };

export async function seedPortfolio(db: TDatabase): Promise<void> {
  portfolio.creditorVat = newVat();
  const ctx = ctxOn(db, '2026-01-05');
  const creditor = await addCreditor(ctx, { name: 'Fault Test S.r.l.', vatNumber: portfolio.creditorVat });
  await setDailySchedule(ctx, creditor.id, { at: '06:30' });
  const invoices = [];
  for (let d = 0; d < DEBTORS; d += 1) {
    const debtorVat = newVat();
    if (d === DEBTORS - 1) portfolio.paidDebtorVat = debtorVat;
    // Due dates spread over ten weeks: on the run date the debtors stand at different steps.
    const due = new Date(Date.UTC(2026, 0, 25 + (d % 10) * 7)).toISOString().slice(0, 10);
    invoices.push({
      number: `F-${d}`,
      type: 'invoice',
      issueDate: '2026-01-10',
      currency: 'EUR',
      total: `${100 + d}.00`,
      paymentMethod: 'MP05',
      debtor: { name: `Debitore ${d}`, vatNumber: debtorVat },
      creditor: { vatNumber: portfolio.creditorVat },
      instalments: [{ dueDate: due, amount: `${100 + d}.00` }],
      evidence: ALL_YES,
    });
  }
  await addInvoices(ctx, invoices);
}

export type TSnapshot = { actions: string[]; tasks: string[]; cases: string[]; register: string[] };

export async function snapshot(db: TSql, excludeDebtorVat: string): Promise<TSnapshot> {
  const rows = (sql: string) =>
    db.query<{ line: string }>(sql, [excludeDebtorVat]).then((r) => r.map((x) => x.line).sort());
  const notPaid = `d.vat_number is distinct from $1`;
  return {
    actions: await rows(
      `select concat_ws('|', d.vat_number, a.step_key, a.status, a.total_cents, a.scheduled_on) as line
       from collection_actions a join collection_cases c on c.creditor_id = a.creditor_id and c.id = a.case_id
       join debtors d on d.creditor_id = c.creditor_id and d.id = c.debtor_id where ${notPaid}`,
    ),
    tasks: await rows(
      `select concat_ws('|', d.vat_number, t.kind, t.status) as line
       from collection_tasks t join collection_cases c on c.creditor_id = t.creditor_id and c.id = t.case_id
       join debtors d on d.creditor_id = c.creditor_id and d.id = c.debtor_id where ${notPaid}`,
    ),
    cases: await rows(
      `select concat_ws('|', d.vat_number, c.status) as line from collection_cases c
       join debtors d on d.creditor_id = c.creditor_id and d.id = c.debtor_id where ${notPaid}`,
    ),
    register: await rows(
      `select concat_ws('|', r.action, count(*)) as line from register_entries r
       left join debtors d on d.creditor_id = r.creditor_id and d.id = r.debtor_id
       where ${notPaid} and r.action like any (array['step.%', 'case.%', 'task.%']) group by r.action`,
    ),
  };
}

export function workerArgs(now: string, id: string): string[] {
  return ['worker', '--once', '--now', now, '--batch-size', '2', '--worker-id', id];
}
