import type { TSql } from '../../db/database.ts';

/**
 * Empties the personal payload (reason, data, and the salt of its digest) of the given register
 * rows, inside the caller's transaction. The hash chain is untouched: format-2 rows are hashed over
 * the payload's digest, which stays. The database refuses any other change to a register row
 * (trigger register_entries_no_update). Rows already erased are skipped: repeating is harmless.
 * Returns the number of rows erased now.
 */
export async function eraseRegisterPayloads(
  db: TSql,
  creditorId: number,
  seqs: readonly number[],
  at: Date,
): Promise<number> {
  if (seqs.length === 0) return 0;
  const rows = await db.query(
    `update register_entries set reason = null, data = '{}', payload_salt = null, erased_at = $3
     where creditor_id = $1 and seq = any($2::int8[]) and erased_at is null
     returning seq`,
    [creditorId, seqs, at],
  );
  return rows.length;
}

/** Every register row about a debtor: tagged with the debtor, or whose subject is the debtor. */
export async function debtorRegisterSeqs(db: TSql, creditorId: number, debtorId: number): Promise<number[]> {
  const rows = await db.query<{ seq: number }>(
    `select seq from register_entries
     where creditor_id = $1 and erased_at is null
       and (debtor_id = $2 or (subject_type = 'debtor' and subject_id = $2))`,
    [creditorId, debtorId],
  );
  return rows.map((r) => r.seq);
}
