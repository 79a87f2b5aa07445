import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { smtpTransport } from '../../src/adapters/smtp/mail-transport.ts';
import { assignPolicy } from '../../src/app/collection/assign-policy.ts';
import { listOutbox } from '../../src/app/communications/list-outbox.ts';
import { retryOutbox } from '../../src/app/communications/retry-outbox.ts';
import { sendOutbox, type TSenders } from '../../src/app/communications/send-outbox.ts';
import { recordPayment } from '../../src/app/ledger/record-payment.ts';
import { makeContext } from '../../src/app/shared/context.ts';
import { parseDate } from '../../src/core/shared/calendar-date.ts';
import { runOn } from '../collection/collection-fixtures.ts';
import { ctxOn } from '../support/fixtures.ts';
import { startSmtpPeer, type TSmtpPeer } from '../support/smtp-peer.ts';
import { createTestDatabase, type TTestDatabase } from '../support/test-database.ts';
import { commWorld, type TCommWorld } from './communication-world.ts';

let t: TTestDatabase;
let peer: TSmtpPeer;
let senders: TSenders;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());
beforeEach(async () => {
  peer = await startSmtpPeer();
  senders = { email: smtpTransport(peer.url) };
});
afterEach(async () => {
  senders.email?.close();
  await peer.close();
});

// Gentle policy (seed 000): the friendly e-mail reminder is due 3 days after the due date.
// FT-1 1220.00 due 2026-02-02 and FT-2/1 300.50 due 2026-02-10 are overdue on 2026-03-16 (a Monday).
const DAY = '2026-03-16';

async function gentleWorld(over: Parameters<typeof commWorld>[1] = {}): Promise<TCommWorld> {
  const w = await commWorld(t.db, over);
  await assignPolicy(ctxOn(t.db, '2026-01-10'), w.creditorId, { policy: 'gentle', debtor: w.debtorVat });
  const run = await runOn(t.db, { ...w }, DAY);
  expect(run.stepsTaken).toBe(1);
  return w;
}

const pdfDir = mkdtempSync(join(tmpdir(), 'riscossa-mail-pdf-'));
function pdfText(pdf: Buffer): string {
  const file = join(pdfDir, `${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

function at(iso: string) {
  return makeContext(t.db, 'test', new Date(iso), parseDate(iso.slice(0, 10)));
}

async function outboxOf(w: TCommWorld) {
  return listOutbox(t.db, { creditorId: w.creditorId }, new Date(`${DAY}T10:00:00Z`));
}

describe('transactional outbox and e-mail sender', () => {
  it('the run writes the outbox row with the action; the sender delivers once with attachments and a stable Message-ID', async () => {
    const w = await gentleWorld();
    const [row] = await outboxOf(w);
    expect(row).toMatchObject({
      channel: 'email',
      status: 'pending',
      stepKey: 'friendly-reminder',
      attempts: 0,
    });
    expect(row!.messageId).toMatch(
      new RegExp(`^<email\\.${row!.actionId}\\.${w.creditorVat}@riscossa\\.invalid>$`),
    );

    const first = await sendOutbox(at(`${DAY}T10:00:00Z`), senders, { creditorId: w.creditorId });
    expect(first).toMatchObject({ sent: 1, temporaryFailures: 0, hardFailures: 0 });
    expect(peer.received).toHaveLength(1);
    const { envelopeTo, mail } = peer.received[0]!;
    expect(envelopeTo).toEqual(['contabilita@rossi.example']);
    expect(mail.messageId).toBe(row!.messageId);
    expect(mail.from?.text).toContain('amministrazione@acme.example');
    expect(mail.subject).toMatch(/comunicazione amministrativa rif\. RF\d\d/);
    expect(mail.subject).not.toMatch(/sollecit|recupero|mora|insolut/i);
    expect(mail.text).toContain('FT-1       1     10/01/2026  02/02/2026  EUR 1.220,00  EUR 1.220,00');
    expect(mail.text).toContain('Totale residuo: EUR 1.520,50');
    expect(mail.text).toContain('IBAN IT60 X054 2811 1010 0000 0123 456');
    expect(mail.html).toContain('<td style="text-align:right">EUR 300,50</td>');
    expect(mail.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      ['sepa-qr.png', 'image/png'],
      ['comunicazione-20260316.pdf', 'application/pdf'],
      ['estratto-conto-20260316.pdf', 'application/pdf'],
    ]);

    const statement = peer.received[0]!.mail.attachments[2]!.content;
    const letter = peer.received[0]!.mail.attachments[1]!.content;
    expect(pdfText(statement)).toContain('Estratto conto al 16/03/2026');
    expect(pdfText(letter).replace(/\s+/g, ' ')).toContain('Totale residuo EUR 1.520,50');

    // A rerun of the sender (even later) sends nothing more.
    const again = await sendOutbox(at(`${DAY}T12:00:00Z`), senders, { creditorId: w.creditorId });
    expect(again.messages).toEqual([]);
    expect(peer.received).toHaveLength(1);
    const [after] = await outboxOf(w);
    expect(after).toMatchObject({ status: 'sent', attempts: 1, recipient: 'contabilita@rossi.example' });
    expect(after!.attemptLog.map((a) => a.outcome)).toEqual(['sent']);
    const [action] = await t.db.query<{ status: string }>(
      'select status from collection_actions where creditor_id = $1 and id = $2',
      [w.creditorId, after!.actionId],
    );
    expect(action!.status).toBe('sent');
  });

  it('cancels the message when every instalment was paid after the decision', async () => {
    const w = await gentleWorld();
    await recordPayment(ctxOn(t.db, DAY), {
      debtor: w.debtorVat,
      creditor: w.creditorVat,
      amount: '1520.50',
      date: DAY,
      invoices: ['FT-1', 'FT-2'],
    });
    const result = await sendOutbox(at(`${DAY}T11:00:00Z`), senders, { creditorId: w.creditorId });
    expect(result).toMatchObject({ sent: 0, cancelled: 1 });
    expect(peer.received).toHaveLength(0);
    const [row] = await outboxOf(w);
    expect(row).toMatchObject({
      status: 'cancelled',
      lastError: 'every instalment was settled since the decision',
    });
  });

  it('a partly paid debt goes out with the instalments still owed only', async () => {
    const w = await gentleWorld();
    await recordPayment(ctxOn(t.db, DAY), {
      debtor: w.debtorVat,
      creditor: w.creditorVat,
      amount: '1220.00',
      date: DAY,
      invoices: ['FT-1'],
    });
    await sendOutbox(at(`${DAY}T11:00:00Z`), senders, { creditorId: w.creditorId });
    expect(peer.received[0]!.mail.text).not.toContain('FT-1 ');
    expect(peer.received[0]!.mail.text).toContain('Totale residuo: EUR 300,50');
  });

  it('a refused connection is a temporary failure, retried later with backoff', async () => {
    const w = await gentleWorld();
    const closed = { email: smtpTransport('smtp://127.0.0.1:1/?ignoreTLS=true') };
    const result = await sendOutbox(at(`${DAY}T10:00:00Z`), closed, { creditorId: w.creditorId });
    closed.email.close();
    expect(result).toMatchObject({ sent: 0, temporaryFailures: 1 });
    const [row] = await outboxOf(w);
    expect(row).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: `${DAY}T10:05:00.000Z` });
    expect(row!.lastError).toMatch(/ECONNREFUSED|ESOCKET|ECONNECTION/);
    // Not due yet: a second run a minute later leaves it alone.
    expect(
      (await sendOutbox(at(`${DAY}T10:01:00Z`), senders, { creditorId: w.creditorId })).messages,
    ).toEqual([]);
  });

  it('a 4xx reply then success on the retry: one message arrives, both attempts are recorded', async () => {
    const w = await gentleWorld();
    peer.rcpt = (_a, n) => (n === 1 ? { code: 451, message: 'Try again later' } : null);
    const first = await sendOutbox(at(`${DAY}T10:00:00Z`), senders, { creditorId: w.creditorId });
    expect(first.temporaryFailures).toBe(1);
    const second = await sendOutbox(at(`${DAY}T10:06:00Z`), senders, { creditorId: w.creditorId });
    expect(second.sent).toBe(1);
    expect(peer.received).toHaveLength(1);
    const [row] = await outboxOf(w);
    expect(row!.attemptLog.map((a) => a.outcome)).toEqual(['temporary-failure', 'sent']);
    expect(row!.attemptLog[0]!.detail).toContain('451');
    expect(peer.received[0]!.mail.messageId).toBe(row!.messageId);
  });

  it('a 5xx refusal is a hard failure for a person, and the same action falls back to a letter', async () => {
    const w = await gentleWorld();
    peer.rcpt = () => ({ code: 550, message: 'No such user' });
    const result = await sendOutbox(at(`${DAY}T10:00:00Z`), senders, { creditorId: w.creditorId });
    expect(result.hardFailures).toBe(1);
    const rows = await outboxOf(w);
    expect(rows.map((r) => [r.channel, r.status, r.needsAttention, r.fallbackOf])).toEqual([
      ['email', 'failed', true, null],
      ['letter', 'pending', false, rows[0]!.id],
    ]);
    expect(rows[0]!.lastError).toContain('550');
    const attention = await listOutbox(t.db, { creditorId: w.creditorId, needsAttention: true }, new Date());
    expect(attention.map((r) => r.id)).toEqual([rows[0]!.id]);
    // A person fixes it and retries: it goes out.
    peer.rcpt = () => null;
    await retryOutbox(at(`${DAY}T11:00:00Z`), {
      id: rows[0]!.id,
      creditorId: w.creditorId,
      reason: 'address confirmed',
    });
    expect((await sendOutbox(at(`${DAY}T11:00:00Z`), senders, { creditorId: w.creditorId })).sent).toBe(1);
    expect(peer.received).toHaveLength(1);
  });

  it('a connection dropped in the middle of the message is retried; nothing arrived twice', async () => {
    const w = await gentleWorld();
    peer.data = (_s, n) => (n === 1 ? 'drop' : 'accept');
    const first = await sendOutbox(at(`${DAY}T10:00:00Z`), senders, { creditorId: w.creditorId });
    expect(first.temporaryFailures).toBe(1);
    expect(peer.received).toHaveLength(0);
    senders.email!.close();
    senders = { email: smtpTransport(peer.url) };
    const second = await sendOutbox(at(`${DAY}T10:10:00Z`), senders, { creditorId: w.creditorId });
    expect(second.sent).toBe(1);
    expect(peer.received).toHaveLength(1);
  });

  it('conduct: nothing in quiet hours, a weekly cap per debtor, a debtor without e-mail falls back to a letter', async () => {
    const w = await gentleWorld();
    const night = await sendOutbox(at(`${DAY}T21:30:00Z`), senders, { creditorId: w.creditorId });
    expect(night).toMatchObject({ sent: 0, deferred: 1 });
    const [row] = await outboxOf(w);
    expect(row!.nextAttemptAt).toBe('2026-03-17T07:00:00.000Z'); // 08:00 in Rome (CET)
    await t.db.query(
      `update creditors set settings = settings || '{"conduct":{"weeklyCap":0}}' where id = $1`,
      [w.creditorId],
    );
    const capped = await sendOutbox(at('2026-03-17T08:00:00Z'), senders, { creditorId: w.creditorId });
    expect(capped.messages[0]!.detail).toBe('weekly cap of 0 contacts reached');
    expect(peer.received).toHaveLength(0);

    const noMail = await commWorld(t.db, { email: 'x@y.example' });
    await t.db.query(`update debtors set emails = '{}' where creditor_id = $1`, [noMail.creditorId]);
    await assignPolicy(ctxOn(t.db, '2026-01-10'), noMail.creditorId, {
      policy: 'gentle',
      debtor: noMail.debtorVat,
    });
    await runOn(t.db, noMail, DAY);
    const r = await sendOutbox(at(`${DAY}T10:00:00Z`), senders, { creditorId: noMail.creditorId });
    expect(r.messages[0]).toMatchObject({
      outcome: 'hard-failure',
      detail: 'the debtor has no email address',
    });
    expect(r.messages[0]!.fallbackId).not.toBeNull();
  });

  it('the crash window: a message left sending is never resent by the sender; a person retries it with the same Message-ID', async () => {
    const w = await gentleWorld();
    const [row] = await outboxOf(w);
    // As if the process died after the server accepted the message and before it was recorded.
    await t.db.query(
      `update outbox set status = 'sending', attempts = 1, next_attempt_at = $3 where creditor_id = $1 and id = $2`,
      [w.creditorId, row!.id, new Date(`${DAY}T10:00:00Z`)],
    );
    expect(
      (await sendOutbox(at(`${DAY}T11:00:00Z`), senders, { creditorId: w.creditorId })).messages,
    ).toEqual([]);
    const [unknown] = await listOutbox(t.db, { creditorId: w.creditorId }, new Date(`${DAY}T10:20:00Z`));
    expect(unknown).toMatchObject({ status: 'sending', isUnknown: true });
    await retryOutbox(at(`${DAY}T11:00:00Z`), {
      id: row!.id,
      creditorId: w.creditorId,
      reason: 'not in the SMTP log',
    });
    expect((await sendOutbox(at(`${DAY}T11:00:00Z`), senders, { creditorId: w.creditorId })).sent).toBe(1);
    expect(peer.received.map((m) => m.mail.messageId)).toEqual([row!.messageId]);
  });
});
