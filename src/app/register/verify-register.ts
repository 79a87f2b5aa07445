import {
  expectedRegisterHash,
  REGISTER_GENESIS_HASH,
  type TStoredRegisterRow,
} from '../../core/register/register-hash.ts';
import type { TSql } from '../../db/database.ts';

export type TRegisterVerification = {
  creditorId: number;
  entries: number;
  /** Rows whose personal payload was erased (privacy erasure, mandate end): still chained and checked. */
  erased: number;
  /** Of those, rows of format 1 (written before payloads were sealed): only their place in the chain is checked. */
  erasedUnsealed: number;
  isValid: boolean;
  firstBrokenSeq: number | null;
  problem: string | null;
};

export type TRegisterRow = {
  seq: number;
  occurred_at: Date;
  actor: string;
  action: string;
  subject_type: string;
  subject_id: number | null;
  debtor_id: number | null;
  reason: string | null;
  data: unknown;
  prev_hash: string;
  hash: string;
  format: number;
  payload_salt: string | null;
  payload_digest: string | null;
  erased_at: Date | null;
};

export function storedRow(
  creditorId: number,
  row: Omit<TRegisterRow, 'prev_hash' | 'hash'>,
): TStoredRegisterRow {
  return {
    creditorId,
    seq: row.seq,
    occurredAt: row.occurred_at.toISOString(),
    actor: row.actor,
    action: row.action,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    debtorId: row.debtor_id,
    reason: row.reason,
    data: row.data,
    format: row.format,
    payloadSalt: row.payload_salt,
    payloadDigest: row.payload_digest,
    isErased: row.erased_at !== null,
  };
}

const PAGE = 5000;

/**
 * Recomputes a tenant's chain: detects an altered row, a removed row or a truncated tail. Rows
 * whose personal payload was erased are counted; their remaining fields are still checked (format 2).
 */
export async function verifyRegister(db: TSql, creditorId: number): Promise<TRegisterVerification> {
  let prevHash = REGISTER_GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  let erased = 0;
  let erasedUnsealed = 0;
  const fail = (seq: number, problem: string): TRegisterVerification => ({
    creditorId,
    entries: count,
    erased,
    erasedUnsealed,
    isValid: false,
    firstBrokenSeq: seq,
    problem,
  });
  for (;;) {
    const rows = await db.query<TRegisterRow>(
      `select seq, occurred_at, actor, action, subject_type, subject_id, debtor_id, reason, data, prev_hash, hash,
         format, payload_salt, payload_digest, erased_at
       from register_entries where creditor_id = $1 and seq >= $2 order by seq limit ${PAGE}`,
      [creditorId, expectedSeq],
    );
    for (const row of rows) {
      if (row.seq !== expectedSeq) return fail(expectedSeq, `entry ${expectedSeq} is missing`);
      if (row.prev_hash !== prevHash)
        return fail(row.seq, `entry ${row.seq} does not follow entry ${row.seq - 1}`);
      const hash = expectedRegisterHash(prevHash, storedRow(creditorId, row), row.hash);
      if (typeof hash !== 'string') return fail(row.seq, hash.problem);
      if (hash !== row.hash) return fail(row.seq, `entry ${row.seq} was altered`);
      prevHash = hash;
      expectedSeq += 1;
      count += 1;
      if (row.erased_at) {
        erased += 1;
        if (row.format === 1) erasedUnsealed += 1;
      }
    }
    if (rows.length < PAGE) break;
  }
  const [head] = await db.query<{ seq: number; hash: string }>(
    'select seq, hash from register_heads where creditor_id = $1',
    [creditorId],
  );
  if (head && (head.seq !== count || head.hash !== prevHash)) {
    return fail(count + 1, `the register ends at entry ${count} but ${head.seq} were written`);
  }
  return {
    creditorId,
    entries: count,
    erased,
    erasedUnsealed,
    isValid: true,
    firstBrokenSeq: null,
    problem: null,
  };
}
