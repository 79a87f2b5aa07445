import { defaultTemplate, presetTemplateChannels } from '../../core/communications/default-templates.ts';
import { TEMPLATE_LANGUAGES } from '../../core/communications/language.ts';
import type { TSql } from '../../db/database.ts';
import { listMessageTemplates } from '../../db/queries/message-templates.ts';

export type TTemplateView = {
  templateKey: string;
  language: string;
  channel: string;
  isCustom: boolean;
  subject: string;
  body: string;
  closing: string;
  updatedAt: string | null;
  updatedBy: string | null;
};

/** Every template a creditor's communications use: its own where saved, the default otherwise. */
export async function listTemplates(db: TSql, creditorId: number): Promise<TTemplateView[]> {
  const custom = await listMessageTemplates(db, creditorId);
  const byKey = new Map(custom.map((t) => [`${t.template_key}|${t.language}|${t.channel}`, t]));
  const out: TTemplateView[] = [];
  const seen = new Set<string>();
  for (const [templateKey, channels] of presetTemplateChannels()) {
    for (const channel of channels) {
      for (const language of TEMPLATE_LANGUAGES) {
        const id = `${templateKey}|${language}|${channel}`;
        seen.add(id);
        const own = byKey.get(id);
        const text = own ?? defaultTemplate({ templateKey, language, channel })!;
        out.push({
          templateKey,
          language,
          channel,
          isCustom: own !== undefined,
          subject: text.subject,
          body: text.body,
          closing: text.closing,
          updatedAt: own ? own.updated_at.toISOString() : null,
          updatedBy: own?.updated_by ?? null,
        });
      }
    }
  }
  for (const t of custom) {
    if (seen.has(`${t.template_key}|${t.language}|${t.channel}`)) continue;
    out.push({
      templateKey: t.template_key,
      language: t.language,
      channel: t.channel,
      isCustom: true,
      subject: t.subject,
      body: t.body,
      closing: t.closing,
      updatedAt: t.updated_at.toISOString(),
      updatedBy: t.updated_by,
    });
  }
  return out.sort((a, b) =>
    `${a.templateKey}|${a.channel}|${a.language}`.localeCompare(
      `${b.templateKey}|${b.channel}|${b.language}`,
    ),
  );
}
