import type { TSmsSender } from '../../adapters/sms/sms-sender.ts';
import type { TMailTransport } from '../../adapters/smtp/mail-transport.ts';
import { classifySmtpError } from '../../adapters/smtp/mail-transport.ts';
import { type TMessageChannel, templateChannelOf } from '../../core/communications/channels.ts';
import { endOfQuietHours, isQuietHour, parseConduct } from '../../core/communications/conduct.ts';
import type { TSql } from '../../db/database.ts';
import {
  countRecentContacts,
  findDebtorById,
  insertAttempt,
  lockNextDue,
  markActionSent,
  type TOutboxRow,
  updateOutboxRow,
} from '../../db/queries/communication-outbox.ts';
import { findActionSource } from '../../db/queries/communication-sources.ts';
import { findCreditorById } from '../../db/queries/creditors.ts';
import type { TDebtorRow } from '../../db/queries/debtors.ts';
import { appendRegisterEntries } from '../register/append-register-entries.ts';
import type { TContext } from '../shared/context.ts';
import { buildOrExplain, type TCommunication } from './build-communication.ts';
import { composeMail } from './compose-mail.ts';
import { cancel, defer, fail, type TSentMessage, view } from './outbox-outcomes.ts';

export type TSenders = {
  email?: TMailTransport | null;
  pec?: TMailTransport | null;
  sms?: TSmsSender | null;
  /** From address when the creditor has no e-mail of its own. */
  defaultFrom?: string | null;
};

export type { TSentMessage };

export type TSendOutboxResult = {
  sent: number;
  temporaryFailures: number;
  hardFailures: number;
  cancelled: number;
  deferred: number;
  messages: TSentMessage[];
};

const WEEK_MS = 7 * 24 * 3_600_000;
const DAY_MS = 24 * 3_600_000;

/** Only the debtor's own addresses: the first e-mail, the PEC, the first phone. Never a contact person's. */
function recipientOf(debtor: TDebtorRow, channel: string): string | null {
  if (channel === 'email') return debtor.emails[0] ?? null;
  if (channel === 'pec') return debtor.pec;
  if (channel === 'sms') return debtor.phones[0] ?? null;
  return null;
}

type TClaim =
  | { kind: 'done'; message: TSentMessage }
  | { kind: 'send'; row: TOutboxRow; comm: TCommunication; recipient: string; from: string };

/**
 * Delivers the e-mail, PEC and SMS messages that are due, one at a time: (1) a short transaction
 * locks the row, checks the conduct rules and re-reads the balances (a message whose instalments
 * were all settled since the decision is cancelled), and marks it `sending`; (2) the message is
 * handed to the server after that commit; (3) a second transaction records the outcome and the
 * attempt. A row left `sending` by a crash between (2) and (3) is never resent automatically:
 * at most once (docs/communications.md, "the crash window"). Letters go out through print batches.
 */
export async function sendOutbox(
  ctx: TContext,
  senders: TSenders,
  options: { creditorId?: number | null; limit?: number } = {},
): Promise<TSendOutboxResult> {
  const channels = (['email', 'pec', 'sms'] as const).filter((c) => senders[c]);
  const result: TSendOutboxResult = {
    sent: 0,
    temporaryFailures: 0,
    hardFailures: 0,
    cancelled: 0,
    deferred: 0,
    messages: [],
  };
  const limit = options.limit ?? 10_000;
  let afterId = 0;
  while (result.messages.length < limit && channels.length > 0) {
    const claim = await ctx.db.transaction((db) =>
      claimNext(ctx, db, channels, options.creditorId ?? null, afterId, senders),
    );
    if (!claim) break;
    const message = claim.kind === 'done' ? claim.message : await deliver(ctx, claim, senders);
    afterId = message.id;
    result.messages.push(message);
    if (message.outcome === 'sent') result.sent += 1;
    else if (message.outcome === 'temporary-failure') result.temporaryFailures += 1;
    else if (message.outcome === 'hard-failure') result.hardFailures += 1;
    else if (message.outcome === 'cancelled') result.cancelled += 1;
    else result.deferred += 1;
  }
  return result;
}

async function claimNext(
  ctx: TContext,
  db: TSql,
  channels: readonly string[],
  creditorId: number | null,
  afterId: number,
  senders: TSenders,
): Promise<TClaim | null> {
  const row = await lockNextDue(db, channels, ctx.now, creditorId, afterId);
  if (!row) return null;
  const tx: TContext = { ...ctx, db };
  const action = (await findActionSource(db, row.creditor_id, row.action_id))!;
  const creditor = (await findCreditorById(db, row.creditor_id))!;
  const debtor = (await findDebtorById(db, row.creditor_id, action.debtor_id))!;
  if (action.status === 'cancelled')
    return { kind: 'done', message: await cancel(tx, row, debtor.id, 'the step was cancelled') };

  const conduct = parseConduct(creditor.settings);
  if (isQuietHour(ctx.now, conduct))
    return { kind: 'done', message: await defer(tx, row, endOfQuietHours(ctx.now, conduct), 'quiet hours') };
  const recent = await countRecentContacts(
    db,
    row.creditor_id,
    debtor.id,
    new Date(ctx.now.getTime() - WEEK_MS),
    row.action_id,
  );
  if (recent >= conduct.weeklyCap)
    return {
      kind: 'done',
      message: await defer(
        tx,
        row,
        new Date(ctx.now.getTime() + DAY_MS),
        `weekly cap of ${conduct.weeklyCap} contacts reached`,
      ),
    };

  const { comm, problem } = await buildOrExplain(db, {
    creditorId: row.creditor_id,
    debtor,
    templateKey: action.template,
    stepKey: action.step_key,
    tone: action.tone,
    channel: templateChannelOf(row.channel as TMessageChannel),
    instalmentIds: action.instalments.map((i) => i.id),
    date: ctx.today,
  });
  if (problem) return { kind: 'done', message: await fail(tx, row, debtor.id, 'hard', problem, false) };
  if (!comm)
    return {
      kind: 'done',
      message: await cancel(tx, row, debtor.id, 'every instalment was settled since the decision'),
    };
  const recipient = recipientOf(debtor, row.channel);
  if (!recipient)
    return {
      kind: 'done',
      message: await fail(tx, row, debtor.id, 'hard', `the debtor has no ${row.channel} address`, true),
    };
  const from = (row.channel === 'pec' ? creditor.pec : creditor.email) ?? senders.defaultFrom ?? null;
  if (!from)
    return {
      kind: 'done',
      message: await fail(
        tx,
        row,
        debtor.id,
        'hard',
        `the creditor has no ${row.channel} sender address`,
        false,
      ),
    };
  await updateOutboxRow(db, {
    creditor_id: row.creditor_id,
    id: row.id,
    status: 'sending',
    attempts: row.attempts + 1,
    recipient,
    // When the hand-over started: `outbox list` tells a crash-cut send from one in progress.
    next_attempt_at: ctx.now,
  });
  return {
    kind: 'send',
    row: { ...row, attempts: row.attempts + 1, recipient },
    comm,
    recipient,
    from: `"${creditor.name.replaceAll('"', "'")}" <${from}>`,
  };
}

async function deliver(
  ctx: TContext,
  claim: Extract<TClaim, { kind: 'send' }>,
  senders: TSenders,
): Promise<TSentMessage> {
  const { row, comm } = claim;
  let response: string;
  try {
    if (row.channel === 'sms') {
      const text = `${comm.text.body}`;
      response = (await senders.sms!.send({ to: claim.recipient, text, messageId: row.message_id })).response;
    } else {
      const mail = await composeMail(ctx.db, comm, {
        from: claim.from,
        to: claim.recipient,
        messageId: row.message_id,
        now: ctx.now,
      });
      response = (await senders[row.channel as 'email' | 'pec']!.send(mail)).response;
    }
  } catch (error) {
    const failure = classifySmtpError(error);
    return ctx.db.transaction((db) =>
      fail({ ...ctx, db }, row, comm.debtor.id, failure.kind, failure.detail, true),
    );
  }
  return ctx.db.transaction(async (db) => {
    await updateOutboxRow(db, {
      creditor_id: row.creditor_id,
      id: row.id,
      status: 'sent',
      sent_at: ctx.now,
      last_error: null,
    });
    await insertAttempt(db, {
      creditorId: row.creditor_id,
      outboxId: row.id,
      at: ctx.now,
      outcome: 'sent',
      detail: response.slice(0, 500),
    });
    await markActionSent(db, row.creditor_id, row.action_id);
    await appendRegisterEntries({ ...ctx, db }, row.creditor_id, [
      {
        action: 'message.sent',
        subjectType: 'outbox',
        subjectId: row.id,
        debtorId: comm.debtor.id,
        data: {
          actionId: row.action_id,
          channel: row.channel,
          recipient: claim.recipient,
          messageId: row.message_id,
          instalmentIds: comm.instalments.map((i) => i.id),
          totalCents: comm.totalCents,
          currency: comm.currency,
          reference: comm.rfReference,
        },
      },
    ]);
    return view(row, {
      outcome: 'sent',
      status: 'sent',
      recipient: claim.recipient,
      detail: response.slice(0, 200),
    });
  });
}
