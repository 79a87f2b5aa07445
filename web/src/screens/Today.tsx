import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { api, query } from '../api.ts';
import { ErrorNote, Loading, Section, useLoad } from '../components.tsx';
import { useCreditor } from '../creditor.tsx';
import { day, money } from '../format.ts';
import { fill, useI18n } from '../i18n/index.tsx';
import type { TOverview, TRunResult, TTask } from '../types.ts';
import { PromiseList, Timeline } from './History.tsx';
import { PrescriptionWarnings } from './PrescriptionWarnings.tsx';

const OUTCOMES_BY_KIND: Record<string, string[]> = {
  'phone-call': ['no-answer', 'promise', 'dispute', 'paid', 'plan', 'wrong-details', 'unreachable'],
  visit: ['no-answer', 'promise', 'dispute', 'paid', 'plan', 'wrong-details', 'unreachable'],
  review: ['approved', 'promise', 'dispute', 'paid', 'plan'],
  tracing: ['approved', 'unreachable', 'wrong-details'],
};
/** Outcomes that need more than one click: a form opens under the buttons. */
const WITH_FORM = new Set(['promise', 'dispute', 'plan']);

/** `canRun`: operators work the list; running the engine is for credit managers. */
export function Today({ canRun }: { canRun: boolean }) {
  const { t, lang } = useI18n();
  const { creditor } = useCreditor();
  const tasks = useLoad(
    () => api<TTask[]>('GET', `/api/v1/tasks${query({ limit: 50, creditor })}`),
    `tasks-${creditor}`,
  );
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const selected = tasks.data?.find((task) => task.id === selectedId) ?? tasks.data?.[0] ?? null;

  return (
    <>
      <h1>{t.todayTitle}</h1>
      {message && (
        <p role="status" className="ok">
          {message}
        </p>
      )}
      <div className="split">
        <Section title={t.worklist} id="worklist">
          {tasks.isLoading && !tasks.data && <Loading />}
          {tasks.error && <ErrorNote error={tasks.error} onRetry={tasks.reload} />}
          {tasks.data?.length === 0 && <p>{t.noTasks}</p>}
          <ul className="worklist">
            {tasks.data?.map((task) => (
              <li key={task.id}>
                <button
                  type="button"
                  aria-pressed={task.id === selected?.id}
                  onClick={() => {
                    setSelectedId(task.id);
                    setMessage(null);
                  }}
                >
                  <span className="who">{task.debtor.name}</span>
                  <span className="num">{money(task.amount, lang)}</span>
                  <span className="muted">
                    {t.taskKind[task.kind] ?? task.kind}
                    {task.isLate ? ` · ${t.late}` : ''}
                    {task.hasBrokenPromise ? ` · ${t.brokenPromise}` : ''}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </Section>
        {selected && (
          <TaskPanel
            key={selected.id}
            task={selected}
            onDone={(text) => {
              setMessage(text);
              setSelectedId(null);
              tasks.reload();
            }}
          />
        )}
      </div>
      <PrescriptionWarnings />
      {canRun && <RunPreview onRun={tasks.reload} />}
    </>
  );
}

function TaskPanel({ task, onDone }: { task: TTask; onDone(message: string): void }) {
  const { t, lang } = useI18n();
  const overview = useLoad(
    () => api<TOverview>('GET', `/api/v1/debtors/${task.debtor.id}/overview`),
    String(task.debtor.id),
  );
  const [form, setForm] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [isBusy, setBusy] = useState(false);

  const complete = async (outcome: string, extra: Record<string, unknown> = {}) => {
    setBusy(true);
    setError(null);
    try {
      await api('POST', `/api/v1/tasks/${task.id}/complete`, { outcome, ...extra });
      onDone(fill(t.recorded, { outcome: t.outcome[outcome] ?? outcome }));
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };

  const script = task.kind === 'review' ? t.scriptReview : t.scriptCall;
  return (
    <section aria-labelledby="task-heading" className="card task">
      <h2 id="task-heading">
        <Link to={`/debtors/${task.debtor.id}`}>{task.debtor.name}</Link>{' '}
        <span className="num">{money(task.amount, lang)}</span>
      </h2>
      <p className="muted">
        {t.taskKind[task.kind] ?? task.kind}
        {task.stepKey ? ` · ${task.stepKey}` : ''} · {t.dueDate} {day(task.dueDate, lang)}
        {task.riskClass ? ` · ${t.riskClassName[task.riskClass] ?? task.riskClass}` : ''}
      </p>
      {task.reason && <p>{task.reason}</p>}
      <h3>{t.callScript}</h3>
      <p className="script">
        {fill(script, { creditor: overview.data?.creditor.name ?? '…', amount: money(task.amount, lang) })}
      </p>
      <table>
        <caption>{t.invoices}</caption>
        <thead>
          <tr>
            <th scope="col">{t.invoice}</th>
            <th scope="col">{t.dueDate}</th>
            <th scope="col">{t.outstanding}</th>
          </tr>
        </thead>
        <tbody>
          {task.instalments.map((i) => (
            <tr key={i.id}>
              <td>{i.invoiceNumber}</td>
              <td>{day(i.dueDate, lang)}</td>
              <td className="num">{money(i.outstanding, lang, i.currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <fieldset className="outcomes">
        <legend>{t.outcomes}</legend>
        {(OUTCOMES_BY_KIND[task.kind] ?? []).map((outcome) => (
          <button
            key={outcome}
            type="button"
            disabled={isBusy}
            aria-expanded={WITH_FORM.has(outcome) ? form === outcome : undefined}
            onClick={() =>
              WITH_FORM.has(outcome) ? setForm(form === outcome ? null : outcome) : complete(outcome)
            }
          >
            {t.outcome[outcome] ?? outcome}
          </button>
        ))}
      </fieldset>
      {form === 'promise' && (
        <PromiseForm amount={task.amount} onSubmit={(v) => complete('promise', v)} isBusy={isBusy} />
      )}
      {form === 'dispute' && (
        <DisputeForm onSubmit={(note) => complete('dispute', { note })} isBusy={isBusy} />
      )}
      {form === 'plan' && (
        <PlanForm amount={task.amount} onSubmit={(plan) => complete('plan', { plan })} isBusy={isBusy} />
      )}
      {error && <ErrorNote error={error} />}

      <h3>{t.history}</h3>
      {overview.error && <ErrorNote error={overview.error} />}
      {overview.data && (
        <>
          <Timeline entries={overview.data.timeline} limit={8} />
          <h4>{t.promises}</h4>
          <PromiseList promises={overview.data.promises.slice(0, 5)} />
        </>
      )}
    </section>
  );
}

function inDays(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return d.toISOString().slice(0, 10);
}

function PromiseForm({
  amount,
  onSubmit,
  isBusy,
}: {
  amount: string;
  onSubmit(v: { promiseDate: string; promiseAmount: string; note?: string }): void;
  isBusy: boolean;
}) {
  const { t } = useI18n();
  const [date, setDate] = useState(inDays(7));
  const [value, setValue] = useState(amount);
  const [note, setNote] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit({ promiseDate: date, promiseAmount: value, ...(note ? { note } : {}) });
  };
  return (
    <form onSubmit={submit} className="inline-form" aria-label={t.outcome.promise}>
      <label>
        {t.promiseDate}
        <input type="date" required value={date} onChange={(e) => setDate(e.target.value)} />
      </label>
      <label>
        {t.promiseAmount}
        <input
          inputMode="decimal"
          required
          pattern="\d+(\.\d{1,2})?"
          value={value}
          onChange={(e) => setValue(e.target.value)}
        />
      </label>
      <label>
        {t.note}
        <input value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      <button type="submit" disabled={isBusy}>
        {t.recordPromise}
      </button>
    </form>
  );
}

function DisputeForm({ onSubmit, isBusy }: { onSubmit(note: string): void; isBusy: boolean }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(reason);
      }}
      className="inline-form"
      aria-label={t.outcome.dispute}
    >
      <label>
        {t.disputeReason}
        <input required minLength={3} value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      <button type="submit" disabled={isBusy}>
        {t.recordDispute}
      </button>
    </form>
  );
}

export function PlanForm({
  amount,
  onSubmit,
  isBusy,
}: {
  amount: string;
  onSubmit(plan: Array<{ date: string; amount: string }>): void;
  isBusy: boolean;
}) {
  const { t } = useI18n();
  const half = (Math.round(Number(amount) * 50) / 100).toFixed(2);
  const [rows, setRows] = useState([
    { date: inDays(30), amount: half },
    { date: inDays(60), amount: (Number(amount) - Number(half)).toFixed(2) },
  ]);
  const set = (i: number, key: 'date' | 'amount', value: string) =>
    setRows(rows.map((r, j) => (j === i ? { ...r, [key]: value } : r)));
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(rows);
      }}
      className="inline-form"
      aria-label={t.outcome.plan}
    >
      <fieldset>
        <legend>{t.planInstalments}</legend>
        {rows.map((r, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their position
          <div key={i} className="row">
            <label>
              {t.date} {i + 1}
              <input type="date" required value={r.date} onChange={(e) => set(i, 'date', e.target.value)} />
            </label>
            <label>
              {t.amount} {i + 1}
              <input
                inputMode="decimal"
                required
                value={r.amount}
                onChange={(e) => set(i, 'amount', e.target.value)}
              />
            </label>
          </div>
        ))}
        <button
          type="button"
          onClick={() => setRows([...rows, { date: inDays(30 * (rows.length + 1)), amount: '' }])}
        >
          {t.addInstalment}
        </button>
      </fieldset>
      <button type="submit" disabled={isBusy}>
        {t.recordPlan}
      </button>
    </form>
  );
}

function RunPreview({ onRun }: { onRun(): void }) {
  const { t, lang } = useI18n();
  const { creditor } = useCreditor();
  const scope = creditor ? { creditor } : {};
  const preview = useLoad(
    () => api<TRunResult>('POST', '/api/v1/runs', { dryRun: true, ...scope }),
    `dry-run-${creditor}`,
  );
  const [result, setResult] = useState<TRunResult | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [isBusy, setBusy] = useState(false);
  const approve = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(await api<TRunResult>('POST', '/api/v1/runs', scope));
      preview.reload();
      onRun();
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };
  const actions = preview.data?.actions ?? [];
  return (
    <Section title={t.runTitle} id="run">
      <p>{t.runExplain}</p>
      {result && (
        <p role="status" className="ok">
          {fill(t.runDone, { steps: result.stepsTaken, tasks: result.tasksCreated })}
        </p>
      )}
      {preview.isLoading && <Loading />}
      {preview.error && <ErrorNote error={preview.error} onRetry={preview.reload} />}
      {error && <ErrorNote error={error} />}
      {preview.data && actions.length === 0 && <p>{t.noActions}</p>}
      {actions.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">{t.debtor}</th>
              <th scope="col">{t.step}</th>
              <th scope="col">{t.channel}</th>
              <th scope="col">{t.total}</th>
            </tr>
          </thead>
          <tbody>
            {actions.slice(0, 100).map((a) => (
              <tr key={`${a.debtor.id}-${a.stepKey}`}>
                <td>
                  <Link to={`/debtors/${a.debtor.id}`}>{a.debtor.name}</Link>
                </td>
                <td>{a.stepKey}</td>
                <td>{a.channel}</td>
                <td className="num">{money(a.total, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="actions">
        <button type="button" onClick={preview.reload} disabled={isBusy}>
          {t.preview}
        </button>
        <button type="button" className="primary" onClick={approve} disabled={isBusy || actions.length === 0}>
          {t.approveRun} ({actions.length})
        </button>
      </div>
    </Section>
  );
}
