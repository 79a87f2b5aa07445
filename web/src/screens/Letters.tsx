import { useState } from 'react';
import { api, apiFile, query } from '../api.ts';
import { ErrorNote, Loading, Section, useLoad } from '../components.tsx';
import { useCreditor } from '../creditor.tsx';
import { instant, todayIso } from '../format.ts';
import { fill, useI18n } from '../i18n/index.tsx';

type TBatchLetter = {
  id: number;
  channel: string;
  service: string;
  debtor: { id: number; name: string };
  address: string[];
  pages: number;
  fileName: string;
  trackingNumber: string | null;
};
type TBatch = { date: string; letters: TBatchLetter[]; cancelled: Array<{ id: number; reason: string }> };
type TOutboxMessage = {
  id: number;
  stepKey: string;
  channel: string;
  status: string;
  isUnknown: boolean;
  debtor: { id: number; name: string };
  recipient: string | null;
  attempts: number;
  lastError: string | null;
  attemptLog: Array<{ at: string; outcome: string; detail: string | null }>;
};

/**
 * The day's paper (the print batch, its merged PDF, the registered-mail list with tracking
 * numbers) and the messages that failed or bounced, each with "send again". Preparing a batch
 * and sending again change data: only roles with `write` see those buttons.
 */
export function Letters({ canWrite }: { canWrite: boolean }) {
  const { t } = useI18n();
  const { creditor, creditors } = useCreditor();
  // A batch is one creditor's paper: with "All" chosen, the only creditor if there is one.
  const vat = creditor ?? (creditors.length === 1 ? creditors[0]!.vatNumber : null);
  return (
    <>
      <h1>{t.lettersTitle}</h1>
      {!vat && <p className="muted">{t.chooseCreditor}</p>}
      {vat && canWrite && <PrintBatch creditor={vat} />}
      <Failures creditor={creditor} canWrite={canWrite} />
    </>
  );
}

/** The address without its first line, the debtor's name (already in its own column). */
function postalLines(l: TBatchLetter): string {
  return l.address.filter((line, i) => i > 0 || line !== l.debtor.name).join(', ');
}

function PrintBatch({ creditor }: { creditor: string }) {
  const { t } = useI18n();
  const [date, setDate] = useState(todayIso());
  const [batch, setBatch] = useState<TBatch | null>(null);
  const [files, setFiles] = useState<Record<string, string>>({});
  const [error, setError] = useState<Error | null>(null);
  const [isBusy, setBusy] = useState(false);

  const prepare = async () => {
    setBusy(true);
    setError(null);
    try {
      const body = { creditor, date };
      const next = await api<TBatch>('POST', '/api/v1/letters/batch', body);
      const links: Record<string, string> = {};
      if (next.letters.length > 0) {
        links.pdf = await apiFile('/api/v1/letters/batch', { ...body, format: 'pdf' });
        links.csv = await apiFile('/api/v1/letters/batch', { ...body, format: 'csv' });
        if (next.letters.some((l) => l.channel === 'registered-letter'))
          links.registered = await apiFile('/api/v1/letters/batch', { ...body, format: 'registered-csv' });
      }
      for (const url of Object.values(files)) URL.revokeObjectURL(url);
      setFiles(links);
      setBatch(next);
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };

  const registered = batch?.letters.filter((l) => l.channel === 'registered-letter') ?? [];
  return (
    <Section title={t.printBatch} id="print-batch">
      <p className="muted">{t.batchExplain}</p>
      <div className="inline-form">
        <label>
          {t.batchDate}
          <input type="date" value={date} onChange={(e) => setDate(e.target.value)} />
        </label>
        <button type="button" onClick={prepare} disabled={isBusy || !date}>
          {t.prepareBatch}
        </button>
      </div>
      {error && <ErrorNote error={error} />}
      {batch && batch.letters.length === 0 && <p role="status">{t.noLetters}</p>}
      {batch && batch.letters.length > 0 && (
        <>
          <p role="status">
            {fill(t.lettersCount, {
              count: batch.letters.length,
              pages: batch.letters.reduce((s, l) => s + l.pages, 0),
            })}
          </p>
          <ul className="plain">
            <li>
              <a href={files.pdf} download={`lettere-${batch.date}.pdf`}>
                {t.batchPdf}
              </a>
            </li>
            <li>
              <a href={files.csv} download={`distinta-${batch.date}.csv`}>
                {t.dispatchCsv}
              </a>
            </li>
            {files.registered && (
              <li>
                <a href={files.registered} download={`raccomandate-${batch.date}.csv`}>
                  {t.registeredCsv}
                </a>
              </li>
            )}
          </ul>
          <table>
            <caption className="sr-only">{t.printBatch}</caption>
            <thead>
              <tr>
                <th scope="col">{t.debtor}</th>
                <th scope="col">{t.service}</th>
                <th scope="col">{t.address}</th>
                <th scope="col" className="num">
                  {t.pages}
                </th>
                <th scope="col">{t.file}</th>
              </tr>
            </thead>
            <tbody>
              {batch.letters.map((l) => (
                <tr key={l.id}>
                  <td>{l.debtor.name}</td>
                  <td>{l.service}</td>
                  <td>{postalLines(l)}</td>
                  <td className="num">{l.pages}</td>
                  <td>{l.fileName}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {registered.length > 0 && <Registered creditor={creditor} letters={registered} />}
      {batch && batch.cancelled.length > 0 && (
        <>
          <h3>{t.cancelledLetters}</h3>
          <ul>
            {batch.cancelled.map((c) => (
              <li key={c.id}>
                #{c.id}: {c.reason}
              </li>
            ))}
          </ul>
        </>
      )}
    </Section>
  );
}

/** The registered letters of the batch: the tracking number of each, once the post office gives it. */
function Registered({ creditor, letters }: { creditor: string; letters: TBatchLetter[] }) {
  const { t } = useI18n();
  return (
    <>
      <h3>{t.registeredList}</h3>
      <table>
        <thead>
          <tr>
            <th scope="col">{t.debtor}</th>
            <th scope="col">{t.address}</th>
            <th scope="col">{t.trackingNumber}</th>
          </tr>
        </thead>
        <tbody>
          {letters.map((l) => (
            <tr key={l.id}>
              <td>{l.debtor.name}</td>
              <td>{postalLines(l)}</td>
              <td>
                <TrackingForm creditor={creditor} letter={l} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function TrackingForm({ creditor, letter }: { creditor: string; letter: TBatchLetter }) {
  const { t } = useI18n();
  const [value, setValue] = useState(letter.trackingNumber ?? '');
  const [state, setState] = useState<'idle' | 'saved' | Error>('idle');
  const save = () =>
    api('POST', `/api/v1/letters/${letter.id}/tracking`, { creditor, trackingNumber: value }).then(
      () => setState('saved'),
      (e: Error) => setState(e),
    );
  return (
    <span className="inline-form">
      <input
        aria-label={`${t.trackingNumber} ${letter.debtor.name}`}
        value={value}
        onChange={(e) => setValue(e.target.value)}
      />
      <button type="button" onClick={save} disabled={!value}>
        {t.saveTracking}
      </button>
      {state === 'saved' && <span role="status">{t.trackingSaved}</span>}
      {state instanceof Error && <ErrorNote error={state} />}
    </span>
  );
}

/** Messages that need a person: failed, bounced (both `needs attention`) or of unknown fate. */
function Failures({ creditor, canWrite }: { creditor: string | null; canWrite: boolean }) {
  const { t, lang } = useI18n();
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const failures = useLoad(async () => {
    const [attention, sending] = await Promise.all([
      api<TOutboxMessage[]>('GET', `/api/v1/outbox${query({ creditor, attention: true, limit: 200 })}`),
      api<TOutboxMessage[]>('GET', `/api/v1/outbox${query({ creditor, status: 'sending', limit: 200 })}`),
    ]);
    // Also those cut by a crash while sending: maybe delivered, not recorded; a person decides.
    const unknown = sending.filter((m) => m.isUnknown && !attention.some((a) => a.id === m.id));
    return [...attention, ...unknown].sort((a, b) => a.id - b.id);
  }, `failures-${creditor}`);
  const retry = async (m: TOutboxMessage) => {
    setError(null);
    try {
      const result = await api<{ id: number; status: string }>('POST', `/api/v1/outbox/${m.id}/retry`, {
        creditor,
      });
      setNote(fill(t.retried, { id: result.id, status: t.outboxStatus[result.status] ?? result.status }));
      failures.reload();
    } catch (e) {
      setError(e as Error);
    }
  };
  return (
    <Section title={t.failures} id="failures">
      {note && <p role="status">{note}</p>}
      {error && <ErrorNote error={error} />}
      {failures.error && <ErrorNote error={failures.error} onRetry={failures.reload} />}
      {!failures.data && !failures.error && <Loading />}
      {failures.data?.length === 0 && <p>{t.noFailures}</p>}
      {failures.data && failures.data.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">{t.debtor}</th>
              <th scope="col">{t.channel}</th>
              <th scope="col">{t.recipient}</th>
              <th scope="col">{t.status}</th>
              <th scope="col" className="num">
                {t.attempts}
              </th>
              <th scope="col">{t.lastError}</th>
              {canWrite && <th scope="col">{t.retrySend}</th>}
            </tr>
          </thead>
          <tbody>
            {failures.data.map((m) => {
              const last = m.attemptLog.at(-1);
              return (
                <tr key={m.id}>
                  <td>{m.debtor.name}</td>
                  <td>
                    {m.channel} · {m.stepKey}
                  </td>
                  <td>{m.recipient ?? '—'}</td>
                  <td>{m.isUnknown ? t.unknownFate : (t.outboxStatus[m.status] ?? m.status)}</td>
                  <td className="num">{m.attempts}</td>
                  <td>
                    {m.lastError ?? '—'}
                    {last && <span className="muted"> · {instant(last.at, lang)}</span>}
                  </td>
                  {canWrite && (
                    <td>
                      <button
                        type="button"
                        onClick={() => retry(m)}
                        aria-label={`${t.retrySend}: ${m.debtor.name}`}
                      >
                        {t.retrySend}
                      </button>
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </Section>
  );
}
