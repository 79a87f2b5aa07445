import { z } from 'zod';
import { renderPetitionPdf } from '../../adapters/case-file/render-petition-pdf.ts';
import { parseDate, type TCalendarDate } from '../../core/shared/calendar-date.ts';
import { buildCaseFile, requireCase } from '../agency/build-case-file.ts';
import type { TCaseFileAmounts, TCaseFileManifest } from '../agency/case-file-manifest.ts';
import { resolveCreditorIdOrNull } from '../collection/resolve-creditor.ts';
import type { TContext } from '../shared/context.ts';
import { parseInput } from '../shared/parse-input.ts';

export const ZDraftPetition = z.object({
  caseId: z.number().int().positive(),
  creditor: z.string().nullish(),
  date: z.string().nullish(),
  allowUnverifiedRates: z.boolean().default(false),
});
export type TDraftPetition = z.input<typeof ZDraftPetition>;

/** Written proof (art. 633-634 c.p.c.) listed in the petition, numbered as the documents to file. */
export type TWrittenProof = { n: number; description: string; file: string | null };

export type TPetitionDraft = {
  caseId: number;
  date: string;
  creditor: TCaseFileManifest['creditor'];
  debtor: TCaseFileManifest['debtor'];
  invoices: Array<{
    number: string;
    issueDate: string;
    total: string;
    dueDates: string[];
    capitalOutstanding: string;
  }>;
  amounts: Record<string, TCaseFileAmounts>;
  demands: Array<{ date: string; stepKey: string; channels: string[] }>;
  proofs: TWrittenProof[];
};

const WRITTEN = new Set(['letter', 'registered-letter', 'pec', 'email']);

/** The petition's facts, amounts and written proof, from the case as it stands on the date. */
export function petitionFromCaseFile(m: TCaseFileManifest): TPetitionDraft {
  const proofs: TWrittenProof[] = [];
  const add = (description: string, file: string | null) =>
    proofs.push({ n: proofs.length + 1, description, file });
  for (const i of m.invoices) {
    add(
      i.files.xml
        ? `Fattura elettronica n. ${i.number} del ${i.issueDate}, trasmessa tramite SdI (file XML originale)`
        : `Fattura n. ${i.number} del ${i.issueDate}`,
      i.files.xml ?? i.files.pdf,
    );
  }
  for (const d of m.documents) add(`${DOCUMENT_LABEL[d.kind] ?? d.kind}: ${d.fileName}`, d.path);
  const demands = m.actions.filter(
    (a) => a.status !== 'skipped' && a.status !== 'cancelled' && a.channels.some((c) => WRITTEN.has(c)),
  );
  for (const a of demands)
    add(`Sollecito scritto del ${a.date} (${a.channels.join(' + ')}, ${a.stepKey})`, null);
  for (const p of m.proofs)
    add(`Prova di invio/consegna del ${p.date}: ${p.reference || p.fileName}`, p.path);
  add(`Estratto conto con interessi al ${m.asOf}`, m.statement.pdf);
  add(
    'Estratto del registro delle attività di recupero con verifica della catena di hash',
    m.register.extract.path,
  );
  return {
    caseId: m.case.id,
    date: m.asOf,
    creditor: m.creditor,
    debtor: m.debtor,
    invoices: m.invoices.map((i) => ({
      number: i.number,
      issueDate: i.issueDate,
      total: i.total,
      dueDates: i.instalments.map((t) => t.dueDate),
      capitalOutstanding: i.totals.capitalOutstanding,
    })),
    amounts: m.amounts,
    demands: demands.map((a) => ({ date: a.date, stepKey: a.stepKey, channels: a.channels })),
    proofs,
  };
}

const DOCUMENT_LABEL: Record<string, string> = {
  terms: 'Condizioni di pagamento concordate',
  'delivery-note': 'Documento di trasporto / prova di consegna',
  'receipt-confirmation': 'Conferma di ricezione della fattura',
  correspondence: 'Corrispondenza',
  other: 'Documento',
};

/**
 * A draft petition for a payment order (ricorso per decreto ingiuntivo, art. 633 c.p.c.) filled
 * from the case: parties, invoices, amounts with interest at the date, demands sent, and the list
 * of written proof. A draft for the lawyer, who chooses the court and signs it.
 */
export async function draftPetition(
  ctx: TContext,
  raw: TDraftPetition,
): Promise<{ draft: TPetitionDraft; pdf: Buffer }> {
  const input = parseInput(ZDraftPetition, raw);
  const head = await requireCase(ctx, input.caseId, await resolveCreditorIdOrNull(ctx.db, input.creditor));
  const date: TCalendarDate = input.date ? parseDate(input.date, 'date') : ctx.today;
  const built = await buildCaseFile(ctx, head, date, { allowUnverifiedRates: input.allowUnverifiedRates });
  const draft = petitionFromCaseFile(built.manifest);
  return { draft, pdf: await renderPetitionPdf(draft, ctx.now) };
}
