import { PRESET_POLICIES } from '../collection/presets.ts';
import { isMessageChannel, type TTemplateChannel, templateChannelOf } from './channels.ts';
import { DEFAULT_SMS_EN, DEFAULT_TEMPLATES_EN } from './default-templates-en.ts';
import { DEFAULT_SMS_IT, DEFAULT_TEMPLATES_IT } from './default-templates-it.ts';
import type { TTemplateLanguage } from './language.ts';

/** A template's three parts; the instalment list and payment block go between body and closing. */
export type TTemplateText = { subject: string; body: string; closing: string };

export type TTemplateKey = { templateKey: string; language: TTemplateLanguage; channel: TTemplateChannel };

/** The message templates the shipped presets use, with their channels (plus the task outcome's). */
export function presetTemplateChannels(): Map<string, Set<TTemplateChannel>> {
  const out = new Map<string, Set<TTemplateChannel>>([['payment-instructions', new Set(['email'])]]);
  for (const policy of PRESET_POLICIES) {
    for (const step of policy.steps) {
      const channels = step.channels.filter(isMessageChannel).map(templateChannelOf);
      if (channels.length === 0) continue;
      const set = out.get(step.template) ?? new Set<TTemplateChannel>();
      for (const c of channels) set.add(c);
      out.set(step.template, set);
    }
  }
  return out;
}

/**
 * The built-in text for a template: the same prose for e-mail, letter and PEC (a letter sent by
 * e-mail must say the same thing), a short text for SMS. Null when Riscossa ships none.
 */
export function defaultTemplate(key: TTemplateKey): TTemplateText | null {
  if (key.channel === 'sms') return key.language === 'it' ? DEFAULT_SMS_IT : DEFAULT_SMS_EN;
  const book = key.language === 'it' ? DEFAULT_TEMPLATES_IT : DEFAULT_TEMPLATES_EN;
  return book[key.templateKey] ?? null;
}
