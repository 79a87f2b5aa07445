/**
 * Retries of a temporary failure: 5 minutes, then doubling, at most 6 hours apart; after
 * MAX_ATTEMPTS the message is handed to a person (a mailbox down for a day is worth a look).
 */
export const MAX_ATTEMPTS = 8;
const FIRST_DELAY_MS = 5 * 60_000;
const MAX_DELAY_MS = 6 * 3_600_000;

export function retryDelayMs(attempts: number): number {
  return Math.min(FIRST_DELAY_MS * 2 ** Math.max(0, attempts - 1), MAX_DELAY_MS);
}

/** Where a message that cannot be delivered goes instead: paper; a failed PEC keeps legal value by registered letter. */
export function fallbackChannel(channel: string): string | null {
  if (channel === 'pec') return 'registered-letter';
  if (channel === 'email' || channel === 'sms') return 'letter';
  return null;
}
