import type { TSql } from '../database.ts';

export type TLegalStageRow = {
  id: number;
  stage: string;
  happened_on: string;
  reference: string;
  note: string;
  recorded_by: string;
};

export async function listLegalStages(
  db: TSql,
  creditorId: number,
  caseId: number,
): Promise<TLegalStageRow[]> {
  return db.query<TLegalStageRow>(
    `select id, stage, happened_on, reference, note, recorded_by from legal_stages
     where creditor_id = $1 and case_id = $2 order by happened_on, id`,
    [creditorId, caseId],
  );
}

export async function insertLegalStage(
  db: TSql,
  creditorId: number,
  s: { caseId: number; stage: string; on: string; reference: string; note: string; by: string },
): Promise<TLegalStageRow | undefined> {
  const [row] = await db.query<TLegalStageRow>(
    `insert into legal_stages (creditor_id, case_id, stage, happened_on, reference, note, recorded_by)
     values ($1, $2, $3, $4, $5, $6, $7) on conflict (creditor_id, case_id, stage) do nothing
     returning id, stage, happened_on, reference, note, recorded_by`,
    [creditorId, s.caseId, s.stage, s.on, s.reference, s.note, s.by],
  );
  return row;
}

/** What the case's instalments still owe on the ledger (capital), per currency. */
export async function caseOutstanding(
  db: TSql,
  creditorId: number,
  caseId: number,
): Promise<Array<{ currency: string; outstanding_cents: number }>> {
  return db.query(
    `select i.currency,
            sum(t.amount_cents - coalesce((select sum(a.amount_cents) from allocations a
                                           where a.creditor_id = t.creditor_id and a.instalment_id = t.id), 0))::int8
              as outstanding_cents
     from case_instalments ci
     join instalments t on t.creditor_id = ci.creditor_id and t.id = ci.instalment_id
     join invoices i on i.creditor_id = t.creditor_id and i.id = t.invoice_id
     where ci.creditor_id = $1 and ci.case_id = $2
     group by i.currency order by i.currency`,
    [creditorId, caseId],
  );
}

export type TCaseOutcomeRow = {
  outcome: string;
  closed_on: string;
  outstanding_cents: number;
  written_off_cents: number;
  currency: string;
  note: string;
};

export async function insertCaseOutcome(
  db: TSql,
  creditorId: number,
  o: {
    caseId: number;
    outcome: string;
    on: string;
    outstandingCents: number;
    writtenOffCents: number;
    currency: string;
    note: string;
    by: string;
  },
): Promise<void> {
  await db.query(
    `insert into case_outcomes (creditor_id, case_id, outcome, closed_on, outstanding_cents, written_off_cents, currency, note, recorded_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [creditorId, o.caseId, o.outcome, o.on, o.outstandingCents, o.writtenOffCents, o.currency, o.note, o.by],
  );
}

export async function findCaseOutcome(
  db: TSql,
  creditorId: number,
  caseId: number,
): Promise<TCaseOutcomeRow | undefined> {
  const [row] = await db.query<TCaseOutcomeRow>(
    `select outcome, closed_on, outstanding_cents, written_off_cents, currency, note from case_outcomes
     where creditor_id = $1 and case_id = $2`,
    [creditorId, caseId],
  );
  return row;
}
