import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREDITOR_VAT, DEBTOR_VAT, invoice } from '../support/fixtures.ts';
import { runCli } from '../support/run-cli.ts';
import { createTestDatabase, type TTestDatabase } from '../support/test-database.ts';
import { ALL_YES } from './collection-fixtures.ts';

// The collection commands as a user runs them, on the engine of this test run.
let t: TTestDatabase | null = null;
let env: { dataDir?: string; databaseUrl?: string | null };
const dir = mkdtempSync(join(tmpdir(), 'riscossa-collection-cli-'));

beforeAll(async () => {
  if (process.env.DATABASE_URL) {
    t = await createTestDatabase();
    await t.db.close();
    env = { databaseUrl: t.url };
  } else {
    env = { dataDir: join(dir, 'data') };
  }
});
afterAll(async () => {
  if (t) await t.drop().catch(() => undefined);
});

function cli(...args: string[]) {
  const result = runCli(args, env);
  if (result.status !== 0 && !args.includes('--expect-failure')) {
    throw new Error(`riscossa ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  }
  return result;
}
const json = (...args: string[]) => cli(...args, '--json').json as any;

// Every command is a process opening the database: a few seconds each on the embedded engine.
const CLI_TEST_TIMEOUT_MS = 600_000;

describe('riscossa collection commands', () => {
  it(
    'runs twice the same day, completes a task, lists actions and cases, disputes, holds, assigns policies',
    () => {
      cli('creditors', 'add', '--name', 'Acme Forniture S.r.l.', '--vat-number', CREDITOR_VAT);
      const file = join(dir, 'invoices.json');
      writeFileSync(
        file,
        JSON.stringify(
          invoice({
            total: '1220.00',
            evidence: ALL_YES,
            instalments: [{ dueDate: '2026-03-22', amount: '1220.00' }],
          }),
        ),
      );
      cli('invoices', 'add', '--file', file);

      const dry = json('run', '--date', '2026-03-17', '--dry-run');
      expect(dry).toMatchObject({ isDryRun: true, casesOpened: 1, stepsTaken: 1 });
      expect(dry.actions.map((a: any) => [a.id, a.stepKey, a.channel])).toEqual([
        [null, 'pre-due-email', 'email'],
      ]);
      const first = json('run', '--date', '2026-03-17');
      expect(first.actions.map((a: any) => [typeof a.id, a.stepKey, a.status, a.debtor.vatNumber])).toEqual([
        ['number', 'pre-due-email', 'queued', DEBTOR_VAT],
      ]);
      expect(json('run', '--date', '2026-03-17')).toMatchObject({ stepsTaken: 0, casesOpened: 0 });
      expect(json('run', '--date', '2026-04-07').actions.map((a: any) => [a.stepKey, a.status])).toEqual([
        ['call-1', 'pending'],
      ]);

      const tasks = json('tasks', 'list', '--date', '2026-04-08');
      expect(tasks).toHaveLength(1);
      expect(tasks[0]).toMatchObject({
        dueDate: '2026-04-07',
        stepKey: 'call-1',
        kind: 'phone-call',
        status: 'open',
        isLate: true,
        debtor: { vatNumber: DEBTOR_VAT },
        instalments: [{ invoiceNumber: 'FT-2026/001', dueDate: '2026-03-22', outstanding: '1220.00' }],
      });
      const done = json(
        'tasks',
        'complete',
        String(tasks[0].id),
        '--outcome',
        'promise',
        '--promise-date',
        '2026-04-30',
        '--promise-amount',
        '500.00',
        '--date',
        '2026-04-08',
        '--note',
        'end of month',
      );
      expect(done).toMatchObject({
        outcome: 'promise',
        completedOn: '2026-04-08',
        promises: [{ dueDate: '2026-04-30', amount: '500.00' }],
      });
      const again = runCli(['tasks', 'complete', String(tasks[0].id), '--outcome', 'no-answer'], env);
      expect(again.status).toBe(1);
      expect(again.stderr).toContain(`task: ${tasks[0].id} is already done`);

      const actions = json('actions', 'list', '--debtor', DEBTOR_VAT);
      expect(actions.map((a: any) => [a.date, a.stepKey, a.channel, a.status])).toEqual([
        ['2026-03-17', 'pre-due-email', 'email', 'queued'],
        ['2026-04-07', 'call-1', 'phone-call', 'done'],
      ]);
      expect(actions[0]).toMatchObject({
        debtor: { vatNumber: DEBTOR_VAT },
        instalments: [{ invoiceNumber: 'FT-2026/001' }],
      });
      expect(json('cases', 'list')[0]).toMatchObject({
        policy: 'standard',
        state: 'promised',
        debtor: { vatNumber: DEBTOR_VAT },
      });

      expect(json('dispute', 'open', 'FT-2026/001', '--reason', 'wrong price')).toMatchObject({
        status: 'open',
        reason: 'wrong price',
      });
      expect(json('dispute', 'close', 'FT-2026/001', '--resolution', 'price confirmed')).toMatchObject({
        status: 'closed',
      });
      expect(
        json(
          'hold',
          'set',
          '--debtor',
          DEBTOR_VAT,
          '--reason',
          'talks',
          '--until',
          '2026-05-10',
          '--date',
          '2026-04-09',
        ),
      ).toMatchObject({
        scope: 'debtor',
        startsOn: '2026-04-09',
        endsOn: '2026-05-10',
      });
      expect(json('hold', 'clear', '--debtor', DEBTOR_VAT, '--date', '2026-04-10')).toMatchObject([
        { clearedOn: '2026-04-10' },
      ]);

      const policies = json('policies', 'list');
      expect(policies.policies.map((p: any) => [p.key, p.isDefault])).toEqual([
        ['standard', true],
        ['gentle', false],
        ['agency', false],
      ]);
      expect(policies.policies[0].steps[1]).toMatchObject({
        key: 'pre-due-call',
        conditions: { minAmount: '10000.00' },
      });
      expect(
        json('policies', 'assign', '--policy', 'agency', '--rule', '--min-amount', '50000.00'),
      ).toMatchObject({ scope: 'rule', policy: 'agency' });
      expect(json('policies', 'assign', '--policy', 'gentle', '--debtor', DEBTOR_VAT)).toMatchObject({
        scope: 'debtor',
        policy: 'gentle',
      });
      // The default moves to gentle and back: one default at a time.
      expect(json('policies', 'assign', '--policy', 'gentle', '--default')).toEqual({
        scope: 'default',
        policy: 'gentle',
        target: 'gentle',
        ruleId: null,
      });
      expect(
        json('policies', 'list')
          .policies.filter((p: any) => p.isDefault)
          .map((p: any) => p.key),
      ).toEqual(['gentle']);
      json('policies', 'assign', '--policy', 'standard', '--default');
      expect(
        json('policies', 'list')
          .policies.filter((p: any) => p.isDefault)
          .map((p: any) => p.key),
      ).toEqual(['standard']);
    },
    CLI_TEST_TIMEOUT_MS,
  );

  it(
    'resumes after the broken promise, flagged, and the register verifies',
    () => {
      // 30 Apr + 3 days of grace: the promise of 500.00 was not kept; letter-1 goes out, flagged
      expect(
        json('run', '--date', '2026-05-04').actions.map((a: any) => [a.stepKey, a.isAfterBrokenPromise]),
      ).toEqual([['letter-1', true]]);
      expect(json('register', 'verify')).toMatchObject([{ isValid: true }]);
    },
    CLI_TEST_TIMEOUT_MS,
  );
});
