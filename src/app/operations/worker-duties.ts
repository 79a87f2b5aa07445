import { sendOutbox, type TSenders } from '../communications/send-outbox.ts';
import { deliverWebhooks } from '../webhooks/deliver-webhooks.ts';
import { housekeep } from './housekeeping.ts';
import type { TWorkerDuty } from './worker-tick.ts';

/**
 * What every worker pass does after the scheduled runs. Each duty claims its own rows (a row
 * lock and a status change in a short transaction), so it is safe with any number of workers.
 * The outbox sender runs only for the channels configured in the environment (mail-settings.ts);
 * without any, messages wait in the outbox and letters go out through print batches. Webhook
 * deliveries are claimed by moving their next attempt forward first, so `serve`'s own dispatcher
 * and any number of workers never send one twice. Housekeeping deletes expired sessions and old
 * idempotency records, at most 10 batches of 1,000 rows per table per tick.
 */
export function workerDuties(senders: TSenders): TWorkerDuty[] {
  const duties: TWorkerDuty[] = [
    {
      name: 'webhooks',
      run: async (ctx) => (await deliverWebhooks(ctx.db, { now: () => ctx.now, limit: 1000 })).attempted,
    },
    {
      name: 'housekeeping',
      run: async (ctx) => {
        const r = await housekeep(ctx);
        return r.sessions + r.idempotencyKeys + r.loginAttempts;
      },
    },
  ];
  if (senders.email || senders.pec || senders.sms) {
    duties.push({
      name: 'outbox',
      run: async (ctx) => (await sendOutbox(ctx, senders, { limit: 1000 })).messages.length,
    });
  }
  return duties;
}
