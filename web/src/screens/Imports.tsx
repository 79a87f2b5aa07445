import { type DragEvent, useRef, useState } from 'react';
import { api, query, unsafeHeaders } from '../api.ts';
import { ErrorNote, Loading, Pager, Section, useLoad } from '../components.tsx';
import { useCreditor } from '../creditor.tsx';
import { day, money } from '../format.ts';
import { fill, useI18n } from '../i18n/index.tsx';

type TFileResult = {
  file: string;
  format: string | null;
  status: string;
  counts: Record<string, number>;
  errors: Array<{ message?: string }>;
};
type TUnmatched = {
  id: number;
  amount: string;
  currency: string;
  date: string;
  payerName: string | null;
  remittance: string | null;
  suggestions: Array<{ invoiceNumber: string; debtorName: string; outstanding: string; reason: string }>;
};

/** XMLHttpRequest, not fetch: only it reports upload progress. */
function upload(
  files: File[],
  creditor: string | null,
  onProgress: (fraction: number) => void,
): Promise<TFileResult[]> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    for (const file of files) form.append('files', file, file.name);
    const xhr = new XMLHttpRequest();
    // The creditor of bank statements and CSV files that do not name one.
    xhr.open('POST', `/api/v1/imports${query({ creditor })}`);
    xhr.setRequestHeader('Accept', 'application/json');
    for (const [k, v] of Object.entries(unsafeHeaders())) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      const body = JSON.parse(xhr.responseText || 'null');
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as TFileResult[]);
      else reject(new Error(body?.message ?? `HTTP ${xhr.status}`));
    };
    xhr.onerror = () => reject(new Error('network error'));
    xhr.send(form);
  });
}

export function Imports() {
  const { t } = useI18n();
  const { creditor } = useCreditor();
  const [progress, setProgress] = useState<number | null>(null);
  const [results, setResults] = useState<TFileResult[] | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [isOver, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const [unmatchedKey, setUnmatchedKey] = useState(0);

  const send = async (files: File[]) => {
    if (files.length === 0) return;
    setError(null);
    setResults(null);
    setProgress(0);
    try {
      setResults(await upload(files, creditor, setProgress));
      setUnmatchedKey((k) => k + 1);
    } catch (e) {
      setError(e as Error);
    } finally {
      setProgress(null);
    }
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    void send([...e.dataTransfer.files]);
  };

  return (
    <>
      <h1>{t.importsTitle}</h1>
      <Section title={t.uploadFiles} id="upload">
        {/* biome-ignore lint/a11y/noStaticElementInteractions: the drop zone; the file input inside is the keyboard way */}
        <div
          className={`dropzone${isOver ? ' over' : ''}`}
          onDragOver={(e) => {
            e.preventDefault();
            setOver(true);
          }}
          onDragLeave={() => setOver(false)}
          onDrop={onDrop}
          data-testid="dropzone"
        >
          <p>{t.dropFiles}</p>
          <label className="button">
            {t.chooseFiles}
            <input
              ref={input}
              type="file"
              multiple
              className="sr-only"
              onChange={(e) => {
                void send([...(e.target.files ?? [])]);
                e.target.value = '';
              }}
            />
          </label>
        </div>
        {progress !== null && (
          <label>
            {t.uploading}{' '}
            <progress max={1} value={progress}>
              {Math.round(progress * 100)}%
            </progress>
          </label>
        )}
        {error && <ErrorNote error={error} />}
        {results && (
          <table aria-label={t.importReport}>
            <caption>{t.importReport}</caption>
            <thead>
              <tr>
                <th scope="col">{t.file}</th>
                <th scope="col">{t.format}</th>
                <th scope="col">{t.status}</th>
                <th scope="col">{t.counts}</th>
                <th scope="col">{t.errors}</th>
              </tr>
            </thead>
            <tbody>
              {results.map((r) => (
                <tr key={r.file} className={r.status}>
                  <td>{r.file}</td>
                  <td>{r.format ?? '—'}</td>
                  <td>{r.status}</td>
                  <td>
                    {Object.entries(r.counts)
                      .map(([k, v]) => `${k}: ${v}`)
                      .join(', ')}
                  </td>
                  <td>{r.errors.map((x) => x.message ?? JSON.stringify(x)).join('; ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
      <UnmatchedPayments key={unmatchedKey} />
    </>
  );
}

const PAGE = 25;

function UnmatchedPayments() {
  const { t, lang } = useI18n();
  const { creditor } = useCreditor();
  const [afters, setAfters] = useState<number[]>([0]);
  const after = afters[afters.length - 1]!;
  const list = useLoad(
    () => api<TUnmatched[]>('GET', `/api/v1/payments/unmatched${query({ after, limit: PAGE, creditor })}`),
    `${after}-${creditor}`,
  );
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const match = async (id: number, invoice: string) => {
    setError(null);
    try {
      await api('POST', `/api/v1/payments/${id}/match`, { invoices: [invoice] });
      setMessage(`${t.matched} ${invoice}`);
      list.reload();
    } catch (e) {
      setError(e as Error);
    }
  };
  return (
    <Section title={t.unmatched} id="unmatched">
      {message && <p role="status">{message}</p>}
      {error && <ErrorNote error={error} />}
      {list.isLoading && <Loading />}
      {list.error && <ErrorNote error={list.error} onRetry={list.reload} />}
      {list.data?.length === 0 && <p>{t.none}</p>}
      {list.data && list.data.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">{t.date}</th>
              <th scope="col">{t.amount}</th>
              <th scope="col">{t.payer}</th>
              <th scope="col">{t.remittance}</th>
              <th scope="col">{t.suggestions}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((p) => (
              <tr key={p.id}>
                <td>{day(p.date, lang)}</td>
                <td className="num">{money(p.amount, lang, p.currency)}</td>
                <td>{p.payerName ?? '—'}</td>
                <td>{p.remittance ?? '—'}</td>
                <td>
                  <ul className="plain">
                    {p.suggestions.map((s) => (
                      <li key={s.invoiceNumber}>
                        {s.invoiceNumber} · {s.debtorName} · {money(s.outstanding, lang)}{' '}
                        <button
                          type="button"
                          onClick={() => match(p.id, s.invoiceNumber)}
                          aria-label={fill('{match} {invoice}', { match: t.match, invoice: s.invoiceNumber })}
                        >
                          {t.match}
                        </button>
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager
        canGoBack={afters.length > 1}
        canGoOn={(list.data?.length ?? 0) === PAGE}
        onBack={() => setAfters(afters.slice(0, -1))}
        onNext={() => setAfters([...afters, list.data![list.data!.length - 1]!.id])}
      />
    </Section>
  );
}
