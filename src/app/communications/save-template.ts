import { z } from 'zod';
import { TEMPLATE_CHANNELS } from '../../core/communications/channels.ts';
import { revealingWord } from '../../core/communications/conduct.ts';
import { TEMPLATE_LANGUAGES } from '../../core/communications/language.ts';
import { templateError } from '../../core/communications/render-template.ts';
import { invalid } from '../../core/shared/errors.ts';
import { upsertMessageTemplate } from '../../db/queries/message-templates.ts';
import { appendRegisterEntries } from '../register/append-register-entries.ts';
import type { TContext } from '../shared/context.ts';
import { parseInput } from '../shared/parse-input.ts';

export const ZSaveTemplate = z.object({
  creditorId: z.number().int().positive(),
  templateKey: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]{0,79}$/, 'lower-case letters, digits and dashes'),
  language: z.enum(TEMPLATE_LANGUAGES),
  channel: z.enum(TEMPLATE_CHANNELS),
  subject: z.string(),
  body: z.string().min(1),
  closing: z.string().default(''),
});

export type TSaveTemplate = z.input<typeof ZSaveTemplate>;

/**
 * Saves a creditor's template after rendering it against complete sample data: an unknown
 * variable, an unknown filter or a syntax error is refused here, so a letter never goes out with
 * a blank. A subject that would tell an onlooker about a debt is refused too (conduct rules).
 */
export async function saveTemplate(ctx: TContext, raw: TSaveTemplate): Promise<{ saved: true }> {
  const input = parseInput(ZSaveTemplate, raw);
  const problem = templateError(input);
  if (problem) throw invalid(problem.part, input[problem.part], `does not render: ${problem.message}`);
  const word = revealingWord(input.subject);
  if (word && input.channel !== 'sms')
    throw invalid('subject', input.subject, `must not reveal a debt collection ("${word}")`);
  await ctx.db.transaction(async (db) => {
    await upsertMessageTemplate(db, {
      creditor_id: input.creditorId,
      template_key: input.templateKey,
      language: input.language,
      channel: input.channel,
      subject: input.subject,
      body: input.body,
      closing: input.closing,
      updated_at: ctx.now,
      updated_by: ctx.actor,
    });
    await appendRegisterEntries({ ...ctx, db }, input.creditorId, [
      {
        action: 'template.saved',
        subjectType: 'template',
        subjectId: null,
        data: { templateKey: input.templateKey, language: input.language, channel: input.channel },
      },
    ]);
  });
  return { saved: true };
}
