import type { TSql } from '../database.ts';
import type { TDebtorRow } from './debtors.ts';

export async function findDebtorById(
  db: TSql,
  creditorId: number,
  debtorId: number,
): Promise<TDebtorRow | undefined> {
  const [row] = await db.query<TDebtorRow>(
    `select creditor_id, id, name, kind, country, vat_number, fiscal_code, pec, emails, phones, language,
            customer_group, notes
     from debtors where creditor_id = $1 and id = $2`,
    [creditorId, debtorId],
  );
  return row;
}

/** A debtor's instalments due on or before the date and still owed (for previews). */
export async function listOverdueInstalmentIds(
  db: TSql,
  creditorId: number,
  debtorId: number,
  date: string,
): Promise<number[]> {
  const rows = await db.query<{ id: number }>(
    `select t.id from instalments t
     join invoices i on i.creditor_id = t.creditor_id and i.id = t.invoice_id
     where t.creditor_id = $1 and i.debtor_id = $2 and i.type <> 'credit-note' and t.due_date <= $3::date
       and t.amount_cents > coalesce((select sum(a.amount_cents) from allocations a
             where a.creditor_id = t.creditor_id and a.instalment_id = t.id), 0)
     order by t.due_date, t.id`,
    [creditorId, debtorId, date],
  );
  return rows.map((r) => r.id);
}

/** Channels the outbox carries; the others of an action are tasks for a person. */
const OUTBOX_CHANNELS = ['email', 'pec', 'letter', 'registered-letter', 'sms'];

/**
 * Writes the outbox rows of queued actions, in the caller's transaction (the one that creates or
 * releases the action): one row per message channel. The Message-ID is fixed here, once, so
 * every attempt and any resend carries the same one. Once-only by (action, channel).
 */
export async function insertOutboxForActions(
  db: TSql,
  creditorId: number,
  actionIds: readonly number[],
  now: Date,
): Promise<number> {
  if (actionIds.length === 0) return 0;
  const rows = await db.query<{ id: number }>(
    `insert into outbox (creditor_id, action_id, channel, message_id, next_attempt_at)
     select a.creditor_id, a.id, ch.channel,
            '<' || ch.channel || '.' || a.id || '.' || cr.vat_number || '@riscossa.invalid>', $4::timestamptz
     from collection_actions a
     join creditors cr on cr.id = a.creditor_id
     cross join lateral unnest(a.channels) as ch(channel)
     where a.creditor_id = $1 and a.id = any($2::int8[]) and a.status = 'queued' and ch.channel = any($3::text[])
     on conflict (creditor_id, action_id, channel) do nothing
     returning id`,
    [creditorId, actionIds, OUTBOX_CHANNELS, now],
  );
  return rows.length;
}

export type TOutboxRow = {
  creditor_id: number;
  id: number;
  action_id: number;
  channel: string;
  status: string;
  needs_attention: boolean;
  attempts: number;
  next_attempt_at: Date;
  message_id: string;
  recipient: string | null;
  fallback_of: number | null;
  last_error: string | null;
  batch_date: string | null;
  tracking_number: string | null;
  /** Registered letters: the day the post delivered it. */
  delivered_on: string | null;
  created_at: Date;
  sent_at: Date | null;
};

const OUTBOX_COLUMNS = `o.creditor_id, o.id, o.action_id, o.channel, o.status, o.needs_attention, o.attempts,
  o.next_attempt_at, o.message_id, o.recipient, o.fallback_of, o.last_error, o.batch_date, o.tracking_number,
  o.delivered_on, o.created_at, o.sent_at`;

/** The next message due on one of the channels, locked for this sender (others skip it). */
export async function lockNextDue(
  db: TSql,
  channels: readonly string[],
  now: Date,
  creditorId: number | null,
  afterId: number,
): Promise<TOutboxRow | undefined> {
  const [row] = await db.query<TOutboxRow>(
    `select ${OUTBOX_COLUMNS} from outbox o
     where o.status = 'pending' and o.next_attempt_at <= $2 and o.channel = any($1::text[])
       and ($3::int8 is null or o.creditor_id = $3) and o.id > $4
     order by o.id limit 1
     for update skip locked`,
    [channels, now, creditorId, afterId],
  );
  return row;
}

export async function findOutboxRow(
  db: TSql,
  creditorId: number | null,
  id: number,
): Promise<TOutboxRow | undefined> {
  const [row] = await db.query<TOutboxRow>(
    `select ${OUTBOX_COLUMNS} from outbox o where o.id = $1 and ($2::int8 is null or o.creditor_id = $2)`,
    [id, creditorId],
  );
  return row;
}

export async function updateOutboxRow(
  db: TSql,
  row: Pick<TOutboxRow, 'creditor_id' | 'id'> & Partial<Omit<TOutboxRow, 'creditor_id' | 'id'>>,
): Promise<void> {
  const sets: string[] = [];
  const values: unknown[] = [row.creditor_id, row.id];
  for (const [k, v] of Object.entries(row)) {
    if (k === 'creditor_id' || k === 'id') continue;
    values.push(v);
    sets.push(`${k} = $${values.length}`);
  }
  await db.query(`update outbox set ${sets.join(', ')} where creditor_id = $1 and id = $2`, values);
}

export async function insertAttempt(
  db: TSql,
  a: { creditorId: number; outboxId: number; at: Date; outcome: string; detail: string | null },
): Promise<void> {
  await db.query(
    `insert into outbox_attempts (creditor_id, outbox_id, attempted_at, outcome, detail) values ($1, $2, $3, $4, $5)`,
    [a.creditorId, a.outboxId, a.at, a.outcome, a.detail],
  );
}

/** Actions that reached the debtor (any channel) since the instant, other than this one. */
export async function countRecentContacts(
  db: TSql,
  creditorId: number,
  debtorId: number,
  since: Date,
  exceptActionId: number,
): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    `select count(distinct o.action_id)::int8 as n
     from outbox o
     join collection_actions a on a.creditor_id = o.creditor_id and a.id = o.action_id
     join collection_cases c on c.creditor_id = a.creditor_id and c.id = a.case_id
     where o.creditor_id = $1 and c.debtor_id = $2 and o.status = 'sent' and o.sent_at >= $3 and o.action_id <> $4`,
    [creditorId, debtorId, since, exceptActionId],
  );
  return row?.n ?? 0;
}

/** A fallback message on another channel for the same action; none if that channel already has one. */
export async function insertFallback(
  db: TSql,
  from: TOutboxRow,
  channel: string,
  now: Date,
): Promise<number | null> {
  const [row] = await db.query<{ id: number }>(
    `insert into outbox (creditor_id, action_id, channel, message_id, next_attempt_at, fallback_of)
     select $1::int8, $2::int8, $3::text, '<' || $3::text || '.' || $2::int8 || '.' || cr.vat_number || '@riscossa.invalid>', $4::timestamptz, $5::int8
     from creditors cr where cr.id = $1::int8
     on conflict (creditor_id, action_id, channel) do nothing
     returning id`,
    [from.creditor_id, from.action_id, channel, now, from.id],
  );
  return row?.id ?? null;
}

/** A message step is `sent` once one of its messages went out (the engine counts it as done). */
export async function markActionSent(db: TSql, creditorId: number, actionId: number): Promise<void> {
  await db.query(
    `update collection_actions set status = 'sent' where creditor_id = $1 and id = $2 and status = 'queued'`,
    [creditorId, actionId],
  );
}

export type TOutboxListRow = TOutboxRow & {
  step_key: string;
  debtor_id: number;
  debtor_name: string;
  attempt_log: Array<{ at: string; outcome: string; detail: string | null }>;
};

export async function listOutboxRows(
  db: TSql,
  f: {
    creditorId: number | null;
    status: string | null;
    needsAttention: boolean;
    afterId: number;
    limit: number;
  },
): Promise<TOutboxListRow[]> {
  return db.query<TOutboxListRow>(
    `select ${OUTBOX_COLUMNS}, a.step_key, d.id as debtor_id, d.name as debtor_name,
       coalesce((select jsonb_agg(jsonb_build_object('at', t.attempted_at, 'outcome', t.outcome, 'detail', t.detail) order by t.id)
                 from outbox_attempts t where t.creditor_id = o.creditor_id and t.outbox_id = o.id), '[]') as attempt_log
     from outbox o
     join collection_actions a on a.creditor_id = o.creditor_id and a.id = o.action_id
     join collection_cases c on c.creditor_id = a.creditor_id and c.id = a.case_id
     join debtors d on d.creditor_id = c.creditor_id and d.id = c.debtor_id
     where ($1::int8 is null or o.creditor_id = $1) and ($2::text is null or o.status = $2)
       and (not $3 or o.needs_attention) and o.id > $4
     order by o.id limit $5`,
    [f.creditorId, f.status, f.needsAttention, f.afterId, f.limit],
  );
}

/** Takes every pending letter due by the end of the day into that day's batch (once: a batch is fixed). */
export async function assignLetterBatch(
  db: TSql,
  creditorId: number,
  date: string,
  endOfDay: Date,
): Promise<number> {
  const [existing] = await db.query<{ n: number }>(
    'select count(*)::int8 as n from outbox where creditor_id = $1 and batch_date = $2::date',
    [creditorId, date],
  );
  if ((existing?.n ?? 0) > 0) return 0;
  const rows = await db.query<{ id: number }>(
    `update outbox set batch_date = $2::date
     where creditor_id = $1 and status = 'pending' and batch_date is null
       and channel in ('letter', 'registered-letter') and next_attempt_at < $3
     returning id`,
    [creditorId, date, endOfDay],
  );
  return rows.length;
}

export type TBatchLetterRow = TOutboxRow & { letter_pdf: Uint8Array | null; letter_pages: number | null };

export async function listBatchLetters(
  db: TSql,
  creditorId: number,
  date: string,
): Promise<TBatchLetterRow[]> {
  return db.query<TBatchLetterRow>(
    `select ${OUTBOX_COLUMNS}, o.letter_pdf, o.letter_pages from outbox o
     where o.creditor_id = $1 and o.batch_date = $2::date and o.status in ('pending', 'sent')
     order by o.id`,
    [creditorId, date],
  );
}

export async function storeLetter(
  db: TSql,
  l: { creditorId: number; id: number; pdf: Buffer; pages: number; recipient: string; sentAt: Date },
): Promise<void> {
  await db.query(
    `update outbox set letter_pdf = $3, letter_pages = $4, recipient = $5, status = 'sent', sent_at = $6, attempts = attempts + 1
     where creditor_id = $1 and id = $2`,
    [l.creditorId, l.id, l.pdf, l.pages, l.recipient, l.sentAt],
  );
}

export async function findOutboxByMessageId(db: TSql, messageId: string): Promise<TOutboxRow | undefined> {
  const [row] = await db.query<TOutboxRow>(`select ${OUTBOX_COLUMNS} from outbox o where o.message_id = $1`, [
    messageId,
  ]);
  return row;
}

export type TPecReceiptRow = {
  id: number;
  outbox_id: number;
  kind: string;
  message_id: string;
  sender: string | null;
  recipient: string | null;
  provider: string | null;
  event_at: string | null;
  receipt_id: string | null;
  sha256: string;
  received_at: Date;
};

const RECEIPT_COLUMNS =
  'id, outbox_id, kind, message_id, sender, recipient, provider, event_at, receipt_id, sha256, received_at';

/** Keeps a receipt; the same file twice is one receipt (by its SHA-256). */
export async function insertPecReceipt(
  db: TSql,
  r: Omit<TPecReceiptRow, 'id' | 'received_at'> & {
    creditor_id: number;
    eml: Buffer;
    daticert: string;
    received_at: Date;
  },
): Promise<{ row: TPecReceiptRow; isNew: boolean }> {
  const [inserted] = await db.query<TPecReceiptRow>(
    `insert into pec_receipts (creditor_id, outbox_id, kind, message_id, sender, recipient, provider, event_at, receipt_id, sha256, eml, daticert, received_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
     on conflict (creditor_id, sha256) do nothing
     returning ${RECEIPT_COLUMNS}`,
    [
      r.creditor_id,
      r.outbox_id,
      r.kind,
      r.message_id,
      r.sender,
      r.recipient,
      r.provider,
      r.event_at,
      r.receipt_id,
      r.sha256,
      r.eml,
      r.daticert,
      r.received_at,
    ],
  );
  if (inserted) return { row: inserted, isNew: true };
  const [existing] = await db.query<TPecReceiptRow>(
    `select ${RECEIPT_COLUMNS} from pec_receipts where creditor_id = $1 and sha256 = $2`,
    [r.creditor_id, r.sha256],
  );
  return { row: existing!, isNew: false };
}

export async function listPecReceipts(
  db: TSql,
  creditorId: number,
  outboxId: number,
): Promise<Array<TPecReceiptRow & { eml: Uint8Array }>> {
  return db.query(
    `select ${RECEIPT_COLUMNS}, eml from pec_receipts where creditor_id = $1 and outbox_id = $2 order by id`,
    [creditorId, outboxId],
  );
}
