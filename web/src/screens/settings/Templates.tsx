import { useEffect, useState } from 'react';
import { api, query } from '../../api.ts';
import { ErrorNote, Loading, Section, useLoad } from '../../components.tsx';
import { todayIso } from '../../format.ts';
import { useI18n } from '../../i18n/index.tsx';

type TTemplate = {
  templateKey: string;
  language: string;
  channel: string;
  isCustom: boolean;
  subject: string;
  body: string;
  closing: string;
};
type TPreview = { subject: string; text: string; debtor: { name: string } };

const idOf = (x: TTemplate) => `${x.templateKey}|${x.language}|${x.channel}`;

/** A creditor's templates by key, language and channel; edit one and preview it on a real debtor. */
export function Templates({ creditor, canEdit }: { creditor: string; canEdit: boolean }) {
  const { t } = useI18n();
  const templates = useLoad(
    () => api<TTemplate[]>('GET', `/api/v1/templates${query({ creditor })}`),
    `templates-${creditor}`,
  );
  const [language, setLanguage] = useState('');
  const [editing, setEditing] = useState<TTemplate | null>(null);
  const rows = (templates.data ?? []).filter((x) => !language || x.language === language);
  const languages = [...new Set((templates.data ?? []).map((x) => x.language))];
  return (
    <Section title={t.templates} id="templates">
      {templates.error && <ErrorNote error={templates.error} onRetry={templates.reload} />}
      {!templates.data && !templates.error && <Loading />}
      <label>
        {t.language}{' '}
        <select value={language} onChange={(e) => setLanguage(e.target.value)}>
          <option value="">{t.allCreditors}</option>
          {languages.map((l) => (
            <option key={l} value={l}>
              {l}
            </option>
          ))}
        </select>
      </label>
      {editing && (
        <TemplateEditor
          key={idOf(editing)}
          creditor={creditor}
          template={editing}
          canEdit={canEdit}
          onSaved={templates.reload}
        />
      )}
      <div className="scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">{t.templateKey}</th>
              <th scope="col">{t.channel}</th>
              <th scope="col">{t.language}</th>
              <th scope="col">{t.subject}</th>
              <th scope="col">
                <span className="sr-only">{t.edit}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((x) => (
              <tr key={idOf(x)}>
                <td>
                  {x.templateKey} <span className="muted">({x.isCustom ? t.custom : t.standard})</span>
                </td>
                <td>{x.channel}</td>
                <td>{x.language}</td>
                <td>{x.subject || '—'}</td>
                <td>
                  <button
                    type="button"
                    onClick={() => setEditing(x)}
                    aria-label={`${t.edit} ${x.templateKey} ${x.channel} ${x.language}`}
                  >
                    {t.edit}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Section>
  );
}

function TemplateEditor({
  creditor,
  template,
  canEdit,
  onSaved,
}: {
  creditor: string;
  template: TTemplate;
  canEdit: boolean;
  onSaved(): void;
}) {
  const { t } = useI18n();
  const [text, setText] = useState({
    subject: template.subject,
    body: template.body,
    closing: template.closing,
  });
  const [debtor, setDebtor] = useState('');
  const [preview, setPreview] = useState<TPreview | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [previewError, setPreviewError] = useState<Error | null>(null);
  // A real debtor of this creditor to preview on, unless the person names another.
  const first = useLoad(
    () =>
      api<Array<{ vatNumber: string | null; fiscalCode: string | null }>>(
        'GET',
        `/api/v1/debtors${query({ creditor, limit: 1 })}`,
      ),
    `first-debtor-${creditor}`,
  );
  const target = debtor || first.data?.[0]?.vatNumber || first.data?.[0]?.fiscalCode || '';
  // Live: the text as typed (the draft, not saved) rendered on the debtor, shortly after typing stops.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the draft and the debtor are what matter
  useEffect(() => {
    if (!target) return;
    let isCurrent = true;
    const timer = setTimeout(() => {
      api<TPreview>('POST', '/api/v1/templates/preview', {
        creditor,
        debtor: target,
        template: template.templateKey,
        channel: template.channel,
        language: template.language,
        date: todayIso(),
        draft: text,
      }).then(
        (next) => {
          if (!isCurrent) return;
          setPreview(next);
          setPreviewError(null);
        },
        (e: Error) => isCurrent && setPreviewError(e),
      );
    }, 400);
    return () => {
      isCurrent = false;
      clearTimeout(timer);
    };
  }, [text.subject, text.body, text.closing, target]);
  const save = async () => {
    setError(null);
    try {
      await api('PUT', `/api/v1/templates/${encodeURIComponent(template.templateKey)}`, {
        creditor,
        language: template.language,
        channel: template.channel,
        ...text,
      });
      setNote(t.templateSaved);
      onSaved();
    } catch (e) {
      setError(e as Error);
    }
  };
  const field = (key: keyof typeof text, label: string, rows: number) => (
    <label>
      {label}
      <textarea
        rows={rows}
        value={text[key]}
        readOnly={!canEdit}
        onChange={(e) => setText({ ...text, [key]: e.target.value })}
      />
    </label>
  );
  return (
    <section className="card stack" aria-label={`${t.template} ${template.templateKey}`}>
      <h3>
        {template.templateKey} · {template.channel} · {template.language}
      </h3>
      {note && <p role="status">{note}</p>}
      {error && <ErrorNote error={error} />}
      {template.channel !== 'sms' && field('subject', t.subject, 1)}
      {field('body', t.body, 8)}
      {template.channel !== 'sms' && field('closing', t.closing, 2)}
      <label>
        {t.previewOn}
        <input value={debtor} placeholder={target} onChange={(e) => setDebtor(e.target.value)} />
      </label>
      <div className="inline-form">
        {canEdit && (
          <button type="button" onClick={save}>
            {t.save}
          </button>
        )}
      </div>
      <p className="muted">{t.previewNote}</p>
      {previewError && <ErrorNote error={previewError} />}
      {preview && !previewError && (
        <figure className="card" aria-label={t.showPreview}>
          {preview.subject && <strong>{preview.subject}</strong>}
          <pre className="preview">{preview.text}</pre>
        </figure>
      )}
    </section>
  );
}
