import { reachesCreditor } from '../../core/security/roles.ts';
import type { AppError } from '../../core/shared/errors.ts';
import type { TContext } from './context.ts';

/**
 * Tenant wall inside use cases: a row found by id (a task, a payment) or named in a body (an
 * invoice's creditor) belongs to a creditor the acting principal must reach. Outside it answers
 * exactly as if the row did not exist, so ids of other tenants cannot be probed.
 */
export function assertReachesCreditor(ctx: TContext, creditorId: number, notFound: () => AppError): void {
  if (ctx.principal && !reachesCreditor(ctx.principal, creditorId)) throw notFound();
}

export function isCreditorReached(ctx: TContext, creditorId: number): boolean {
  return !ctx.principal || reachesCreditor(ctx.principal, creditorId);
}
