import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileSmsSender } from '../../src/adapters/sms/sms-sender.ts';
import { smtpTransport } from '../../src/adapters/smtp/mail-transport.ts';
import { addPolicy } from '../../src/app/collection/add-policy.ts';
import { assignPolicy } from '../../src/app/collection/assign-policy.ts';
import { createApp } from '../../src/server/app.ts';
import { runOn } from '../collection/collection-fixtures.ts';
import { adminHeaders, userHeaders, withHeaders } from '../support/api-auth.ts';
import { ctxOn } from '../support/fixtures.ts';
import { startSmtpPeer, type TSmtpPeer } from '../support/smtp-peer.ts';
import { createTestDatabase, type TTestDatabase } from '../support/test-database.ts';
import { commWorld } from './communication-world.ts';

let t: TTestDatabase;
let peer: TSmtpPeer;
const smsFile = join(mkdtempSync(join(tmpdir(), 'riscossa-sms-')), 'sms.jsonl');
beforeAll(async () => {
  t = await createTestDatabase();
  peer = await startSmtpPeer();
});
afterAll(async () => {
  await peer.close();
  await t.drop();
});

// E-mail, letter and SMS on the same step, 3 days after the due date.
const ALL_CHANNELS = {
  key: 'all-channels',
  name: 'All channels',
  steps: [
    {
      key: 'notice',
      channels: ['email', 'letter', 'sms'],
      tone: 'friendly',
      template: 'reminder-letter',
      when: { from: 'due-date', days: 3 },
    },
  ],
};

describe('communications over HTTP', () => {
  it('conduct rules: read, changed by a credit manager, refused to an operator, bad hours named', async () => {
    const w = await commWorld(t.db);
    const manager = withHeaders(
      createApp({ db: t.db }),
      await userHeaders(t.db, { role: 'credit_manager', creditors: [w.creditorId] }),
    );
    const operator = withHeaders(
      createApp({ db: t.db }),
      await userHeaders(t.db, { role: 'operator', creditors: [w.creditorId] }),
    );
    const read = await manager.request(`/api/v1/conduct?creditor=${w.creditorVat}`);
    expect(await read.json()).toEqual({
      creditor: w.creditorVat,
      quietFromHour: 20,
      quietToHour: 8,
      weeklyCap: 2,
    });
    const put = (app: typeof manager, body: unknown) =>
      app.request('/api/v1/conduct', {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const changed = await put(manager, { creditor: w.creditorVat, quietFromHour: 21, weeklyCap: 3 });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toEqual({
      creditor: w.creditorVat,
      quietFromHour: 21,
      quietToHour: 8,
      weeklyCap: 3,
    });
    expect((await put(operator, { creditor: w.creditorVat, weeklyCap: 9 })).status).toBe(403);
    const bad = await put(manager, { creditor: w.creditorVat, quietToHour: 24 });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).details).toMatchObject({ field: 'quietToHour', value: 24 });
    const [row] = await t.db.query<{ conduct: unknown }>(
      `select settings->'conduct' as conduct from creditors where id = $1`,
      [w.creditorId],
    );
    expect(row!.conduct).toEqual({ quietFromHour: 21, quietToHour: 8, weeklyCap: 3 });
  });

  it('templates, outbox, sending (e-mail and SMS), letters batch and tracking', async () => {
    const w = await commWorld(t.db);
    await t.db.query(`update debtors set phones = '{"+39 333 1234567"}' where creditor_id = $1`, [
      w.creditorId,
    ]);
    await addPolicy(ctxOn(t.db, '2026-01-10'), w.creditorId, ALL_CHANNELS);
    await assignPolicy(ctxOn(t.db, '2026-01-10'), w.creditorId, {
      policy: 'all-channels',
      debtor: w.debtorVat,
    });
    await runOn(t.db, w, '2026-03-16');
    const email = smtpTransport(peer.url);
    const app = withHeaders(
      createApp({
        db: t.db,
        clock: () => new Date('2026-03-16T10:00:00Z'),
        senders: { email, sms: fileSmsSender(smsFile) },
      }),
      await adminHeaders(t.db),
    );
    const q = `creditor=${w.creditorVat}`;

    const list = await app.request(`/api/v1/templates?${q}`);
    expect(list.status).toBe(200);
    expect(((await list.json()) as any[]).length).toBe(28);
    const bad = await app.request('/api/v1/templates/reminder-letter', {
      method: 'PUT',
      body: JSON.stringify({
        creditor: w.creditorVat,
        language: 'it',
        channel: 'sms',
        subject: '',
        body: '{{ totale }}',
      }),
    });
    expect(bad.status).toBe(400);
    const good = await app.request('/api/v1/templates/reminder-letter', {
      method: 'PUT',
      body: JSON.stringify({
        creditor: w.creditorVat,
        language: 'it',
        channel: 'sms',
        subject: '',
        body: '{{ creditor.name }}: aperti {{ total }}, causale {{ reference }}',
      }),
    });
    expect(good.status).toBe(200);
    const preview = await app.request('/api/v1/templates/preview', {
      method: 'POST',
      body: JSON.stringify({
        creditor: w.creditorVat,
        debtor: w.debtorVat,
        template: 'final-notice',
        channel: 'letter',
        date: '2026-03-16',
        format: 'pdf',
      }),
    });
    expect(preview.headers.get('content-type')).toBe('application/pdf');
    // An unsaved draft is rendered instead of the stored text; a broken one is refused by field.
    const draft = async (body: string) =>
      app.request('/api/v1/templates/preview', {
        method: 'POST',
        body: JSON.stringify({
          creditor: w.creditorVat,
          debtor: w.debtorVat,
          template: 'reminder-letter',
          channel: 'email',
          date: '2026-03-16',
          draft: { subject: 'Promemoria', body, closing: '' },
        }),
      });
    const drafted = (await (await draft('Aperti {{ total }}.')).json()) as any;
    expect([drafted.subject, drafted.text.split('\n')[0]]).toEqual(['Promemoria', 'Aperti EUR 1.520,50.']);
    const broken = await draft('{{ nope.nope | frobnicate }}');
    expect([broken.status, ((await broken.json()) as any).details.field]).toEqual([400, 'draft.body']);

    const outbox = (await (await app.request(`/api/v1/outbox?${q}`)).json()) as any[];
    expect(outbox.map((r) => r.channel)).toEqual(['email', 'letter', 'sms']);
    const send = (await (
      await app.request('/api/v1/outbox/send', {
        method: 'POST',
        body: JSON.stringify({ creditor: w.creditorVat }),
      })
    ).json()) as any;
    email.close();
    // The same action on three channels counts as one contact for the weekly cap.
    expect(send).toMatchObject({ sent: 2, deferred: 0 });
    expect(peer.received).toHaveLength(1);
    const sms = readFileSync(smsFile, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(sms).toHaveLength(1);
    expect(sms[0].to).toBe('+39 333 1234567');
    expect(sms[0].text).toMatch(/aperti EUR 1\.520,50, causale RF\d\d/);

    const batch = await app.request('/api/v1/letters/batch', {
      method: 'POST',
      body: JSON.stringify({ creditor: w.creditorVat, date: '2026-03-16', format: 'csv' }),
    });
    expect((await batch.text()).split('\n')[1]).toMatch(
      /^L20260316-\d{8}\.pdf,\d+,posta ordinaria,Rossi Costruzioni/,
    );
    const tracking = await app.request(`/api/v1/letters/${outbox[1].id}/tracking`, {
      method: 'POST',
      body: JSON.stringify({ trackingNumber: '123456789012' }),
    });
    expect(tracking.status).toBe(404); // an ordinary letter has no tracking number
    const retry = await app.request(`/api/v1/outbox/${outbox[0].id}/retry`, { method: 'POST', body: '{}' });
    expect(retry.status).toBe(409);
  });
});
