import {
  deleteExpiredSessions,
  deleteIdempotencyKeysBefore,
  deleteLoginAttemptsBefore,
} from '../../db/queries/housekeeping.ts';
import type { TContext } from '../shared/context.ts';

/**
 * An Idempotency-Key protects a client's retries, which come within minutes; after 24 hours the
 * stored response is deleted and the same key runs the request again (docs/security.md).
 */
export const IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60 * 1000;

/**
 * Log-in attempts count only within the lock-out window (minutes); 30 days leaves room to look
 * into an attack afterwards. Successful log-ins and lock-outs stay in security_events.
 */
export const LOGIN_ATTEMPT_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

export type THousekeepingOptions = {
  /** Rows per delete statement: each batch is one short statement holding few row locks. */
  batchSize?: number;
  /** Batches per table per pass: a large backlog is worked off over several ticks. */
  maxBatches?: number;
};

export type THousekeepingResult = { sessions: number; idempotencyKeys: number; loginAttempts: number };

/**
 * Deletes sessions past their absolute timeout (they can never be resumed: resumeSession
 * refuses them), idempotency records and log-in attempts older than their retention, in bounded
 * batches. Safe with
 * several workers: two deleting the same batch simply count fewer rows each.
 */
export async function housekeep(
  ctx: TContext,
  options: THousekeepingOptions = {},
): Promise<THousekeepingResult> {
  const batchSize = options.batchSize ?? 1000;
  const maxBatches = options.maxBatches ?? 10;
  const before = new Date(ctx.now.getTime() - IDEMPOTENCY_RETENTION_MS);
  return {
    sessions: await inBatches(batchSize, maxBatches, (n) => deleteExpiredSessions(ctx.db, ctx.now, n)),
    idempotencyKeys: await inBatches(batchSize, maxBatches, (n) =>
      deleteIdempotencyKeysBefore(ctx.db, before, n),
    ),
    loginAttempts: await inBatches(batchSize, maxBatches, (n) =>
      deleteLoginAttemptsBefore(ctx.db, new Date(ctx.now.getTime() - LOGIN_ATTEMPT_RETENTION_MS), n),
    ),
  };
}

async function inBatches(
  batchSize: number,
  maxBatches: number,
  deleteBatch: (limit: number) => Promise<number>,
): Promise<number> {
  let total = 0;
  for (let i = 0; i < maxBatches; i++) {
    const deleted = await deleteBatch(batchSize);
    total += deleted;
    if (deleted < batchSize) break;
  }
  return total;
}
