import { z } from 'zod';
import { parseDate, type TCalendarDate } from '../../core/shared/calendar-date.ts';
import { findCaseFile } from '../../db/queries/case-files.ts';
import { resolveCreditorIdOrNull } from '../collection/resolve-creditor.ts';
import type { TContext } from '../shared/context.ts';
import { parseInput } from '../shared/parse-input.ts';
import { buildCaseFile, requireCase } from './build-case-file.ts';
import type { TCaseFileManifest } from './case-file-manifest.ts';

export const ZGetCaseFile = z.object({
  caseId: z.number().int().positive(),
  creditor: z.string().nullish(),
  /** Build anew as of this date; without it, the file stored at handover (or today's for a case not handed over). */
  date: z.string().nullish(),
  allowUnverifiedRates: z.boolean().default(false),
});
export type TGetCaseFile = z.input<typeof ZGetCaseFile>;

export type TCaseFileResult = {
  caseId: number;
  fileName: string;
  asOf: string;
  sha256: string;
  bytes: Buffer;
  /** True: the file stored by the handover step, byte for byte what the agency received. */
  isStored: boolean;
  manifest: TCaseFileManifest;
};

/** The case file of a case: the one stored at handover, or one built now as of a date. */
export async function getCaseFile(ctx: TContext, raw: TGetCaseFile): Promise<TCaseFileResult> {
  const input = parseInput(ZGetCaseFile, raw);
  const creditorId = await resolveCreditorIdOrNull(ctx.db, input.creditor);
  const head = await requireCase(ctx, input.caseId, creditorId);
  if (!input.date) {
    const stored = await findCaseFile(ctx.db, head.creditor_id, head.id);
    if (stored) {
      const [row] = await ctx.db.query<{ manifest: TCaseFileManifest }>(
        'select manifest from case_files where creditor_id = $1 and case_id = $2',
        [head.creditor_id, head.id],
      );
      return {
        caseId: head.id,
        fileName: stored.file_name,
        asOf: stored.as_of,
        sha256: stored.sha256,
        bytes: Buffer.from(stored.content),
        isStored: true,
        manifest: row!.manifest,
      };
    }
  }
  const asOf: TCalendarDate = input.date
    ? parseDate(input.date, 'date')
    : ((head.handed_over_on as TCalendarDate | null) ?? ctx.today);
  const built = await buildCaseFile(ctx, head, asOf, { allowUnverifiedRates: input.allowUnverifiedRates });
  return {
    caseId: head.id,
    fileName: built.fileName,
    asOf,
    sha256: built.sha256,
    bytes: built.bytes,
    isStored: false,
    manifest: built.manifest,
  };
}

/** What `casefile build --json` prints: the file written and the figures an operator checks. */
export function caseFileSummary(r: TCaseFileResult, out: string | null) {
  return {
    caseId: r.caseId,
    fileName: r.fileName,
    out,
    asOf: r.asOf,
    sha256: r.sha256,
    bytes: r.bytes.length,
    isStored: r.isStored,
    handedOverOn: r.manifest.case.handedOverOn,
    amounts: r.manifest.amounts,
    invoices: r.manifest.invoices.map((i) => i.number),
    documents: r.manifest.documents.length,
    actions: r.manifest.actions.length,
    proofs: r.manifest.proofs.length,
    register: r.manifest.register,
    files: r.manifest.files.map((f) => f.path).concat('casefile.json'),
  };
}
