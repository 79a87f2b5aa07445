import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/server/serve.ts';
import { adminHeaders, type TAuthHeaders } from '../support/api-auth.ts';
import { buildCamt053 } from '../support/camt-builder.ts';
import { seedCreditor } from '../support/fixtures.ts';
import { createTestDatabase, type TTestDatabase } from '../support/test-database.ts';

const FIXTURES = join(import.meta.dirname, '../fixtures/fatturapa');
let t: TTestDatabase;
let server: ServerType;
let base: string;
let auth: TAuthHeaders;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedCreditor(t.db);
  auth = await adminHeaders(t.db);
  const started = await startServer(t.db, 0);
  server = started.server;
  base = `http://127.0.0.1:${started.port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await t.drop();
});

function form(files: Array<[string, string | Uint8Array]>): FormData {
  const data = new FormData();
  for (const [name, content] of files) data.append('file', new Blob([content]), name);
  return data;
}

describe('HTTP imports and the unmatched queue', () => {
  it('imports uploaded files, lists the unmatched payment and matches it', async () => {
    const upload = await fetch(`${base}/api/v1/imports`, {
      method: 'POST',
      headers: auth,
      body: form([
        ['IT01114601006_00001.xml', readFileSync(join(FIXTURES, 'IT01114601006_00001.xml'))],
        ['broken.xml', '<p:FatturaElettronica'],
      ]),
    });
    expect(upload.status).toBe(201);
    const results = (await upload.json()) as any[];
    expect(results.map((r) => [r.file, r.format, r.status])).toEqual([
      ['IT01114601006_00001.xml', 'fatturapa', 'imported'],
      ['broken.xml', 'fatturapa', 'rejected'],
    ]);
    expect(results[1].errors[0].where).toMatch(/^line 1, column/);

    const camt = buildCamt053({
      id: 'S-API',
      iban: 'IT60X0542811101000000123456',
      date: '2026-03-05',
      entries: [
        {
          ref: 'API1',
          amount: '300.00',
          bookingDate: '2026-03-05',
          payerName: 'Qualcuno',
          remittance: 'acconto',
        },
      ],
    });
    // Progress events for the web application, then the results.
    const streamed = await fetch(`${base}/api/v1/imports?name=statement.xml`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/octet-stream', accept: 'text/event-stream' },
      body: camt,
    });
    const text = await streamed.text();
    expect(text).toContain('event: progress');
    const resultLine = text
      .split('\n')
      .find((l, i, all) => all[i - 1] === 'event: result' && l.startsWith('data: '))!;
    expect(JSON.parse(resultLine.slice(6))).toMatchObject([
      { format: 'camt053', status: 'imported', counts: { unmatched: 1 } },
    ]);

    const queue = (await (
      await fetch(`${base}/api/v1/payments/unmatched`, { headers: auth })
    ).json()) as any[];
    expect(queue.map((p) => [p.amount, p.payerName, p.remittance])).toEqual([
      ['300.00', 'Qualcuno', 'acconto'],
    ]);
    const match = await fetch(`${base}/api/v1/payments/${queue[0].id}/match`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ invoices: ['FT-2026/001'] }),
    });
    expect(match.status).toBe(200);
    expect(await match.json()).toMatchObject({
      status: 'matched',
      allocations: [{ invoiceNumber: 'FT-2026/001', amount: '300.00' }],
    });
    expect(await (await fetch(`${base}/api/v1/payments/unmatched`, { headers: auth })).json()).toEqual([]);
    const again = await fetch(`${base}/api/v1/payments/${queue[0].id}/match`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ invoices: ['FT-2026/001'] }),
    });
    expect(again.status).toBe(409);
  });
});
