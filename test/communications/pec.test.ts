import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smtpTransport } from '../../src/adapters/smtp/mail-transport.ts';
import { addPolicy } from '../../src/app/collection/add-policy.ts';
import { assignPolicy } from '../../src/app/collection/assign-policy.ts';
import { ingestPecReceipt } from '../../src/app/communications/ingest-pec-receipt.ts';
import { listOutbox } from '../../src/app/communications/list-outbox.ts';
import { listReceiptsOf } from '../../src/app/communications/list-pec-receipts.ts';
import { sendOutbox } from '../../src/app/communications/send-outbox.ts';
import { prescriptionClocks } from '../../src/app/prescription/prescription-clocks.ts';
import { makeContext } from '../../src/app/shared/context.ts';
import { parseDate } from '../../src/core/shared/calendar-date.ts';
import { runOn } from '../collection/collection-fixtures.ts';
import { ctxOn } from '../support/fixtures.ts';
import { startSmtpPeer, type TSmtpPeer } from '../support/smtp-peer.ts';
import { createTestDatabase, type TTestDatabase } from '../support/test-database.ts';
import { commWorld, type TCommWorld } from './communication-world.ts';

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
const DEMAND_BY_PEC = {
  key: 'pec-demand',
  name: 'Demand by PEC',
  steps: [
    {
      key: 'demand',
      channels: ['pec'],
      tone: 'formal',
      template: 'diffida-legale',
      when: { from: 'due-date', days: 3 },
    },
  ],
};

async function pecSent(): Promise<{ w: TCommWorld; outboxId: number; messageId: string }> {
  const w = await commWorld(t.db);
  await addPolicy(ctxOn(t.db, '2026-01-10'), w.creditorId, DEMAND_BY_PEC);
  await assignPolicy(ctxOn(t.db, '2026-01-10'), w.creditorId, { policy: 'pec-demand', debtor: w.debtorVat });
  await runOn(t.db, w, DAY);
  const pec = smtpTransport(peer.url);
  const ctx = makeContext(t.db, 'test', new Date(`${DAY}T10:00:00Z`), parseDate(DAY));
  const sent = await sendOutbox(ctx, { pec }, { creditorId: w.creditorId });
  pec.close();
  expect(sent.sent).toBe(1);
  return { w, outboxId: sent.messages[0]!.id, messageId: sent.messages[0]!.messageId };
}

function daticert(kind: string, msgid: string, extra = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
${extra}<postacert tipo="${kind}" errore="${kind === 'errore-consegna' ? 'no-dest' : 'nessuno'}">
  <intestazione>
    <mittente>acme@pec.example</mittente>
    <destinatari tipo="certificato">rossi@pec.example</destinatari>
    <risposte>acme@pec.example</risposte>
    <oggetto>Comunicazione</oggetto>
  </intestazione>
  <dati>
    <gestore-emittente>Gestore PEC di prova S.p.A.</gestore-emittente>
    <data zona="+0100"><giorno>16/03/2026</giorno><ora>11:00:05</ora></data>
    <identificativo>opec210.20260316110005.12345.01.1.1@pec.example</identificativo>
    <msgid>${msgid.replace('<', '&lt;').replace('>', '&gt;')}</msgid>
    ${kind === 'avvenuta-consegna' ? '<consegna>rossi@pec.example</consegna>' : ''}
  </dati>
</postacert>`;
}

async function receiptEml(kind: string, msgid: string, extra = ''): Promise<Buffer> {
  const label =
    kind === 'accettazione'
      ? 'ACCETTAZIONE'
      : kind === 'avvenuta-consegna'
        ? 'CONSEGNA'
        : 'ERRORE DI CONSEGNA';
  return new MailComposer({
    from: 'posta-certificata@pec.example',
    to: 'acme@pec.example',
    subject: `${label}: Comunicazione`,
    text: `Ricevuta di ${kind}`,
    attachments: [
      { filename: 'daticert.xml', content: daticert(kind, msgid, extra), contentType: 'application/xml' },
    ],
  })
    .compile()
    .build();
}

describe('PEC', () => {
  it('goes out over SMTP to the provider, to the debtor PEC, from the creditor PEC', async () => {
    const { messageId } = await pecSent();
    const { envelopeTo, mail } = peer.received.at(-1)!;
    expect(envelopeTo).toEqual(['rossi@pec.example']);
    expect(mail.from?.text).toContain('acme@pec.example');
    expect(mail.messageId).toBe(messageId);
    expect(mail.text).toContain('diffidiamo pertanto e Vi costituiamo formalmente in mora');
  });

  it('acceptance and delivery receipts are attached to the message as proof; the same file twice is one receipt', async () => {
    const { w, outboxId, messageId } = await pecSent();
    const ctx = ctxOn(t.db, DAY);
    const acceptance = await ingestPecReceipt(ctx, {
      eml: await receiptEml('accettazione', messageId),
      creditorId: w.creditorId,
    });
    expect(acceptance).toMatchObject({
      outboxId,
      kind: 'accettazione',
      provider: 'Gestore PEC di prova S.p.A.',
      eventAt: '16/03/2026 11:00:05 +0100',
      isNew: true,
    });
    const deliveryEml = await receiptEml('avvenuta-consegna', messageId);
    const delivery = await ingestPecReceipt(ctx, { eml: deliveryEml, creditorId: null });
    expect(delivery).toMatchObject({
      kind: 'avvenuta-consegna',
      deliveredTo: 'rossi@pec.example',
      isNew: true,
    });
    const again = await ingestPecReceipt(ctx, { eml: deliveryEml, creditorId: null });
    expect(again).toMatchObject({ id: delivery.id, isNew: false });
    const kept = await listReceiptsOf(t.db, w.creditorId, outboxId);
    expect(kept.map((r) => r.kind)).toEqual(['accettazione', 'avvenuta-consegna']);
    expect(Buffer.compare(kept[1]!.eml, deliveryEml)).toBe(0);
  });

  it('a delivery receipt interrupts prescription of the demanded instalments on the day of delivery, once', async () => {
    const { w, outboxId, messageId } = await pecSent();
    const ctx = ctxOn(t.db, DAY);
    const count = async () =>
      (
        await t.db.query<{ n: number }>(
          'select count(*)::int8 as n from prescription_interruptions where creditor_id = $1',
          [w.creditorId],
        )
      )[0]!.n;
    // Acceptance proves sending only: nothing interrupted.
    const acceptance = await ingestPecReceipt(ctx, {
      eml: await receiptEml('accettazione', messageId),
      creditorId: w.creditorId,
    });
    expect([acceptance.interruptions, await count()]).toEqual([0, 0]);
    const eml = await receiptEml('avvenuta-consegna', messageId);
    const delivery = await ingestPecReceipt(ctx, { eml, creditorId: w.creditorId });
    // The demand of 2026-03-16 chased FT-1 (due 02/02) and FT-2/1 (due 10/02); FT-2/2 was not due.
    expect(delivery.interruptions).toBe(2);
    const again = await ingestPecReceipt(ctx, { eml, creditorId: w.creditorId });
    expect([again.isNew, again.interruptions, await count()]).toEqual([false, 0, 2]);
    const clocks = await prescriptionClocks(t.db, {
      asOf: parseDate('2026-03-20'),
      creditorId: w.creditorId,
    });
    expect(
      clocks.map((c) => [
        c.invoice,
        c.instalmentSeq,
        c.expiresOn,
        c.history.map((h) => [h.date, h.kind, h.effect]),
      ]),
    ).toEqual([
      ['FT-1', 1, '2036-03-16', [['2026-03-16', 'pec', 'interrupted']]],
      ['FT-2', 1, '2036-03-16', [['2026-03-16', 'pec', 'interrupted']]],
      ['FT-2', 2, '2036-04-10', []],
    ]);
    const [row] = await t.db.query<{ reference: string; outbox_id: number }>(
      'select reference, outbox_id from prescription_interruptions where creditor_id = $1 order by id limit 1',
      [w.creditorId],
    );
    expect(row).toEqual({
      reference: `PEC delivery receipt opec210.20260316110005.12345.01.1.1@pec.example of ${messageId}`,
      outbox_id: outboxId,
    });
  });

  it('a delivery error marks the message for a person and queues a registered letter', async () => {
    const { w, messageId } = await pecSent();
    const r = await ingestPecReceipt(ctxOn(t.db, DAY), {
      eml: await receiptEml('errore-consegna', messageId),
      creditorId: w.creditorId,
    });
    expect(r.fallbackId).not.toBeNull();
    const rows = await listOutbox(t.db, { creditorId: w.creditorId }, new Date());
    expect(rows.map((x) => [x.channel, x.status, x.needsAttention])).toEqual([
      ['pec', 'failed', true],
      ['registered-letter', 'pending', false],
    ]);
  });

  it('refuses a DOCTYPE or entity, an unknown message, and a mail without daticert.xml', async () => {
    const { messageId } = await pecSent();
    const ctx = ctxOn(t.db, DAY);
    await expect(
      ingestPecReceipt(ctx, {
        eml: await receiptEml('accettazione', messageId, '<!DOCTYPE postacert [<!ENTITY x "boom">]>\n'),
        creditorId: null,
      }),
    ).rejects.toThrow(/daticert\.xml: .*refused.*DOCTYPE/);
    await expect(
      ingestPecReceipt(ctx, { eml: await receiptEml('accettazione', '<nobody@x>'), creditorId: null }),
    ).rejects.toThrow(/no message <nobody@x> was sent/);
    const plain = await new MailComposer({
      from: 'a@b.example',
      to: 'c@d.example',
      subject: 'hello',
      text: 'hi',
    })
      .compile()
      .build();
    await expect(ingestPecReceipt(ctx, { eml: plain, creditorId: null })).rejects.toThrow(
      /has no daticert\.xml attachment/,
    );
  });
});
