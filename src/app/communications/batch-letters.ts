import { stringify } from 'csv-stringify/sync';
import { mergePdfs, pageCount } from '../../adapters/letter-pdf/merge-pdfs.ts';
import { renderLetterPdf } from '../../adapters/letter-pdf/render-letter-pdf.ts';
import { type TMessageChannel, templateChannelOf } from '../../core/communications/channels.ts';
import { parseDate, type TCalendarDate } from '../../core/shared/calendar-date.ts';
import type { TSql } from '../../db/database.ts';
import {
  assignLetterBatch,
  findDebtorById,
  insertAttempt,
  listBatchLetters,
  markActionSent,
  storeLetter,
  type TBatchLetterRow,
  updateOutboxRow,
} from '../../db/queries/communication-outbox.ts';
import { findActionSource } from '../../db/queries/communication-sources.ts';
import { appendRegisterEntries } from '../register/append-register-entries.ts';
import type { TContext } from '../shared/context.ts';
import { buildOrExplain } from './build-communication.ts';
import { letterInput } from './letter-input.ts';

export type TBatchLetter = {
  id: number;
  actionId: number;
  channel: string;
  service: 'posta ordinaria' | 'raccomandata A/R';
  debtor: { id: number; name: string };
  address: string[];
  pages: number;
  fileName: string;
  trackingNumber: string | null;
  pdf: Buffer;
};

export type TLetterBatch = {
  date: string;
  letters: TBatchLetter[];
  /** Letters left out because everything they chased was settled, or the debtor has no postal address. */
  cancelled: Array<{ id: number; reason: string }>;
  merged: Buffer | null;
  dispatchCsv: string;
  registeredCsv: string;
};

/**
 * The print batch of a day. The first run takes every pending letter due by that day, re-reads
 * the balances (a letter whose instalments were all settled is cancelled), renders each letter
 * once and keeps it; any later run for the same day returns the same letters, the same merged
 * PDF and the same dispatch lists, byte for byte. Letters ignore quiet hours and the weekly cap:
 * paper takes days to arrive, and a registered letter is the legal step.
 */
export async function batchLetters(
  ctx: TContext,
  input: { creditorId: number; date: string },
): Promise<TLetterBatch> {
  const date = parseDate(input.date, 'date');
  const endOfDay = new Date(`${date}T23:59:59.999Z`);
  const cancelled = await ctx.db.transaction(async (db) => {
    await assignLetterBatch(db, input.creditorId, date, endOfDay);
    const out: TLetterBatch['cancelled'] = [];
    for (const row of await listBatchLetters(db, input.creditorId, date)) {
      if (row.letter_pdf) continue;
      const reason = await renderAndKeep({ ...ctx, db }, row, date);
      if (reason) out.push({ id: row.id, reason });
    }
    return out;
  });
  const rows = (await listBatchLetters(ctx.db, input.creditorId, date)).filter((r) => r.letter_pdf);
  const letters: TBatchLetter[] = [];
  for (const r of rows) {
    const action = (await findActionSource(ctx.db, r.creditor_id, r.action_id))!;
    const debtor = (await findDebtorById(ctx.db, r.creditor_id, action.debtor_id))!;
    letters.push({
      id: r.id,
      actionId: r.action_id,
      channel: r.channel,
      service: r.channel === 'registered-letter' ? 'raccomandata A/R' : 'posta ordinaria',
      debtor: { id: debtor.id, name: debtor.name },
      address: (r.recipient ?? '').split('\n'),
      pages: r.letter_pages ?? 0,
      fileName: `L${date.replaceAll('-', '')}-${String(r.id).padStart(8, '0')}.pdf`,
      trackingNumber: r.tracking_number,
      pdf: Buffer.from(r.letter_pdf!),
    });
  }
  const columns = [
    'file',
    'outbox id',
    'service',
    'name',
    'address',
    'postal code and city',
    'country',
    'pages',
    'tracking number',
  ];
  const record = (l: TBatchLetter) => [
    l.fileName,
    l.id,
    l.service,
    l.address[0] ?? '',
    l.address[1] ?? '',
    l.address[2] ?? '',
    l.address[3] ?? 'IT',
    l.pages,
    l.trackingNumber ?? '',
  ];
  return {
    date,
    letters,
    cancelled,
    merged: letters.length
      ? await mergePdfs(
          letters.map((l) => l.pdf),
          endOfDay,
          `Letters ${date}`,
        )
      : null,
    dispatchCsv: stringify([columns, ...letters.map(record)]),
    registeredCsv: stringify([
      columns,
      ...letters.filter((l) => l.channel === 'registered-letter').map(record),
    ]),
  };
}

/** Renders one letter and keeps it, or says why it is not sent. */
async function renderAndKeep(
  ctx: TContext,
  row: TBatchLetterRow,
  date: TCalendarDate,
): Promise<string | null> {
  const db: TSql = ctx.db;
  const action = (await findActionSource(db, row.creditor_id, row.action_id))!;
  const debtor = (await findDebtorById(db, row.creditor_id, action.debtor_id))!;
  const { comm, problem } =
    action.status === 'cancelled'
      ? { comm: null, problem: null }
      : await buildOrExplain(db, {
          creditorId: row.creditor_id,
          debtor,
          templateKey: action.template,
          stepKey: action.step_key,
          tone: action.tone,
          channel: templateChannelOf(row.channel as TMessageChannel),
          instalmentIds: action.instalments.map((i) => i.id),
          date,
        });
  const reason = problem
    ? problem
    : !comm
      ? 'every instalment was settled since the decision'
      : comm.debtorAddressLines.length < 3
        ? 'the debtor has no postal address'
        : null;
  if (reason || !comm) {
    const isSettled = !comm && !problem;
    await updateOutboxRow(db, {
      creditor_id: row.creditor_id,
      id: row.id,
      status: isSettled ? 'cancelled' : 'failed',
      needs_attention: !isSettled,
      batch_date: null,
      last_error: reason,
    });
    await insertAttempt(db, {
      creditorId: row.creditor_id,
      outboxId: row.id,
      at: ctx.now,
      outcome: isSettled ? 'cancelled' : 'hard-failure',
      detail: reason,
    });
    await appendRegisterEntries(ctx, row.creditor_id, [
      {
        action: isSettled ? 'message.cancelled' : 'message.failed',
        subjectType: 'outbox',
        subjectId: row.id,
        debtorId: debtor.id,
        reason,
        data: { actionId: row.action_id, channel: row.channel },
      },
    ]);
    return reason;
  }
  const pdf = await renderLetterPdf(letterInput(comm));
  await storeLetter(db, {
    creditorId: row.creditor_id,
    id: row.id,
    pdf,
    pages: await pageCount(pdf),
    recipient: comm.debtorAddressLines.join('\n'),
    sentAt: ctx.now,
  });
  await insertAttempt(db, {
    creditorId: row.creditor_id,
    outboxId: row.id,
    at: ctx.now,
    outcome: 'sent',
    detail: `print batch ${date}`,
  });
  await markActionSent(db, row.creditor_id, row.action_id);
  await appendRegisterEntries(ctx, row.creditor_id, [
    {
      action: 'letter.batched',
      subjectType: 'outbox',
      subjectId: row.id,
      debtorId: debtor.id,
      data: {
        actionId: row.action_id,
        channel: row.channel,
        batchDate: date,
        instalmentIds: comm.instalments.map((i) => i.id),
        totalCents: comm.totalCents,
        currency: comm.currency,
        reference: comm.rfReference,
      },
    },
  ]);
  return null;
}
