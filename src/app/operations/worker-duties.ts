import type { TWorkerDuty } from './worker-tick.ts';

/**
 * What every worker pass does after the scheduled runs. Each duty claims its own rows (FOR
 * UPDATE SKIP LOCKED or a unique claim), so it is safe with any number of workers.
 */
export function workerDuties(): TWorkerDuty[] {
  return [];
}
