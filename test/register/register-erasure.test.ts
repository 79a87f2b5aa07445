import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymiseDebtor } from '../../src/app/privacy/debtor-personal-data.ts';
import { appendRegisterEntries } from '../../src/app/register/append-register-entries.ts';
import { verifyRegister } from '../../src/app/register/verify-register.ts';
import { registerHash } from '../../src/core/register/register-hash.ts';
import { addInvoice, newVat, newWorld, type TWorld } from '../collection/collection-fixtures.ts';
import { ctxOn } from '../support/fixtures.ts';
import { createTestDatabase, type TTestDatabase } from '../support/test-database.ts';

// Register rows are hashed over a salted digest of their personal payload (format 2): erasure
// empties the payload and the chain still verifies, while any other change is still caught.
let t: TTestDatabase;
let w: TWorld;
let debtorId: number;
let otherDebtorId: number;

const debtorIdOf = async (vat: string) =>
  (
    await t.db.query<{ id: number }>('select id from debtors where creditor_id = $1 and vat_number = $2', [
      w.creditorId,
      vat,
    ])
  )[0]!.id;

const withTriggerOff = async (sql: string) =>
  t.db.exec(`alter table register_entries disable trigger register_entries_no_update;
    ${sql};
    alter table register_entries enable trigger register_entries_no_update;`);

beforeAll(async () => {
  t = await createTestDatabase();
  w = await newWorld(t.db);
  const otherVat = newVat();
  await addInvoice(t.db, w, 'E-1', [{ dueDate: '2026-02-28', amount: '100.00' }]);
  await addInvoice(t.db, w, 'E-2', [{ dueDate: '2026-02-28', amount: '50.00' }], { debtorVat: otherVat });
  debtorId = await debtorIdOf(w.debtorVat);
  otherDebtorId = await debtorIdOf(otherVat);
});
afterAll(async () => {
  await t?.drop();
});

describe('erasing personal data from the activity register', () => {
  it('keeps rows written before the change (format 1) verifiable next to format-2 rows', async () => {
    // A format-1 row as the register wrote them before: its hash covers the payload itself.
    const [head] = await t.db.query<{ seq: number; hash: string }>(
      'select seq, hash from register_heads where creditor_id = $1',
      [w.creditorId],
    );
    const occurredAt = '2026-01-20T09:00:00.000Z';
    const legacy = {
      creditorId: w.creditorId,
      seq: head!.seq + 1,
      occurredAt,
      actor: 'legacy',
      action: 'note.added',
      subjectType: 'debtor',
      subjectId: debtorId,
      debtorId,
      reason: 'vecchia nota: telefonare alla signora Bianchi',
      data: { phone: '+39 333 0000001' },
    };
    const hash = registerHash(head!.hash, legacy);
    await t.db.query(
      `insert into register_entries (creditor_id, seq, occurred_at, actor, action, subject_type, subject_id, debtor_id, reason, data, prev_hash, hash)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [
        w.creditorId,
        legacy.seq,
        occurredAt,
        'legacy',
        'note.added',
        'debtor',
        debtorId,
        debtorId,
        legacy.reason,
        JSON.stringify(legacy.data),
        head!.hash,
        hash,
      ],
    );
    await t.db.query('update register_heads set seq = $2, hash = $3 where creditor_id = $1', [
      w.creditorId,
      legacy.seq,
      hash,
    ]);
    await appendRegisterEntries(ctxOn(t.db, '2026-03-01'), w.creditorId, [
      {
        action: 'tracing.result',
        subjectType: 'task',
        subjectId: 900,
        debtorId,
        reason: 'visura: nuovo numero del titolare Mario Rossi',
        data: { outcome: 'new-phone', phone: '+39 333 1234567' },
      },
      {
        action: 'contacts.verified',
        subjectType: 'debtor',
        subjectId: debtorId,
        debtorId,
        data: { pecBefore: 'rossi@pec.it', pecAfter: 'amministrazione@pec.rossi.it' },
      },
      {
        action: 'tracing.result',
        subjectType: 'task',
        subjectId: 901,
        debtorId: otherDebtorId,
        reason: 'trovato in via Nizza 5',
        data: { outcome: 'new-address', address: { street: 'Via Nizza 5', city: 'Torino' } },
      },
    ]);
    const formats = await t.db.query<{ format: number; n: number }>(
      'select format, count(*)::int8 as n from register_entries where creditor_id = $1 group by format order by format',
      [w.creditorId],
    );
    expect(formats.map((f) => f.format)).toEqual([1, 2]);
    expect(formats[0]!.n).toBe(1);
    const check = await verifyRegister(t.db, w.creditorId);
    expect(check).toMatchObject({ isValid: true, erased: 0, erasedUnsealed: 0, problem: null });
  });

  it('erases a debtor: the payloads are gone from the table and the chain still verifies', async () => {
    const [before] = await t.db.query<{ n: number; total: number }>(
      `select count(*) filter (where debtor_id = $2 or (subject_type = 'debtor' and subject_id = $2))::int8 as n,
              count(*)::int8 as total
       from register_entries where creditor_id = $1`,
      [w.creditorId, debtorId],
    );
    expect(before!.n).toBeGreaterThanOrEqual(4); // invoice import entries, the legacy row, tracing, contacts
    // Accounting records are kept ten years (art. 2220 c.c.): the erasure comes after that.
    const result = await anonymiseDebtor(ctxOn(t.db, '2036-02-01'), w.creditorId, debtorId);
    expect(result.registerEntriesErased).toBe(before!.n);

    const personal = await t.db.query<{ seq: number }>(
      `select seq from register_entries where creditor_id = $1
         and (data::text ~ '333|pec\\.it|Rossi|Bianchi' or reason ~ '333|Rossi|Bianchi')`,
      [w.creditorId],
    );
    expect(personal).toEqual([]);
    const erased = await t.db.query<{
      reason: string | null;
      data: unknown;
      salt: string | null;
      digest: string | null;
      format: number;
    }>(
      `select reason, data, payload_salt as salt, payload_digest as digest, format from register_entries
       where creditor_id = $1 and erased_at is not null order by seq`,
      [w.creditorId],
    );
    expect(erased.length).toBe(before!.n);
    for (const row of erased) {
      expect(row).toMatchObject({ reason: null, data: {}, salt: null });
      if (row.format === 2) expect(row.digest).toMatch(/^[0-9a-f]{64}$/);
    }
    // The other debtor's entry keeps its payload.
    const [kept] = await t.db.query<{ reason: string }>(
      `select reason from register_entries where creditor_id = $1 and debtor_id = $2 and action = 'tracing.result'`,
      [w.creditorId, otherDebtorId],
    );
    expect(kept!.reason).toBe('trovato in via Nizza 5');

    const check = await verifyRegister(t.db, w.creditorId);
    expect(check).toMatchObject({
      isValid: true,
      entries: before!.total + 1, // + the security event recording the erasure
      erased: before!.n,
      erasedUnsealed: 1,
      problem: null,
    });
    // Repeating erases nothing more.
    const again = await anonymiseDebtor(ctxOn(t.db, '2036-02-02'), w.creditorId, debtorId);
    expect(again.registerEntriesErased).toBe(1); // only the first erasure's own event, which named the debtor
    expect((await verifyRegister(t.db, w.creditorId)).isValid).toBe(true);
  });

  it('refuses any change other than an erasure, and still detects tampering with kept and erased rows', async () => {
    const [erasedRow] = await t.db.query<{ seq: number }>(
      `select seq from register_entries where creditor_id = $1 and erased_at is not null and format = 2 order by seq limit 1`,
      [w.creditorId],
    );
    const [keptRow] = await t.db.query<{ seq: number }>(
      `select seq from register_entries where creditor_id = $1 and debtor_id = $2 and action = 'tracing.result'`,
      [w.creditorId, otherDebtorId],
    );
    await expect(
      t.db.query(`update register_entries set action = 'x' where creditor_id = $1 and seq = $2`, [
        w.creditorId,
        erasedRow!.seq,
      ]),
    ).rejects.toThrow(/append-only/);
    await expect(
      t.db.query(`update register_entries set reason = 'altro' where creditor_id = $1 and seq = $2`, [
        w.creditorId,
        keptRow!.seq,
      ]),
    ).rejects.toThrow(/append-only/);
    await expect(
      t.db.query('delete from register_entries where creditor_id = $1 and seq = $2', [
        w.creditorId,
        erasedRow!.seq,
      ]),
    ).rejects.toThrow(/append-only/);

    // Someone with the trigger off alters a kept row's payload: caught by its digest.
    await withTriggerOff(
      `update register_entries set reason = 'trovato in via Po 1' where creditor_id = ${w.creditorId} and seq = ${keptRow!.seq}`,
    );
    expect(await verifyRegister(t.db, w.creditorId)).toMatchObject({
      isValid: false,
      firstBrokenSeq: keptRow!.seq,
      problem: `entry ${keptRow!.seq} was altered`,
    });
    await withTriggerOff(
      `update register_entries set reason = 'trovato in via Nizza 5' where creditor_id = ${w.creditorId} and seq = ${keptRow!.seq}`,
    );
    expect((await verifyRegister(t.db, w.creditorId)).isValid).toBe(true);

    // An erased row's remaining fields are still covered by the chain.
    await withTriggerOff(
      `update register_entries set actor = 'someone else' where creditor_id = ${w.creditorId} and seq = ${erasedRow!.seq}`,
    );
    expect(await verifyRegister(t.db, w.creditorId)).toMatchObject({
      isValid: false,
      firstBrokenSeq: erasedRow!.seq,
    });
  });
});
