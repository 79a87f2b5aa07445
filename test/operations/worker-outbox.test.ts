import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/adapters/logging/logger.ts';
import { smtpTransport } from '../../src/adapters/smtp/mail-transport.ts';
import { assignPolicy } from '../../src/app/collection/assign-policy.ts';
import { workerDuties } from '../../src/app/operations/worker-duties.ts';
import { workerTick } from '../../src/app/operations/worker-tick.ts';
import { commWorld } from '../communications/communication-world.ts';
import { ctxOn } from '../support/fixtures.ts';
import { startSmtpPeer, type TSmtpPeer } from '../support/smtp-peer.ts';
import { createTestDatabase, type TTestDatabase } from '../support/test-database.ts';

/**
 * The worker end to end: at the creditor's hour it runs the day, and the outbox duty hands the
 * e-mail the run decided to a real SMTP server, once, however many passes follow.
 */
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

describe('worker: daily run then outbox delivery', () => {
  it('sends the friendly reminder of the day once', async () => {
    const w = await commWorld(t.db);
    await assignPolicy(ctxOn(t.db, '2026-01-10'), w.creditorId, { policy: 'gentle', debtor: w.debtorVat });
    const senders = { email: smtpTransport(peer.url) };
    const config = {
      db: t.db,
      // 2026-03-16 10:00 in Rome: after the default 07:00 run time, inside office hours.
      clock: () => new Date('2026-03-16T09:00:00Z'),
      worker: 'w1',
      duties: workerDuties(senders),
      logger: silentLogger(),
    };
    const first = await workerTick(config);
    expect(first.runs).toMatchObject([{ creditorId: w.creditorId, runDate: '2026-03-16', status: 'done' }]);
    expect(first.duties).toEqual({ webhooks: 0, housekeeping: 0, outbox: 1 });
    expect(peer.received).toHaveLength(1);
    expect(peer.received[0]!.envelopeTo).toEqual(['contabilita@rossi.example']);

    const second = await workerTick(config);
    expect(second.runs).toEqual([]);
    expect(second.duties).toEqual({ webhooks: 0, housekeeping: 0, outbox: 0 });
    expect(peer.received).toHaveLength(1);
    senders.email.close();
  });

  it('has no outbox duty when no channel is configured; webhooks and housekeeping always', () => {
    expect(workerDuties({}).map((d) => d.name)).toEqual(['webhooks', 'housekeeping']);
  });
});
