import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPolicy } from '../../src/app/collection/add-policy.ts';
import { assignPolicy } from '../../src/app/collection/assign-policy.ts';
import { runCollection } from '../../src/app/collection/run-collection.ts';
import { importFiles } from '../../src/app/imports/import-files.ts';
import type { TDatabase } from '../../src/db/database.ts';
import { openDatabase } from '../../src/db/open-database.ts';
import { ctxOn, DEBTOR_VAT, seedCreditor } from '../support/fixtures.ts';
import { runCli } from '../support/run-cli.ts';
import { createTestDatabase, type TTestDatabase } from '../support/test-database.ts';
import { readZip } from './agency-fixtures.ts';

// The case-file commands as a user runs them, on the engine of this test run.
let t: TTestDatabase | null = null;
let env: { dataDir?: string; databaseUrl?: string | null };
const dir = mkdtempSync(join(tmpdir(), 'riscossa-casefile-cli-'));
const XML = join(import.meta.dirname, '../fixtures/fatturapa/IT01114601006_00001.xml');

beforeAll(async () => {
  let db: TDatabase;
  if (process.env.DATABASE_URL) {
    t = await createTestDatabase();
    db = t.db;
    env = { databaseUrl: t.url };
  } else {
    env = { dataDir: join(dir, 'data') };
    db = await openDatabase({ dataDir: env.dataDir, databaseUrl: null });
  }
  const creditorId = await seedCreditor(db);
  await importFiles(ctxOn(db, '2026-01-12'), [{ name: 'IT01114601006_00001.xml', bytes: readFileSync(XML) }]);
  // A creditor that hands a case to its agency 60 days after the due date, nothing before.
  await addPolicy(ctxOn(db, '2026-01-12'), creditorId, {
    key: 'straight-to-agency',
    name: 'Straight to the agency',
    steps: [
      {
        key: 'handover',
        channels: ['agency-handover'],
        tone: 'formal',
        template: 'agency-handover',
        when: { from: 'due-date', days: 60 },
      },
    ],
  });
  await assignPolicy(ctxOn(db, '2026-01-12'), creditorId, {
    policy: 'straight-to-agency',
    debtor: DEBTOR_VAT,
  });
  const run = await runCollection(ctxOn(db, '2026-04-29'), { creditorId, date: '2026-04-29' });
  expect(run).toMatchObject({ casesOpened: 1, stepsTaken: 1, caseFilesBuilt: 1 });
  await db.close();
}, 600_000);
afterAll(async () => {
  if (t) await t.drop().catch(() => undefined);
});

function cli(...args: string[]) {
  return runCli(args, env);
}

describe('riscossa casefile, documents and cases progress', () => {
  it('adds evidence, records progress, writes the stored case file and one as of a date', {
    timeout: 600_000,
  }, async () => {
    const ddt = join(dir, 'DDT 118.pdf');
    writeFileSync(ddt, '%PDF-1.4 DDT 118');
    const added = cli(
      'documents',
      'add',
      '--kind',
      'delivery-note',
      '--file',
      ddt,
      '--invoice',
      'FT-2026/001',
      '--json',
    );
    expect(added.status).toBe(0);
    expect(added.json).toMatchObject({
      kind: 'delivery-note',
      fileName: 'DDT 118.pdf',
      bytes: 16,
      isNew: true,
    });
    const listed = cli('documents', 'list', '--debtor', 'IT00488410010', '--json');
    expect((listed.json as any[]).map((d) => d.kind)).toEqual(['fatturapa-xml', 'delivery-note']);

    const progress = cli(
      'cases',
      'progress',
      'add',
      '--case',
      '1',
      '--stage',
      'contact-made',
      '--on',
      '2026-05-20',
      '--note',
      'Telefonata al titolare',
      '--json',
    );
    expect(progress.status, progress.stderr).toBe(0);
    expect(progress.json).toMatchObject({ caseId: 1, stage: 'contact-made', date: '2026-05-20' });
    const bad = cli('cases', 'progress', 'add', '--case', '1', '--stage', 'Not A Stage', '--json');
    expect(bad.status).toBe(1);
    expect((bad.json as any).error.code).toBe('INVALID_INPUT');

    const out = join(dir, 'case-1.zip');
    const stored = cli('casefile', 'build', '--case', '1', '--out', out, '--json');
    expect(stored.status, stored.stderr).toBe(0);
    const summary = stored.json as any;
    expect(summary).toMatchObject({ caseId: 1, isStored: true, invoices: ['FT-2026/001'], out });
    expect(summary.register.verification.isValid).toBe(true);
    expect(summary.amounts.EUR.capitalOutstanding).toBe('2440.00');
    const files = await readZip(readFileSync(out));
    expect(files.get('invoices/2026-FT-2026_001.xml')).toEqual(readFileSync(XML));
    // The stored file is the handover-day file: the evidence added later is not in it.
    expect([...files.keys()].some((f) => f.startsWith('evidence/'))).toBe(false);

    const fresh = cli(
      'casefile',
      'build',
      '--case',
      '1',
      '--out',
      join(dir, 'now.zip'),
      '--date',
      '2026-05-29',
      '--json',
    );
    expect(fresh.status, fresh.stderr).toBe(0);
    // A file built as of a past date holds what existed then: the delivery note added today is not in it.
    expect(fresh.json).toMatchObject({ isStored: false, asOf: '2026-05-29', documents: 0 });
    const freshFiles = await readZip(readFileSync(join(dir, 'now.zip')));
    const manifest = JSON.parse(freshFiles.get('casefile.json')!.toString());
    expect(manifest.progress).toEqual([
      {
        date: '2026-05-20',
        stage: 'contact-made',
        note: 'Telefonata al titolare',
        amount: null,
        recordedBy: expect.any(String),
      },
    ]);

    // The legal phase from the command line.
    const notice = cli(
      'legal',
      'record',
      '--case',
      '1',
      '--stage',
      'legal-notice',
      '--on',
      '2026-05-04',
      '--json',
    );
    expect(notice.status, notice.stderr).toBe(0);
    expect((notice.json as any).deadlines).toEqual([
      expect.objectContaining({ key: 'notice-payment', date: '2026-05-19' }),
    ]);
    const outOfOrder = cli('legal', 'record', '--case', '1', '--stage', 'order-served', '--json');
    expect(outOfOrder.status).toBe(1);
    expect((outOfOrder.json as any).error.message).toContain('needs order-granted first');
    const petition = cli(
      'legal',
      'petition',
      '--case',
      '1',
      '--out',
      join(dir, 'ricorso.pdf'),
      '--date',
      '2026-05-29',
      '--json',
    );
    expect(petition.status, petition.stderr).toBe(0);
    expect((petition.json as any).amounts.EUR.capitalOutstanding).toBe('2440.00');
    expect(readFileSync(join(dir, 'ricorso.pdf')).subarray(0, 5).toString()).toBe('%PDF-');

    const missing = cli('casefile', 'build', '--case', '99', '--out', join(dir, 'x.zip'), '--json');
    expect(missing.status).toBe(1);
    expect((missing.json as any).error.code).toBe('NOT_FOUND');
  });
});
