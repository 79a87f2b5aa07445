import type { TCalendarDate } from '../../core/shared/calendar-date.ts';
import { AppError } from '../../core/shared/errors.ts';
import { casesAwaitingCaseFile, insertCaseFile } from '../../db/queries/case-files.ts';
import { appendRegisterEntries } from '../register/append-register-entries.ts';
import type { TContext } from '../shared/context.ts';
import { buildCaseFile, requireCase } from './build-case-file.ts';

export type TCaseFileStoreOutcome = {
  caseFilesBuilt: number;
  caseFilesFailed: Array<{ caseId: number; code: string; message: string }>;
};

/**
 * Builds and stores the case file of every handed-over case that has none yet, as of its
 * handover day: the handover step's product. Exactly once (the case file's primary key), and a
 * crash between the handover and this is caught up by the next run. A case whose file cannot be
 * built (a missing interest rate) is reported and retried on the next run, not fatal to the run.
 */
export async function storeHandoverCaseFiles(
  ctx: TContext,
  creditorId: number,
): Promise<TCaseFileStoreOutcome> {
  const out: TCaseFileStoreOutcome = { caseFilesBuilt: 0, caseFilesFailed: [] };
  for (const pending of await casesAwaitingCaseFile(ctx.db, creditorId)) {
    try {
      const head = await requireCase(ctx, pending.id, creditorId);
      const built = await buildCaseFile(ctx, head, pending.handed_over_on as TCalendarDate);
      const isStored = await ctx.db.transaction(async (db) => {
        const stored = await insertCaseFile(db, creditorId, {
          caseId: head.id,
          asOf: pending.handed_over_on,
          fileName: built.fileName,
          sha256: built.sha256,
          content: built.bytes,
          manifest: built.manifest,
          by: ctx.actor,
        });
        if (stored) {
          await appendRegisterEntries({ ...ctx, db }, creditorId, [
            {
              action: 'casefile.built',
              subjectType: 'case',
              subjectId: head.id,
              debtorId: head.debtor_id,
              data: {
                asOf: pending.handed_over_on,
                fileName: built.fileName,
                sha256: built.sha256,
                files: built.manifest.files.length,
                amounts: built.manifest.amounts,
              },
            },
          ]);
        }
        return stored;
      });
      if (isStored) out.caseFilesBuilt += 1;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      out.caseFilesFailed.push({ caseId: pending.id, code: error.code, message: error.message });
    }
  }
  return out;
}
