import {
  defaultTemplate,
  type TTemplateKey,
  type TTemplateText,
} from '../../core/communications/default-templates.ts';
import { AppError } from '../../core/shared/errors.ts';
import type { TSql } from '../../db/database.ts';
import { findMessageTemplate } from '../../db/queries/message-templates.ts';

export type TEffectiveTemplate = TTemplateText & { isCustom: boolean };

/** The creditor's own template when saved, else Riscossa's default; an error when neither exists. */
export async function effectiveTemplate(
  db: TSql,
  creditorId: number,
  key: TTemplateKey,
): Promise<TEffectiveTemplate> {
  const custom = await findMessageTemplate(db, creditorId, key);
  if (custom) return { subject: custom.subject, body: custom.body, closing: custom.closing, isCustom: true };
  const fallback = defaultTemplate(key);
  if (!fallback) {
    throw new AppError(
      'NOT_FOUND',
      `template: no "${key.templateKey}" template for ${key.channel} in ${key.language}; save one with riscossa templates set`,
      { field: 'template', value: key },
    );
  }
  return { ...fallback, isCustom: false };
}
