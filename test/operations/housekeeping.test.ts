import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/adapters/logging/logger.ts';
import { housekeep } from '../../src/app/operations/housekeeping.ts';
import { workerDuties } from '../../src/app/operations/worker-duties.ts';
import { workerTick } from '../../src/app/operations/worker-tick.ts';
import { addUser } from '../../src/app/security/add-user.ts';
import { makeContext } from '../../src/app/shared/context.ts';
import { createTestDatabase, type TTestDatabase } from '../support/test-database.ts';

let t: TTestDatabase;
let userId: number;
const NOW = new Date('2026-05-04T10:00:00Z');
const HOUR = 60 * 60 * 1000;
const at = (hoursFromNow: number) => new Date(NOW.getTime() + hoursFromNow * HOUR);

beforeAll(async () => {
  t = await createTestDatabase();
  const user = await addUser(makeContext(t.db, 'test', NOW), {
    email: 'housekeeping@example.it',
    name: 'Pulizie',
    role: 'administrator',
    password: 'sette-cavalli-bianchi-corrono',
  });
  userId = user.id;
});
afterAll(() => t.drop());

/** Sessions expiring at the given hours from NOW (negative = already past the absolute timeout). */
async function addSessions(prefix: string, expiresInHours: readonly number[], revoked = false) {
  for (const [i, h] of expiresInHours.entries()) {
    await t.db.query(
      `insert into sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at, revoked_at)
       values ($1, $2, 'csrf', $3, $3, $4, $5)`,
      [`${prefix}-${i}`, userId, at(h - 12), at(h), revoked ? at(h - 11) : null],
    );
  }
}

async function addIdempotencyKeys(prefix: string, createdHoursAgo: readonly number[]) {
  for (const [i, h] of createdHoursAgo.entries()) {
    await t.db.query(
      `insert into idempotency_keys (principal, key, request_hash, status, created_at)
       values ('user:1', $1, 'hash', 201, $2)`,
      [`${prefix}-${i}`, at(-h)],
    );
  }
}

async function addLoginAttempts(prefix: string, madeHoursAgo: readonly number[]) {
  for (const [i, h] of madeHoursAgo.entries()) {
    await t.db.query(
      `insert into login_attempts (email, address, is_success, attempted_at) values ($1, '127.0.0.1', false, $2)`,
      [`${prefix}-${i}@example.it`, at(-h)],
    );
  }
}

async function counts() {
  const [s] = await t.db.query<{ n: number }>('select count(*)::int8 as n from sessions');
  const [k] = await t.db.query<{ n: number }>('select count(*)::int8 as n from idempotency_keys');
  const [a] = await t.db.query<{ n: number }>('select count(*)::int8 as n from login_attempts');
  return { sessions: Number(s!.n), idempotencyKeys: Number(k!.n), loginAttempts: Number(a!.n) };
}

describe('housekeeping of sessions, idempotency keys and log-in attempts', () => {
  it('deletes expired sessions, records past 24 hours and attempts past 30 days in bounded batches, keeping the rest', async () => {
    // 5 expired (one exactly now, one revoked), 3 still valid (one revoked: kept until it expires).
    await addSessions('old', [-100, -30, -1, 0]);
    await addSessions('old-revoked', [-5], true);
    await addSessions('live', [0.5, 11]);
    await addSessions('live-revoked', [3], true);
    // 4 older than 24 hours, 3 younger (one is 23 h 59 min old).
    await addIdempotencyKeys('old', [24.01, 25, 48, 1000]);
    await addIdempotencyKeys('new', [0, 12, 23.99]);
    // 3 log-in attempts older than 30 days (720 hours), 2 younger.
    await addLoginAttempts('old', [720.01, 960, 9600]);
    await addLoginAttempts('new', [1, 719.9]);
    expect(await counts()).toEqual({ sessions: 8, idempotencyKeys: 7, loginAttempts: 5 });

    // Batches of 2, at most 2 batches per table: 4 rows each this pass, the rest on the next.
    const ctx = makeContext(t.db, 'worker:test', NOW);
    expect(await housekeep(ctx, { batchSize: 2, maxBatches: 2 })).toEqual({
      sessions: 4,
      idempotencyKeys: 4,
      loginAttempts: 3,
    });
    expect(await counts()).toEqual({ sessions: 4, idempotencyKeys: 3, loginAttempts: 2 });
    expect(await housekeep(ctx, { batchSize: 2, maxBatches: 2 })).toEqual({
      sessions: 1,
      idempotencyKeys: 0,
      loginAttempts: 0,
    });
    expect(await counts()).toEqual({ sessions: 3, idempotencyKeys: 3, loginAttempts: 2 });
    const attempts = await t.db.query<{ email: string }>('select email from login_attempts order by email');
    expect(attempts.map((r) => r.email)).toEqual(['new-0@example.it', 'new-1@example.it']);
    const left = await t.db.query<{ token_hash: string }>(
      'select token_hash from sessions order by token_hash',
    );
    expect(left.map((r) => r.token_hash)).toEqual(['live-0', 'live-1', 'live-revoked-0']);
    const keys = await t.db.query<{ key: string }>('select key from idempotency_keys order by key');
    expect(keys.map((r) => r.key)).toEqual(['new-0', 'new-1', 'new-2']);

    // Nothing more to do: a second pass deletes nothing.
    expect(await housekeep(ctx)).toEqual({ sessions: 0, idempotencyKeys: 0, loginAttempts: 0 });
  });

  it('runs as a worker duty on every tick', async () => {
    await addSessions('tick', [-2, -1]);
    await addIdempotencyKeys('tick', [30]);
    const tick = await workerTick({
      db: t.db,
      clock: () => NOW,
      worker: 'w1',
      duties: workerDuties({}),
      logger: silentLogger(),
    });
    expect(tick.duties).toEqual({ webhooks: 0, housekeeping: 3 });
    expect(await counts()).toEqual({ sessions: 3, idempotencyKeys: 3, loginAttempts: 2 });
  });
});
