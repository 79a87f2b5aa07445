import { parseDate } from '../../core/shared/calendar-date.ts';
import { requireCase } from '../agency/build-case-file.ts';
import { resolveCreditorIdOrNull } from '../collection/resolve-creditor.ts';
import type { TContext } from '../shared/context.ts';
import { legalView, type TLegalView } from './legal-view.ts';

/** A case's legal stages, deadlines (with their status on the date) and outcome. */
export async function showLegal(
  ctx: TContext,
  input: { caseId: number; creditor?: string | null; date?: string | null },
): Promise<TLegalView> {
  const head = await requireCase(ctx, input.caseId, await resolveCreditorIdOrNull(ctx.db, input.creditor));
  return legalView(ctx.db, head, input.date ? parseDate(input.date, 'date') : ctx.today);
}
