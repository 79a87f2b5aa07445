import { z } from 'zod';
import { TEMPLATE_CHANNELS } from '../../core/communications/channels.ts';
import { TEMPLATE_LANGUAGES } from '../../core/communications/language.ts';
import { htmlMessage, textMessage } from '../../core/communications/message-blocks.ts';
import { templateError } from '../../core/communications/render-template.ts';
import { parseDate } from '../../core/shared/calendar-date.ts';
import { AppError, invalid } from '../../core/shared/errors.ts';
import { formatAmount } from '../../core/shared/money.ts';
import type { TSql } from '../../db/database.ts';
import { findDebtorById, listOverdueInstalmentIds } from '../../db/queries/communication-outbox.ts';
import { findActionSource } from '../../db/queries/communication-sources.ts';
import { resolveCreditorId } from '../collection/resolve-creditor.ts';
import { resolveDebtor } from '../ledger/resolve-debtor.ts';
import { parseInput } from '../shared/parse-input.ts';
import { buildCommunication, type TCommunication } from './build-communication.ts';

export const ZPreviewCommunication = z.object({
  creditor: z.string().nullish(),
  action: z.number().int().positive().nullish(),
  debtor: z.string().nullish(),
  template: z.string().nullish(),
  channel: z.enum(TEMPLATE_CHANNELS).default('email'),
  language: z.enum(TEMPLATE_LANGUAGES).nullish(),
  date: z.string(),
  /** Unsaved text to render instead of the stored template (checked as saving would check it). */
  draft: z
    .object({ subject: z.string().default(''), body: z.string().min(1), closing: z.string().default('') })
    .nullish(),
});

export type TPreviewCommunication = z.input<typeof ZPreviewCommunication>;

export type TCommunicationView = {
  templateKey: string;
  channel: string;
  language: string;
  isCustomTemplate: boolean;
  date: string;
  debtor: { id: number; name: string };
  recipientAddress: string[];
  subject: string;
  text: string;
  html: string;
  reference: string;
  qrPayload: string | null;
  instalments: Array<{
    id: number;
    invoiceNumber: string;
    seq: number;
    dueDate: string;
    amount: string;
    outstanding: string;
  }>;
  total: string;
  currency: string;
};

export function communicationView(c: TCommunication): TCommunicationView {
  return {
    templateKey: c.templateKey,
    channel: c.channel,
    language: c.language,
    isCustomTemplate: c.isCustomTemplate,
    date: c.date,
    debtor: { id: c.debtor.id, name: c.debtor.name },
    recipientAddress: c.debtorAddressLines,
    subject: c.text.subject,
    text: textMessage(c.context, c.text, c.qrPayload !== null),
    html: htmlMessage(c.context, c.text, c.qrPayload ? 'qr' : null),
    reference: c.rfReference,
    qrPayload: c.qrPayload,
    instalments: c.instalments.map((i) => ({
      id: i.id,
      invoiceNumber: i.invoice_number,
      seq: i.seq,
      dueDate: i.due_date,
      amount: formatAmount(i.amount_cents, i.currency),
      outstanding: formatAmount(i.outstanding_cents, i.currency),
    })),
    total: formatAmount(c.totalCents, c.currency),
    currency: c.currency,
  };
}

/**
 * A template rendered on real data, nothing sent: either for an action the engine took (its
 * template, its instalments as owed today) or for a debtor and a template (every instalment of
 * the debtor overdue on the date).
 */
export async function previewCommunication(db: TSql, raw: TPreviewCommunication): Promise<TCommunication> {
  const input = parseInput(ZPreviewCommunication, raw);
  const date = parseDate(input.date, 'date');
  const draft = input.draft ?? null;
  const problem = draft ? templateError(draft) : null;
  if (problem && draft)
    throw invalid(`draft.${problem.part}`, draft[problem.part], `does not render: ${problem.message}`);
  if (input.action) {
    const creditorId = await resolveCreditorId(db, input.creditor);
    const action = await findActionSource(db, creditorId, input.action);
    if (!action)
      throw new AppError('NOT_FOUND', `action: ${input.action} does not exist`, {
        field: 'action',
        value: input.action,
      });
    const debtor = (await findDebtorById(db, creditorId, action.debtor_id))!;
    const built = await buildCommunication(db, {
      creditorId,
      debtor,
      templateKey: input.template ?? action.template,
      stepKey: action.step_key,
      tone: action.tone,
      channel: input.channel,
      instalmentIds: action.instalments.map((i) => i.id),
      date,
      language: input.language ?? null,
      draft,
    });
    if (!built)
      throw new AppError('CONFLICT', `action: ${input.action} has nothing owed any more`, {
        field: 'action',
        value: input.action,
      });
    return built;
  }
  if (!input.debtor) throw invalid('debtor', null, 'is required (or give action)');
  if (!input.template) throw invalid('template', null, 'is required with debtor');
  const creditorId = input.creditor ? await resolveCreditorId(db, input.creditor) : null;
  const debtor = await resolveDebtor(db, input.debtor, creditorId);
  const ids = await listOverdueInstalmentIds(db, debtor.creditor_id, debtor.id, date);
  const built = await buildCommunication(db, {
    creditorId: debtor.creditor_id,
    debtor,
    templateKey: input.template,
    stepKey: input.template,
    tone: 'friendly',
    channel: input.channel,
    instalmentIds: ids,
    date,
    language: input.language ?? null,
    draft,
  });
  if (!built)
    throw new AppError('CONFLICT', `debtor: "${input.debtor}" has nothing overdue on ${date}`, {
      field: 'debtor',
      value: input.debtor,
    });
  return built;
}
