import type { TSql } from '../database.ts';
import type { TDebtorRow } from './debtors.ts';

/** What the case file reads: the case, its invoices, actions, proofs and register extract. */

export type TCaseHeadRow = {
  id: number;
  creditor_id: number;
  debtor_id: number;
  status: string;
  policy_key: string;
  opened_on: string;
  anchor_due_date: string;
  closed_on: string | null;
  close_reason: string | null;
  handed_over_on: string | null;
  handed_over_to: string | null;
  assignee: string | null;
};

/** A case by id; `creditorId` null searches every tenant (the caller then knows the tenant). */
export async function findCaseHead(
  db: TSql,
  creditorId: number | null,
  caseId: number,
): Promise<TCaseHeadRow | undefined> {
  const [row] = await db.query<TCaseHeadRow>(
    `select c.id, c.creditor_id, c.debtor_id, c.status, p.key as policy_key, c.opened_on, c.anchor_due_date,
            c.closed_on, c.close_reason, c.handed_over_on, c.handed_over_to, c.assignee
     from collection_cases c
     join collection_policies p on p.creditor_id = c.creditor_id and p.id = c.policy_id
     where ($1::int8 is null or c.creditor_id = $1) and c.id = $2`,
    [creditorId, caseId],
  );
  return row;
}

export type TCaseInvoiceRow = {
  id: number;
  number: string;
  type: string;
  document_type: string | null;
  issue_date: string;
  currency: string;
  total_cents: number;
  payment_method: string | null;
  payment_iban: string | null;
  recipient_pec: string | null;
  recipient_code: string | null;
  terms_agreed: string;
  invoice_accurate: string;
  receipt_confirmed: string;
  delivery_proof: string;
  payment_instructions: string;
  instalment_ids: number[];
};

/** The invoices whose instalments the case chases, oldest first. */
export async function listCaseInvoices(
  db: TSql,
  creditorId: number,
  caseId: number,
): Promise<TCaseInvoiceRow[]> {
  return db.query<TCaseInvoiceRow>(
    `select i.id, i.number, i.type, i.document_type, i.issue_date, i.currency, i.total_cents, i.payment_method,
            i.payment_iban, i.recipient_pec, i.recipient_code, i.terms_agreed, i.invoice_accurate,
            i.receipt_confirmed, i.delivery_proof, i.payment_instructions,
            json_agg(t.id order by t.seq) as instalment_ids
     from case_instalments ci
     join instalments t on t.creditor_id = ci.creditor_id and t.id = ci.instalment_id
     join invoices i on i.creditor_id = t.creditor_id and i.id = t.invoice_id
     where ci.creditor_id = $1 and ci.case_id = $2
     group by i.id, i.creditor_id
     order by i.issue_date, i.id`,
    [creditorId, caseId],
  );
}

export type TDebtorAddressRow = {
  kind: string;
  street: string;
  postal_code: string | null;
  city: string;
  province: string | null;
  country: string;
};

export async function listDebtorAddresses(
  db: TSql,
  creditorId: number,
  debtorId: number,
): Promise<TDebtorAddressRow[]> {
  return db.query<TDebtorAddressRow>(
    `select kind, street, postal_code, city, province, country from debtor_addresses
     where creditor_id = $1 and debtor_id = $2 order by id`,
    [creditorId, debtorId],
  );
}

export type TCaseActionRow = {
  id: number;
  step_key: string;
  channels: string[];
  tone: string;
  template: string;
  status: string;
  scheduled_on: string;
  created_on: string;
  done_on: string | null;
  total_cents: number;
  instalments: Array<{
    id: number;
    invoiceNumber: string;
    dueDate: string;
    outstandingCents: number;
    currency: string;
  }>;
  reason: string | null;
  tasks: Array<{
    id: number;
    kind: string;
    status: string;
    due_date: string;
    outcome: string | null;
    note: string | null;
    completed_on: string | null;
    completed_by: string | null;
  }>;
};

/** Every action of the case decided on or before the date, with its tasks and their outcomes. */
export async function listCaseActions(
  db: TSql,
  creditorId: number,
  caseId: number,
  asOf: string,
): Promise<TCaseActionRow[]> {
  return db.query<TCaseActionRow>(
    `select a.id, a.step_key, a.channels, a.tone, a.template, a.status, a.scheduled_on, a.created_on, a.done_on,
            a.total_cents, a.instalments, a.reason,
            coalesce((select json_agg(json_build_object('id', k.id, 'kind', k.kind, 'status', k.status,
                        'due_date', k.due_date, 'outcome', k.outcome, 'note', k.note,
                        'completed_on', k.completed_on, 'completed_by', k.completed_by) order by k.id)
                      from collection_tasks k where k.creditor_id = a.creditor_id and k.action_id = a.id), '[]') as tasks
     from collection_actions a
     where a.creditor_id = $1 and a.case_id = $2 and a.created_on <= $3::date
     order by a.created_on, a.id`,
    [creditorId, caseId, asOf],
  );
}

export type TCaseTaskRow = {
  id: number;
  kind: string;
  status: string;
  due_date: string;
  outcome: string | null;
  note: string | null;
  reason: string | null;
  completed_on: string | null;
};

/** Tasks not tied to a step (tracing, proof of payment), created on or before the date. */
export async function listCaseLooseTasks(
  db: TSql,
  creditorId: number,
  caseId: number,
  asOf: string,
): Promise<TCaseTaskRow[]> {
  return db.query<TCaseTaskRow>(
    `select id, kind, status, due_date, outcome, note, reason, completed_on from collection_tasks
     where creditor_id = $1 and case_id = $2 and action_id is null and created_on <= $3::date order by id`,
    [creditorId, caseId, asOf],
  );
}

export type TStoredProofRow = {
  source: 'prescription-interruption' | 'recovery-cost';
  id: number;
  invoice_id: number;
  kind: string;
  date: string;
  reference: string;
  file_name: string;
  sha256: string;
  content: Uint8Array;
};

/** Proofs kept beside written demands delivered (PEC, registered letters) and recovery costs. */
export async function listStoredProofs(
  db: TSql,
  creditorId: number,
  invoiceIds: readonly number[],
  asOf: string,
): Promise<TStoredProofRow[]> {
  return db.query<TStoredProofRow>(
    `select 'prescription-interruption' as source, id, invoice_id, kind, delivered_on as date, reference,
            proof_file_name as file_name, proof_sha256 as sha256, proof as content
     from prescription_interruptions
     where creditor_id = $1 and invoice_id = any($2::int8[]) and proof is not null and delivered_on <= $3::date
     union all
     select 'recovery-cost', id, invoice_id, 'recovery-cost', incurred_on, description, proof_file_name, proof_sha256, proof
     from recovery_costs
     where creditor_id = $1 and invoice_id = any($2::int8[]) and proof is not null and incurred_on <= $3::date
     order by 5, 2`,
    [creditorId, invoiceIds, asOf],
  );
}

export type TRegisterExtractRow = {
  seq: number;
  occurred_at: Date;
  actor: string;
  action: string;
  subject_type: string;
  subject_id: number | null;
  debtor_id: number | null;
  reason: string | null;
  data: unknown;
  prev_hash: string;
  hash: string;
  format: number;
  payload_salt: string | null;
  payload_digest: string | null;
  erased_at: Date | null;
};

/** The debtor's register entries up to the end of the date (Italian time). */
export async function listRegisterExtract(
  db: TSql,
  creditorId: number,
  debtorId: number,
  asOf: string,
): Promise<TRegisterExtractRow[]> {
  return db.query<TRegisterExtractRow>(
    `select seq, occurred_at, actor, action, subject_type, subject_id, debtor_id, reason, data, prev_hash, hash,
       format, payload_salt, payload_digest, erased_at
     from register_entries
     where creditor_id = $1 and debtor_id = $2
       and occurred_at < (($3::date + 1)::timestamp at time zone 'Europe/Rome')
     order by seq`,
    [creditorId, debtorId, asOf],
  );
}

export type TProgressRow = {
  id: number;
  case_id: number;
  recorded_on: string;
  stage: string;
  note: string;
  amount_cents: number | null;
  recorded_by: string;
};

export async function listCaseProgress(
  db: TSql,
  creditorId: number,
  caseId: number,
): Promise<TProgressRow[]> {
  return db.query<TProgressRow>(
    `select id, case_id, recorded_on, stage, note, amount_cents, recorded_by from case_progress
     where creditor_id = $1 and case_id = $2 order by recorded_on, id`,
    [creditorId, caseId],
  );
}

export async function insertCaseProgress(
  db: TSql,
  creditorId: number,
  p: {
    caseId: number;
    recordedOn: string;
    stage: string;
    note: string;
    amountCents: number | null;
    by: string;
  },
): Promise<TProgressRow> {
  const [row] = await db.query<TProgressRow>(
    `insert into case_progress (creditor_id, case_id, recorded_on, stage, note, amount_cents, recorded_by)
     values ($1, $2, $3, $4, $5, $6, $7)
     returning id, case_id, recorded_on, stage, note, amount_cents, recorded_by`,
    [creditorId, p.caseId, p.recordedOn, p.stage, p.note, p.amountCents, p.by],
  );
  return row!;
}

export async function markHandedOver(
  db: TSql,
  creditorId: number,
  caseIds: readonly number[],
  on: string,
): Promise<Array<{ id: number; debtor_id: number }>> {
  if (caseIds.length === 0) return [];
  return db.query(
    `update collection_cases set handed_over_on = $2::date
     where creditor_id = $1 and id = any($3::int8[]) and handed_over_on is null and status = 'open'
     returning id, debtor_id`,
    [creditorId, on, caseIds],
  );
}

/** Handed-over cases whose case file was not stored yet (a crash between the two, or the first run). */
export async function casesAwaitingCaseFile(
  db: TSql,
  creditorId: number,
): Promise<Array<{ id: number; handed_over_on: string }>> {
  return db.query(
    `select c.id, c.handed_over_on from collection_cases c
     where c.creditor_id = $1 and c.handed_over_on is not null
       and not exists (select 1 from case_files f where f.creditor_id = c.creditor_id and f.case_id = c.id)
     order by c.id`,
    [creditorId],
  );
}

export async function insertCaseFile(
  db: TSql,
  creditorId: number,
  f: {
    caseId: number;
    asOf: string;
    fileName: string;
    sha256: string;
    content: Uint8Array;
    manifest: unknown;
    by: string;
  },
): Promise<boolean> {
  const rows = await db.query(
    `insert into case_files (creditor_id, case_id, as_of, file_name, sha256, size_bytes, content, manifest, built_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9) on conflict do nothing returning case_id`,
    [
      creditorId,
      f.caseId,
      f.asOf,
      f.fileName,
      f.sha256,
      f.content.length,
      f.content,
      JSON.stringify(f.manifest),
      f.by,
    ],
  );
  return rows.length > 0;
}

export type TStoredCaseFileRow = { as_of: string; file_name: string; sha256: string; content: Uint8Array };

export async function findCaseFile(
  db: TSql,
  creditorId: number,
  caseId: number,
): Promise<TStoredCaseFileRow | undefined> {
  const [row] = await db.query<TStoredCaseFileRow>(
    'select as_of, file_name, sha256, content from case_files where creditor_id = $1 and case_id = $2',
    [creditorId, caseId],
  );
  return row;
}

export async function findDebtorById(
  db: TSql,
  creditorId: number,
  debtorId: number,
): Promise<TDebtorRow | undefined> {
  const [row] = await db.query<TDebtorRow>(
    `select creditor_id, id, name, kind, country, vat_number, fiscal_code, pec, emails, phones, language, customer_group, notes
     from debtors where creditor_id = $1 and id = $2`,
    [creditorId, debtorId],
  );
  return row;
}
