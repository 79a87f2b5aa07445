import { createHmac } from 'node:crypto';

/** The events other systems can subscribe to (docs/security.md). */
export const WEBHOOK_EVENTS = [
  'payment.matched',
  'step.executed',
  'promise.broken',
  'dispute.opened',
  'case.handed_over',
] as const;
export type TWebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/**
 * Which register entries are webhook events. Every change is registered in its own transaction,
 * so deriving events from register entries writes them in that same transaction, whatever use
 * case made the change. A step whose key names a hand-over is also case.handed_over.
 */
export function webhookEventsOf(action: string, data: Record<string, unknown>): TWebhookEvent[] {
  switch (action) {
    case 'payment.matched':
    case 'payment.recorded':
      return ['payment.matched'];
    case 'step.taken':
      return typeof data.stepKey === 'string' && /handover|hand-over/.test(data.stepKey)
        ? ['step.executed', 'case.handed_over']
        : ['step.executed'];
    case 'promise.broken':
      return ['promise.broken'];
    case 'dispute.opened':
      return ['dispute.opened'];
    default:
      return [];
  }
}

/** Retries: 1 min, 5 min, 30 min, 2 h, 6 h, 12 h, 24 h after each failure; then the delivery fails. */
export const RETRY_DELAYS_MS = [60e3, 300e3, 1800e3, 7200e3, 21600e3, 43200e3, 86400e3] as const;

export function nextAttemptDelay(attemptsSoFar: number): number | null {
  return RETRY_DELAYS_MS[attemptsSoFar - 1] ?? null;
}

/** Riscossa-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the endpoint secret>. */
export function signatureHeader(secret: string, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  const v1 = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return `t=${t},v1=${v1}`;
}
