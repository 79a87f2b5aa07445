import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filePecDirectory } from '../../src/adapters/pec-directory/pec-directory.ts';
import { addPolicy } from '../../src/app/collection/add-policy.ts';
import { assignPolicy } from '../../src/app/collection/assign-policy.ts';
import { completeTask } from '../../src/app/collection/complete-task.ts';
import { runCollection } from '../../src/app/collection/run-collection.ts';
import { recordTracing } from '../../src/app/contacts/record-tracing.ts';
import { verifyContacts } from '../../src/app/contacts/verify-contacts.ts';
import { addInvoices } from '../../src/app/ledger/add-invoices.ts';
import {
  addAgency,
  addMandate,
  addPartnerOffice,
  addSpecialist,
} from '../../src/app/mandates/setup-agency.ts';
import { takeCases } from '../../src/app/mandates/take-cases.ts';
import { normalizeAddress } from '../../src/core/contacts/normalize-address.ts';
import { insertTasks } from '../../src/db/queries/collection-writes.ts';
import { createApp } from '../../src/server/app.ts';
import { newWorld, type TWorld } from '../collection/collection-fixtures.ts';
import { adminHeaders, withHeaders } from '../support/api-auth.ts';
import { ctxOn, DEBTOR_VAT } from '../support/fixtures.ts';
import { createTestDatabase, type TTestDatabase } from '../support/test-database.ts';

let t: TTestDatabase;
let w: TWorld;
const dir = mkdtempSync(join(tmpdir(), 'riscossa-pec-'));
const directoryFile = join(dir, 'ini-pec.csv');

beforeAll(async () => {
  t = await createTestDatabase();
  w = await newWorld(t.db);
  writeFileSync(directoryFile, `vatNumber,pec\nIT00488410010, Amministrazione@PEC.RossiCostruzioni.it \n`);
  await addInvoices(ctxOn(t.db, '2026-01-10'), {
    number: 'AG-1',
    type: 'invoice',
    issueDate: '2026-01-10',
    currency: 'EUR',
    total: '2000.00',
    debtor: {
      name: 'Rossi Costruzioni S.p.A.',
      vatNumber: DEBTOR_VAT,
      pec: 'vecchia@pec.it',
      addresses: [{ street: 'v. garibaldi 10', postalCode: '20 121', city: 'MILANO', province: 'mi' }],
    },
    creditor: { vatNumber: w.creditorVat },
    instalments: [{ dueDate: '2026-03-02', amount: '2000.00' }],
  });
  await assignPolicy(ctxOn(t.db, '2026-01-10'), w.creditorId, { policy: 'agency', debtor: DEBTOR_VAT });
});
afterAll(() => t.drop());

describe('contact verification before the first letter, and tracing', () => {
  it('normalises Italian addresses and names what a letter still lacks', () => {
    expect(
      normalizeAddress({
        street: 'P.zza  Duomo n. 1',
        postalCode: '20122',
        city: 'Milano',
        province: 'mi',
        country: 'IT',
      }),
    ).toEqual({
      address: {
        street: 'Piazza Duomo, 1',
        postalCode: '20122',
        city: 'Milano',
        province: 'MI',
        country: 'IT',
      },
      issues: [],
      changed: true,
    });
    expect(
      normalizeAddress({
        street: 'C.so Francia',
        postalCode: '101',
        city: 'torino',
        province: null,
        country: 'IT',
      }).issues,
    ).toEqual(['street has no house number', 'CAP must be 5 digits', 'province must be a 2-letter code']);
  });

  it('checks the PEC against the directory, normalises the address and releases the verify-details review', async () => {
    const run = await runCollection(ctxOn(t.db, '2026-03-09'), {
      creditorId: w.creditorId,
      date: '2026-03-09',
    });
    expect(run.actions.map((a) => [a.stepKey, a.status])).toEqual([['verify-details', 'pending']]);
    const result = await verifyContacts(
      ctxOn(t.db, '2026-03-09'),
      { debtor: DEBTOR_VAT },
      filePecDirectory(directoryFile),
    );
    expect(result.pec).toEqual({
      status: 'changed',
      before: 'vecchia@pec.it',
      after: 'amministrazione@pec.rossicostruzioni.it',
      source: `file:${directoryFile}`,
    });
    expect(result.addresses.map(({ id: _id, ...a }) => a)).toEqual([
      {
        street: 'Via Garibaldi 10',
        postalCode: '20121',
        city: 'Milano',
        province: 'MI',
        country: 'IT',
        issues: [],
        changed: true,
      },
    ]);
    expect(result.approvedTaskId).toEqual(expect.any(Number));
    const next = await runCollection(ctxOn(t.db, '2026-03-10'), {
      creditorId: w.creditorId,
      date: '2026-03-10',
    });
    expect(next.actions.map((a) => [a.stepKey, a.status])).toEqual([['reminder-letter', 'queued']]);
    const again = await verifyContacts(
      ctxOn(t.db, '2026-03-11'),
      { debtor: DEBTOR_VAT },
      filePecDirectory(directoryFile),
    );
    expect(again.pec.status).toBe('confirmed');
    expect(again.addresses[0]!.changed).toBe(false);
  });

  it('records tracing outcomes: a new address goes on, a closed company puts the debtor on hold', async () => {
    const call = await runCollection(ctxOn(t.db, '2026-03-20'), {
      creditorId: w.creditorId,
      date: '2026-03-20',
    });
    expect(call.actions.map((a) => a.stepKey)).toEqual(['call']);
    const [callTask] = await t.db.query<{ id: number }>(
      `select id from collection_tasks where creditor_id = $1 and kind = 'phone-call' and status = 'open'`,
      [w.creditorId],
    );
    const unreachable = await completeTask(ctxOn(t.db, '2026-03-20'), {
      taskId: callTask!.id,
      outcome: 'unreachable',
    });
    const tracingTask = unreachable.tasksCreated.find((k) => k.kind === 'tracing')!;
    const found = await recordTracing(ctxOn(t.db, '2026-03-25'), {
      taskId: tracingTask.id,
      outcome: 'new-address',
      address: { street: 'VIA NIZZA 5', postalCode: '10125', city: 'TORINO', province: 'to' },
      note: 'visura camerale',
    });
    expect(found).toMatchObject({ outcome: 'new-address', taskOutcome: 'approved' });
    const addresses = await t.db.query<{ street: string; city: string; province: string }>(
      `select street, city, province from debtor_addresses where creditor_id = $1 order by id`,
      [w.creditorId],
    );
    expect(addresses.at(-1)).toEqual({ street: 'Via Nizza 5', city: 'Torino', province: 'TO' });
    await expect(
      recordTracing(ctxOn(t.db, '2026-03-25'), { taskId: callTask!.id, outcome: 'not-found' }),
    ).rejects.toThrow(/is not a tracing task/);
    await expect(
      recordTracing(ctxOn(t.db, '2026-03-25'), { taskId: tracingTask.id, outcome: 'company-closed' }),
    ).rejects.toThrow(/already done/);
    // A second tracing (after another failed call) finds the company closed: the debtor is held.
    const [caseRow] = await t.db.query<{ id: number }>(
      'select id from collection_cases where creditor_id = $1',
      [w.creditorId],
    );
    const [second] = await insertTasks(t.db, w.creditorId, '2026-04-01', [
      {
        caseId: caseRow!.id,
        actionId: null,
        stepKey: null,
        kind: 'tracing',
        dueDate: '2026-04-01',
        assignee: null,
        reason: 'test',
      },
    ]);
    const closed = await recordTracing(ctxOn(t.db, '2026-04-02'), {
      taskId: second!.id,
      outcome: 'company-closed',
    });
    expect(closed.taskOutcome).toBe('unreachable');
    const holds = await t.db.query<{ reason: string }>(
      'select reason from collection_holds where creditor_id = $1 and cleared_on is null',
      [w.creditorId],
    );
    expect(holds).toEqual([{ reason: 'company closed: check insolvency proceedings' }]);
    const [results] = await t.db.query<{ n: number }>(
      'select count(*)::int8 as n from tracing_results where creditor_id = $1',
      [w.creditorId],
    );
    expect(results!.n).toBe(2);
  });

  it('assigns a foreign debtor to the partner office of its country and a specialist who speaks its language', async () => {
    const foreign = await newWorld(t.db);
    await addInvoices(ctxOn(t.db, '2026-01-10'), {
      number: 'DE-1',
      type: 'invoice',
      issueDate: '2026-01-10',
      currency: 'EUR',
      total: '5000.00',
      debtor: { name: 'Müller Bau GmbH', country: 'DE', vatNumber: 'DE123456789', language: 'de' },
      creditor: { vatNumber: foreign.creditorVat },
      instalments: [{ dueDate: '2026-02-28', amount: '5000.00' }],
    });
    await addPolicy(ctxOn(t.db, '2026-01-10'), foreign.creditorId, {
      key: 'to-agency',
      name: 'Straight to the agency',
      steps: [
        {
          key: 'handover',
          channels: ['agency-handover'],
          tone: 'formal',
          template: 'agency-handover',
          when: { from: 'due-date', days: 30 },
        },
      ],
    });
    await assignPolicy(ctxOn(t.db, '2026-01-10'), foreign.creditorId, {
      policy: 'to-agency',
      debtor: 'DE123456789',
    });
    await runCollection(ctxOn(t.db, '2026-04-01'), { creditorId: foreign.creditorId, date: '2026-04-01' });
    const ctx = ctxOn(t.db, '2026-04-02');
    await addAgency(ctx, { name: 'Recuperi Sabaudi S.r.l.', vatNumber: 'IT02438750586' });
    await addMandate(ctx, {
      creditor: foreign.creditorVat,
      reference: 'M-DE',
      commissionRate: '15',
      startsOn: '2026-04-01',
    });
    await addSpecialist(ctx, { name: 'Rossi', languages: ['it'] });
    await addSpecialist(ctx, { name: 'Schmidt', languages: ['it', 'de'] });
    await addPartnerOffice(ctx, { name: 'Partner München', countries: ['DE', 'AT'] });
    const taken = await takeCases(ctx, { mandate: 'M-DE' });
    expect(taken).toEqual([
      expect.objectContaining({
        country: 'DE',
        language: 'de',
        partnerOffice: 'Partner München',
        specialist: 'Schmidt',
        outstanding: '5000.00',
      }),
    ]);
  });

  it('verifies contacts over HTTP with the directory configured by the environment', async () => {
    process.env.RISCOSSA_PEC_DIRECTORY = directoryFile;
    try {
      const app = withHeaders(
        createApp({ db: t.db, clock: () => new Date('2026-04-03T09:00:00Z') }),
        await adminHeaders(t.db),
      );
      const response = await app.request(
        `/api/v1/debtors/${DEBTOR_VAT}/verify-contacts?creditor=${w.creditorVat}`,
        {
          method: 'POST',
        },
      );
      expect(response.status).toBe(200);
      expect(((await response.json()) as any).pec.status).toBe('confirmed');
    } finally {
      delete process.env.RISCOSSA_PEC_DIRECTORY;
    }
  });
});
