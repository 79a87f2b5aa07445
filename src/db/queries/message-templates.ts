import type { TSql } from '../database.ts';

export type TMessageTemplateRow = {
  creditor_id: number;
  template_key: string;
  language: string;
  channel: string;
  subject: string;
  body: string;
  closing: string;
  updated_at: Date;
  updated_by: string;
};

const COLUMNS =
  'creditor_id, template_key, language, channel, subject, body, closing, updated_at, updated_by';

export async function listMessageTemplates(db: TSql, creditorId: number): Promise<TMessageTemplateRow[]> {
  return db.query<TMessageTemplateRow>(
    `select ${COLUMNS} from message_templates where creditor_id = $1 order by template_key, language, channel`,
    [creditorId],
  );
}

export async function findMessageTemplate(
  db: TSql,
  creditorId: number,
  key: { templateKey: string; language: string; channel: string },
): Promise<TMessageTemplateRow | undefined> {
  const [row] = await db.query<TMessageTemplateRow>(
    `select ${COLUMNS} from message_templates
     where creditor_id = $1 and template_key = $2 and language = $3 and channel = $4`,
    [creditorId, key.templateKey, key.language, key.channel],
  );
  return row;
}

export async function upsertMessageTemplate(
  db: TSql,
  row: Omit<TMessageTemplateRow, 'updated_at'> & { updated_at: Date },
): Promise<void> {
  await db.query(
    `insert into message_templates (${COLUMNS}) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     on conflict (creditor_id, template_key, language, channel)
     do update set subject = excluded.subject, body = excluded.body, closing = excluded.closing,
       updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    [
      row.creditor_id,
      row.template_key,
      row.language,
      row.channel,
      row.subject,
      row.body,
      row.closing,
      row.updated_at,
      row.updated_by,
    ],
  );
}
