import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPolicy } from '../../src/app/collection/add-policy.ts';
import { assignPolicy } from '../../src/app/collection/assign-policy.ts';
import { completeTask } from '../../src/app/collection/complete-task.ts';
import { batchLetters } from '../../src/app/communications/batch-letters.ts';
import { listOutbox } from '../../src/app/communications/list-outbox.ts';
import { recordTracking } from '../../src/app/communications/record-tracking.ts';
import { retryOutbox } from '../../src/app/communications/retry-outbox.ts';
import { saveTemplate } from '../../src/app/communications/save-template.ts';
import { recordPayment } from '../../src/app/ledger/record-payment.ts';
import { prescriptionClocks } from '../../src/app/prescription/prescription-clocks.ts';
import { parseDate } from '../../src/core/shared/calendar-date.ts';
import { runOn } from '../collection/collection-fixtures.ts';
import { ctxOn } from '../support/fixtures.ts';
import { createTestDatabase, type TTestDatabase } from '../support/test-database.ts';
import { commWorld, type TCommWorld } from './communication-world.ts';

let t: TTestDatabase;
const dir = mkdtempSync(join(tmpdir(), 'riscossa-letters-'));
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

// A letter 3 days after the due date, a registered formal demand one day after it.
const PAPER_POLICY = {
  key: 'paper',
  name: 'Paper only',
  steps: [
    {
      key: 'letter-1',
      channels: ['letter'],
      tone: 'friendly',
      template: 'letter-1-pay-within-10-days',
      when: { from: 'due-date', days: 3 },
    },
    {
      key: 'demand',
      channels: ['registered-letter'],
      tone: 'formal',
      template: 'formal-demand-letter',
      when: { from: 'step', step: 'letter-1', days: 1 },
    },
  ],
};

async function paperWorld(): Promise<TCommWorld> {
  const w = await commWorld(t.db);
  await addPolicy(ctxOn(t.db, '2026-01-10'), w.creditorId, PAPER_POLICY);
  await assignPolicy(ctxOn(t.db, '2026-01-10'), w.creditorId, { policy: 'paper', debtor: w.debtorVat });
  return w;
}

function pdfText(pdf: Uint8Array): string {
  const file = join(dir, `p-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

describe('letters', () => {
  it('a day batch: one PDF per letter with window address, letterhead, amounts and page numbers; rerun gives the same bytes', async () => {
    const w = await paperWorld();
    await runOn(t.db, w, '2026-03-16'); // letter-1 (Monday)
    const batch = await batchLetters(ctxOn(t.db, '2026-03-16'), {
      creditorId: w.creditorId,
      date: '2026-03-16',
    });
    expect(batch.letters.map((l) => [l.channel, l.service, l.pages])).toEqual([
      ['letter', 'posta ordinaria', 1],
    ]);
    const text = pdfText(batch.letters[0]!.pdf);
    expect(text).toContain(`Acme Forniture ${w.creditorVat} S.r.l.`);
    expect(text).toContain('Via Garibaldi 10');
    expect(text).toContain('10122 Torino (TO)');
    expect(text).toContain('16/03/2026');
    expect(text).toMatch(/FT-1\s+1\s+10\/01\/2026\s+02\/02\/2026\s+EUR 1\.220,00\s+EUR 1\.220,00/);
    expect(text).toMatch(/Totale residuo\s+EUR 1\.520,50/);
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('IBAN IT60 X054 2811 1010 0000 0123 456, importo EUR 1.520,50');
    expect(flat).toContain('entro il 31/03/2026');
    expect(text).toContain('Pagina 1 di 1');
    expect(pdfText(batch.merged!)).toContain('Pagina 1 di 1');
    expect(batch.dispatchCsv.split('\n')[1]).toBe(
      `L20260316-${String(batch.letters[0]!.id).padStart(8, '0')}.pdf,${batch.letters[0]!.id},posta ordinaria,Rossi Costruzioni ${w.debtorVat} S.p.A.,Via Garibaldi 10,10122 Torino (TO),IT,1,`,
    );
    // A payment after printing does not change the printed batch.
    await recordPayment(ctxOn(t.db, '2026-03-16'), {
      debtor: w.debtorVat,
      creditor: w.creditorVat,
      amount: '300.50',
      date: '2026-03-16',
      invoices: ['FT-2'],
    });
    const again = await batchLetters(ctxOn(t.db, '2026-03-16'), {
      creditorId: w.creditorId,
      date: '2026-03-16',
    });
    expect(again.letters.map((l) => l.id)).toEqual(batch.letters.map((l) => l.id));
    expect(Buffer.compare(again.letters[0]!.pdf, batch.letters[0]!.pdf)).toBe(0);
    expect(Buffer.compare(again.merged!, batch.merged!)).toBe(0);
    expect(again.dispatchCsv).toBe(batch.dispatchCsv);
  });

  it('the registered formal demand: dispatch list, tracking number, messa in mora text', async () => {
    const w = await paperWorld();
    await runOn(t.db, w, '2026-03-16');
    await runOn(t.db, w, '2026-03-17');
    const batch = await batchLetters(ctxOn(t.db, '2026-03-17'), {
      creditorId: w.creditorId,
      date: '2026-03-17',
    });
    // The 16th's letter was not printed: both go into the batch of the 17th.
    expect(batch.letters.map((l) => l.channel)).toEqual(['letter', 'registered-letter']);
    const demand = batch.letters[1]!;
    const text = pdfText(demand.pdf);
    expect(text).toContain('Raccomandata A/R');
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain("costituzione in mora ai sensi dell'art. 1219 del codice civile");
    expect(flat).toContain("l'importo forfettario di EUR 80,00");
    expect(batch.registeredCsv.trim().split('\n')).toHaveLength(2);
    expect(batch.registeredCsv).toContain('raccomandata A/R');
    await expect(
      recordTracking(ctxOn(t.db), {
        id: batch.letters[0]!.id,
        creditorId: w.creditorId,
        trackingNumber: '123456789012',
      }),
    ).rejects.toThrow(/not a registered letter/);
    await recordTracking(ctxOn(t.db), {
      id: demand.id,
      creditorId: w.creditorId,
      trackingNumber: '1234 5678 9012',
    });
    await recordTracking(ctxOn(t.db), {
      id: demand.id,
      creditorId: w.creditorId,
      trackingNumber: '123456789012',
    });
    await expect(
      recordTracking(ctxOn(t.db), {
        id: demand.id,
        creditorId: w.creditorId,
        trackingNumber: '999999999999',
      }),
    ).rejects.toThrow(/already has tracking number 123456789012/);
    const rerun = await batchLetters(ctxOn(t.db, '2026-03-17'), {
      creditorId: w.creditorId,
      date: '2026-03-17',
    });
    expect(rerun.registeredCsv).toContain(',123456789012');
  });

  it('a registered demand delivered interrupts prescription from the day of delivery, once', async () => {
    const w = await paperWorld();
    await runOn(t.db, w, '2026-03-16');
    await runOn(t.db, w, '2026-03-17');
    const batch = await batchLetters(ctxOn(t.db, '2026-03-17'), {
      creditorId: w.creditorId,
      date: '2026-03-17',
    });
    const demand = batch.letters.find((l) => l.channel === 'registered-letter')!;
    const ctx = ctxOn(t.db, '2026-03-25');
    // Posted: sending is not delivery, nothing is interrupted.
    const posted = await recordTracking(ctx, {
      id: demand.id,
      creditorId: w.creditorId,
      trackingNumber: '123456789012',
    });
    expect(posted).toEqual({
      id: demand.id,
      trackingNumber: '123456789012',
      deliveredOn: null,
      interruptions: 0,
    });
    await expect(
      recordTracking(ctx, {
        id: demand.id,
        creditorId: w.creditorId,
        trackingNumber: '123456789012',
        deliveredOn: '2026-03-16',
      }),
    ).rejects.toThrow(/deliveredOn.*2026-03-16.*before the letter was printed \(2026-03-17\)/);
    await expect(
      recordTracking(ctx, {
        id: demand.id,
        creditorId: w.creditorId,
        trackingNumber: '123456789012',
        deliveredOn: '2026-03-26',
      }),
    ).rejects.toThrow(/after today/);
    const delivered = await recordTracking(ctx, {
      id: demand.id,
      creditorId: w.creditorId,
      trackingNumber: '123456789012',
      deliveredOn: '2026-03-20',
    });
    // FT-1 (due 02/02) and FT-2/1 (due 10/02) were demanded; FT-2/2 (due 10/04) was not.
    expect(delivered).toEqual({
      id: demand.id,
      trackingNumber: '123456789012',
      deliveredOn: '2026-03-20',
      interruptions: 2,
    });
    const again = await recordTracking(ctx, {
      id: demand.id,
      creditorId: w.creditorId,
      trackingNumber: '123456789012',
      deliveredOn: '2026-03-20',
    });
    expect(again.interruptions).toBe(0);
    await expect(
      recordTracking(ctx, {
        id: demand.id,
        creditorId: w.creditorId,
        trackingNumber: '123456789012',
        deliveredOn: '2026-03-21',
      }),
    ).rejects.toThrow(/already delivered on 2026-03-20/);
    const clocks = await prescriptionClocks(t.db, {
      asOf: parseDate('2026-03-25'),
      creditorId: w.creditorId,
    });
    expect(
      clocks.map((c) => [
        c.invoice,
        c.instalmentSeq,
        c.expiresOn,
        c.history.map((h) => [h.date, h.kind, h.reference]),
      ]),
    ).toEqual([
      [
        'FT-1',
        1,
        '2036-03-20',
        [['2026-03-20', 'registered-letter', 'registered letter 123456789012 delivered on 2026-03-20']],
      ],
      [
        'FT-2',
        1,
        '2036-03-20',
        [['2026-03-20', 'registered-letter', 'registered letter 123456789012 delivered on 2026-03-20']],
      ],
      ['FT-2', 2, '2036-04-10', []],
    ]);
  });

  it('a letter whose instalments were all paid before the batch is cancelled, not printed', async () => {
    const w = await paperWorld();
    await runOn(t.db, w, '2026-03-16');
    await recordPayment(ctxOn(t.db, '2026-03-16'), {
      debtor: w.debtorVat,
      creditor: w.creditorVat,
      amount: '1520.50',
      date: '2026-03-16',
      invoices: ['FT-1', 'FT-2'],
    });
    const batch = await batchLetters(ctxOn(t.db, '2026-03-16'), {
      creditorId: w.creditorId,
      date: '2026-03-16',
    });
    expect(batch.letters).toEqual([]);
    expect(batch.cancelled.map((c) => c.reason)).toEqual(['every instalment was settled since the decision']);
    const rows = await listOutbox(t.db, { creditorId: w.creditorId }, new Date());
    expect(rows.map((r) => r.status)).toEqual(['cancelled']);
  });

  it('a letter whose template does not exist is a problem for a person, not a failed batch; once saved it prints', async () => {
    const w = await commWorld(t.db);
    await addPolicy(ctxOn(t.db, '2026-01-10'), w.creditorId, {
      key: 'own',
      name: 'Own letter',
      steps: [
        {
          key: 'own-letter',
          channels: ['letter'],
          tone: 'firm',
          template: 'my-own-letter',
          when: { from: 'due-date', days: 3 },
        },
      ],
    });
    await assignPolicy(ctxOn(t.db, '2026-01-10'), w.creditorId, { policy: 'own', debtor: w.debtorVat });
    await runOn(t.db, w, '2026-03-16');
    const batch = await batchLetters(ctxOn(t.db, '2026-03-16'), {
      creditorId: w.creditorId,
      date: '2026-03-16',
    });
    expect(batch.letters).toEqual([]);
    expect(batch.cancelled[0]!.reason).toContain('no "my-own-letter" template for letter in it');
    const [row] = await listOutbox(t.db, { creditorId: w.creditorId, needsAttention: true }, new Date());
    expect(row).toMatchObject({ status: 'failed', channel: 'letter' });
    await saveTemplate(ctxOn(t.db), {
      creditorId: w.creditorId,
      templateKey: 'my-own-letter',
      language: 'it',
      channel: 'letter',
      subject: '{{ creditor.name }}',
      body: 'Spettabile {{ debtor.name }}, Vi preghiamo di saldare entro il {{ deadline }}.',
    });
    await retryOutbox(ctxOn(t.db, '2026-03-17'), { id: row!.id, creditorId: w.creditorId });
    const next = await batchLetters(ctxOn(t.db, '2026-03-17'), {
      creditorId: w.creditorId,
      date: '2026-03-17',
    });
    expect(next.letters.map((l) => l.id)).toEqual([row!.id]);
    expect(pdfText(next.letters[0]!.pdf).replace(/\s+/g, ' ')).toContain(
      'Vi preghiamo di saldare entro il 01/04/2026.',
    );
  });

  it('a step held for review queues its letter in the transaction that approves it', async () => {
    const w = await commWorld(t.db);
    await t.db.query(`update invoices set delivery_proof = 'unknown' where creditor_id = $1`, [w.creditorId]);
    await addPolicy(ctxOn(t.db, '2026-01-10'), w.creditorId, {
      key: 'reviewed',
      name: 'Reviewed demand',
      steps: [
        {
          key: 'demand',
          channels: ['registered-letter'],
          tone: 'formal',
          template: 'formal-demand-letter',
          when: { from: 'due-date', days: 3 },
          requiresEvidence: true,
        },
      ],
    });
    await assignPolicy(ctxOn(t.db, '2026-01-10'), w.creditorId, { policy: 'reviewed', debtor: w.debtorVat });
    await runOn(t.db, w, '2026-03-16');
    expect(await listOutbox(t.db, { creditorId: w.creditorId }, new Date())).toEqual([]);
    const [task] = await t.db.query<{ id: number }>(
      `select id from collection_tasks where creditor_id = $1 and kind = 'review'`,
      [w.creditorId],
    );
    await completeTask(ctxOn(t.db, '2026-03-17'), { taskId: task!.id, outcome: 'approved' });
    const rows = await listOutbox(t.db, { creditorId: w.creditorId }, new Date());
    expect(rows.map((r) => [r.channel, r.status, r.stepKey])).toEqual([
      ['registered-letter', 'pending', 'demand'],
    ]);
  });
});
