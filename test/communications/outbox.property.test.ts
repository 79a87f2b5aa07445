import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smtpTransport } from '../../src/adapters/smtp/mail-transport.ts';
import { assignPolicy } from '../../src/app/collection/assign-policy.ts';
import { sendOutbox } from '../../src/app/communications/send-outbox.ts';
import { recordPayment } from '../../src/app/ledger/record-payment.ts';
import { makeContext } from '../../src/app/shared/context.ts';
import { parseDate } from '../../src/core/shared/calendar-date.ts';
import { runOn } from '../collection/collection-fixtures.ts';
import { ctxOn } from '../support/fixtures.ts';
import { startSmtpPeer, type TSmtpPeer } from '../support/smtp-peer.ts';
import { createTestDatabase, type TTestDatabase } from '../support/test-database.ts';
import { commWorld } from './communication-world.ts';

let t: TTestDatabase;
let peer: TSmtpPeer;
beforeAll(async () => {
  t = await createTestDatabase();
  peer = await startSmtpPeer();
});
afterAll(async () => {
  await peer.close();
  await t.drop();
});

const DAY = '2026-03-16';
type TStep =
  | { kind: 'send'; reply: 'ok' | '451' | '550' | 'drop'; minutes: number }
  | { kind: 'pay-all' }
  | { kind: 'run' };

const step: fc.Arbitrary<TStep> = fc.oneof(
  fc.record({
    kind: fc.constant('send' as const),
    reply: fc.constantFrom('ok', '451', '550', 'drop'),
    minutes: fc.integer({ min: 0, max: 600 }),
  }),
  fc.constant({ kind: 'pay-all' as const }),
  fc.constant({ kind: 'run' as const }),
);

describe('outbox invariants (property)', () => {
  it('whatever runs, sends, server failures and payments interleave: each message arrives at most once, never after the debt is paid', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 6 }), async (steps) => {
        const w = await commWorld(t.db);
        await assignPolicy(ctxOn(t.db, '2026-01-10'), w.creditorId, {
          policy: 'gentle',
          debtor: w.debtorVat,
        });
        await runOn(t.db, w, DAY);
        const before = peer.received.length;
        let paidAt = -1;
        let clock = Date.parse(`${DAY}T09:00:00Z`);
        for (const s of steps) {
          if (s.kind === 'run') await runOn(t.db, w, DAY);
          else if (s.kind === 'pay-all') {
            if (paidAt < 0) {
              await recordPayment(ctxOn(t.db, DAY), {
                debtor: w.debtorVat,
                creditor: w.creditorVat,
                amount: '1821.00',
                date: DAY,
              });
              paidAt = peer.received.length;
            }
          } else {
            clock += s.minutes * 60_000;
            peer.rcpt = () =>
              s.reply === '451'
                ? { code: 451, message: 'later' }
                : s.reply === '550'
                  ? { code: 550, message: 'no' }
                  : null;
            peer.data = () => (s.reply === 'drop' ? 'drop' : 'accept');
            const email = smtpTransport(peer.url);
            const now = new Date(Math.min(clock, Date.parse(`${DAY}T18:00:00Z`)));
            await sendOutbox(
              makeContext(t.db, 'test', now, parseDate(DAY)),
              { email },
              { creditorId: w.creditorId },
            );
            email.close();
          }
        }
        peer.rcpt = () => null;
        peer.data = () => 'accept';
        const mine = peer.received
          .slice(before)
          .filter((m) => m.mail.messageId?.includes(`.${w.creditorVat}@`));
        const ids = mine.map((m) => m.mail.messageId);
        expect(new Set(ids).size).toBe(ids.length);
        // Nothing reached the server after the whole debt was paid.
        if (paidAt >= 0) expect(peer.received.length).toBe(paidAt);
      }),
      { numRuns: 12 },
    );
  }, 600_000);
});
