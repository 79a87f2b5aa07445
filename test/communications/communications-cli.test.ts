import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_YES } from '../collection/collection-fixtures.ts';
import { CREDITOR_VAT, DEBTOR_VAT } from '../support/fixtures.ts';
import { CLI, runCli } from '../support/run-cli.ts';
import { startSmtpPeer, type TSmtpPeer } from '../support/smtp-peer.ts';
import { createTestDatabase, type TTestDatabase } from '../support/test-database.ts';

// The communication commands as a user runs them, on the engine of this test run.
let t: TTestDatabase | null = null;
let env: { dataDir?: string; databaseUrl?: string | null };
let peer: TSmtpPeer;
const dir = mkdtempSync(join(tmpdir(), 'riscossa-comm-cli-'));

beforeAll(async () => {
  peer = await startSmtpPeer();
  if (process.env.DATABASE_URL) {
    t = await createTestDatabase();
    await t.db.close();
    env = { databaseUrl: t.url };
  } else env = { dataDir: join(dir, 'data') };
});
afterAll(async () => {
  await peer.close();
  if (t) await t.drop().catch(() => undefined);
});

function cli(...args: string[]) {
  const result = runCli(args, env);
  if (result.status !== 0)
    throw new Error(`riscossa ${args.join(' ')} exited ${result.status}: ${result.stderr}${result.stdout}`);
  return result;
}
const json = (...args: string[]) => cli(...args, '--json').json as any;

/** `outbox send` must not block this process: the SMTP server answering it runs here. */
function cliAsync(
  args: string[],
  extraEnv: Record<string, string>,
): Promise<{ status: number; stdout: string; stderr: string }> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...extraEnv };
  delete childEnv.DATABASE_URL;
  if (env.databaseUrl) childEnv.DATABASE_URL = env.databaseUrl;
  const full = env.dataDir ? ['--data-dir', env.dataDir, ...args] : args;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...full], { env: childEnv });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => resolve({ status: status ?? -1, stdout, stderr }));
  });
}

const CLI_TEST_TIMEOUT_MS = 600_000;

describe('riscossa templates, outbox and letters commands', () => {
  it(
    'templates list|set|preview, run, outbox send|list|retry, letters batch|tracking',
    async () => {
      cli(
        'creditors',
        'add',
        '--name',
        'Acme Forniture S.r.l.',
        '--vat-number',
        CREDITOR_VAT,
        '--iban',
        'IT60X0542811101000000123456',
        '--email',
        'amministrazione@acme.example',
      );
      const file = join(dir, 'invoices.json');
      writeFileSync(
        file,
        JSON.stringify({
          number: 'FT-2026/001',
          type: 'invoice',
          issueDate: '2026-01-10',
          currency: 'EUR',
          total: '1220.00',
          paymentMethod: 'MP05',
          debtor: {
            name: 'Rossi Costruzioni S.p.A.',
            vatNumber: DEBTOR_VAT,
            emails: ['contabilita@rossi.example'],
            addresses: [{ street: 'Via Garibaldi 10', postalCode: '10122', city: 'Torino', province: 'TO' }],
          },
          creditor: { vatNumber: CREDITOR_VAT },
          instalments: [{ dueDate: '2026-02-28', amount: '1220.00' }],
          evidence: ALL_YES,
        }),
      );
      cli('invoices', 'add', '--file', file);

      const templates = json('templates', 'list');
      expect(
        templates
          .filter((x: any) => x.templateKey === 'final-notice')
          .map((x: any) => `${x.channel}/${x.language}`),
      ).toEqual(['email/en', 'email/it', 'letter/en', 'letter/it']);
      const refused = runCli(
        [
          'templates',
          'set',
          'final-notice',
          '--language',
          'it',
          '--channel',
          'email',
          '--subject',
          'Ciao',
          '--body',
          '{{ debitore.nome }}',
          '--json',
        ],
        env,
      );
      expect(refused.status).toBe(1);
      expect((refused.json as any).error.details).toMatchObject({ field: 'body' });
      expect((refused.json as any).error.message).toContain('undefined variable: debitore');

      const preview = json(
        'templates',
        'preview',
        '--debtor',
        DEBTOR_VAT,
        '--template',
        'final-notice',
        '--channel',
        'letter',
        '--date',
        '2026-03-16',
        '--pdf',
        join(dir, 'preview.pdf'),
      );
      expect(preview).toMatchObject({ templateKey: 'final-notice', language: 'it', total: '1220.00' });
      expect(preview.text).toContain('entro e non oltre il 31/03/2026');
      expect(existsSync(join(dir, 'preview.pdf'))).toBe(true);

      cli('policies', 'assign', '--policy', 'gentle', '--debtor', DEBTOR_VAT);
      const run = json('run', '--date', '2026-03-16');
      expect(run.stepsTaken).toBe(1);
      const pending = json('outbox', 'list');
      expect(pending.map((r: any) => [r.channel, r.status, r.stepKey])).toEqual([
        ['email', 'pending', 'friendly-reminder'],
      ]);

      // The send happens at the real time of day: quiet hours off, so the test holds at night too.
      expect(json('outbox', 'conduct', '--creditor', CREDITOR_VAT)).toEqual({
        creditor: CREDITOR_VAT,
        quietFromHour: 20,
        quietToHour: 8,
        weeklyCap: 2,
      });
      expect(
        json('outbox', 'conduct', '--creditor', CREDITOR_VAT, '--quiet-from', '0', '--quiet-to', '0'),
      ).toEqual({ creditor: CREDITOR_VAT, quietFromHour: 0, quietToHour: 0, weeklyCap: 2 });
      const refusedCap = runCli(
        ['outbox', 'conduct', '--creditor', CREDITOR_VAT, '--weekly-cap', 'many', '--json'],
        env,
      );
      expect(refusedCap.status).toBe(1);
      expect((refusedCap.json as any).error.details).toMatchObject({ field: 'weeklyCap', value: 'many' });
      const sent = await cliAsync(['outbox', 'send', '--json', '--date', '2026-03-16'], {
        RISCOSSA_SMTP_URL: peer.url,
      });
      expect(sent.status).toBe(0);
      expect(JSON.parse(sent.stdout)).toMatchObject({ sent: 1, hardFailures: 0 });
      const rerun = await cliAsync(['outbox', 'send', '--json'], { RISCOSSA_SMTP_URL: peer.url });
      expect(JSON.parse(rerun.stdout)).toMatchObject({ sent: 0 });
      expect(peer.received).toHaveLength(1);
      expect(peer.received[0]!.mail.messageId).toBe(pending[0].messageId);
      const retry = runCli(['outbox', 'retry', String(pending[0].id), '--json'], env);
      expect(retry.status).toBe(1);
      expect((retry.json as any).error.code).toBe('CONFLICT');

      // Letters: nothing to print today; the batch files exist and the dispatch list has its header only.
      const batch = json('letters', 'batch', '--date', '2026-03-16', '--out', join(dir, 'print'));
      expect(batch.letters).toEqual([]);
      expect(readFileSync(batch.files.dispatchList, 'utf8').trim().split('\n')).toHaveLength(1);
      const tracking = runCli(['letters', 'tracking', String(pending[0].id), '123456789012', '--json'], env);
      expect((tracking.json as any).error.code).toBe('NOT_FOUND');
    },
    CLI_TEST_TIMEOUT_MS,
  );
});
