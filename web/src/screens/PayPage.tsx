import { type FormEvent, type ReactNode, useState } from 'react';
import { useParams } from 'react-router';
import { ApiError, api } from '../api.ts';
import { ErrorNote, Loading, Section, useLoad } from '../components.tsx';
import { day, money } from '../format.ts';
import { fill, LanguageSwitch, useI18n } from '../i18n/index.tsx';
import { PlanForm } from './Today.tsx';

type TLinkPage = {
  expiresAt: string;
  language: string;
  creditor: {
    name: string;
    vatNumber: string;
    email: string | null;
    phone: string | null;
    pec: string | null;
  };
  debtor: { name: string };
  payment: {
    iban: string | null;
    beneficiary: string;
    reference: string;
    total: string;
    overdue: string;
    currency: string;
  };
  documents: Array<{
    id: number;
    number: string;
    issueDate: string;
    total: string;
    outstanding: string;
    isDisputed: boolean;
    instalments: Array<{
      id: number;
      dueDate: string;
      outstanding: string;
      daysOverdue: number;
      reference: string;
    }>;
  }>;
  promises: Array<{ dueDate: string; amount: string; status: string }>;
};

/** The debtor's page (/pay/<token>): no login, only this debtor's documents, four things to say. */
export function PayPage() {
  const { token = '' } = useParams();
  const { t, lang } = useI18n();
  const base = `/api/v1/public/links/${encodeURIComponent(token)}`;
  const page = useLoad(() => api<TLinkPage>('GET', base), token);
  const [thanks, setThanks] = useState<string | null>(null);

  if (page.error) {
    const isGone = page.error instanceof ApiError && page.error.status === 410;
    const isUnknown = page.error instanceof ApiError && page.error.status === 404;
    if (isGone || isUnknown)
      return (
        <main id="main" className="pay">
          <LanguageSwitch />
          <h1>{isGone ? t.payExpired : t.payInvalid}</h1>
          <p>{isGone ? t.payExpiredText : t.payInvalidText}</p>
        </main>
      );
    return (
      <main id="main" className="pay">
        <ErrorNote error={page.error} onRetry={page.reload} />
      </main>
    );
  }
  if (!page.data) return <Loading />;
  const p = page.data;
  const done = (text: string) => {
    setThanks(text);
    page.reload();
  };
  return (
    <main id="main" className="pay">
      <LanguageSwitch />
      <h1>{t.payTitle}</h1>
      <p>{fill(t.payFor, { creditor: p.creditor.name, debtor: p.debtor.name })}</p>
      {thanks && (
        <p role="status" className="ok">
          {thanks}
        </p>
      )}
      <Section title={t.howToPay} id="how-to-pay">
        <dl>
          <dt>{t.totalDue}</dt>
          <dd className="big">{money(p.payment.total, lang, p.payment.currency)}</dd>
          <dt>{t.overdueNow}</dt>
          <dd>{money(p.payment.overdue, lang, p.payment.currency)}</dd>
          <dt>{t.beneficiary}</dt>
          <dd>{p.payment.beneficiary}</dd>
          <dt>{t.iban}</dt>
          <dd>
            <code>{p.payment.iban ?? '—'}</code>
          </dd>
          <dt>{t.paymentReference}</dt>
          <dd>
            <code>{p.payment.reference}</code>
          </dd>
        </dl>
        {p.payment.iban && p.payment.currency === 'EUR' && Number(p.payment.total) > 0 && (
          <figure className="qr">
            <img src={`${base}/qr.svg`} alt={t.sepaQr} width={180} height={180} />
            <figcaption>{t.sepaQr}</figcaption>
          </figure>
        )}
        <p>
          <a href={`${base}/statement.pdf`}>{t.downloadStatement}</a>
        </p>
      </Section>
      <Section title={t.documents} id="documents">
        <table>
          <thead>
            <tr>
              <th scope="col">{t.invoice}</th>
              <th scope="col">{t.dueDate}</th>
              <th scope="col">{t.outstanding}</th>
              <th scope="col">{t.paymentReference}</th>
            </tr>
          </thead>
          <tbody>
            {p.documents.flatMap((d) =>
              d.instalments.map((i) => (
                <tr key={i.id}>
                  <td>
                    {d.number} ({day(d.issueDate, lang)}){d.isDisputed ? ` — ${t.disputed}` : ''}
                  </td>
                  <td>{day(i.dueDate, lang)}</td>
                  <td className="num">{money(i.outstanding, lang, p.payment.currency)}</td>
                  <td>
                    <code>{i.reference}</code>
                  </td>
                </tr>
              )),
            )}
          </tbody>
        </table>
        {p.promises.length > 0 && (
          <>
            <h3>{t.pendingPromises}</h3>
            <ul>
              {p.promises.map((x) => (
                <li key={`${x.dueDate}-${x.amount}`}>
                  {day(x.dueDate, lang)}: {money(x.amount, lang)}
                </li>
              ))}
            </ul>
          </>
        )}
      </Section>
      <Details summary={t.alreadyPaid}>
        <PaidForm base={base} onDone={() => done(t.thanksPaid)} />
      </Details>
      <Details summary={t.openDispute}>
        <DisputeForm base={base} documents={p.documents} onDone={() => done(t.thanksDispute)} />
      </Details>
      <Details summary={t.promiseToPay}>
        <PromiseForm base={base} total={p.payment.total} onDone={() => done(t.thanksPromise)} />
      </Details>
      <Details summary={t.proposePlan}>
        <PlanProposal base={base} total={p.payment.total} onDone={() => done(t.thanksPlan)} />
      </Details>
      <p className="muted">{fill(t.validUntil, { date: day(p.expiresAt, lang) })}</p>
    </main>
  );
}

function Details({ summary, children }: { summary: string; children: ReactNode }) {
  return (
    <details className="card">
      <summary>{summary}</summary>
      {children}
    </details>
  );
}

function useSubmit(onDone: () => void) {
  const [error, setError] = useState<Error | null>(null);
  const [isBusy, setBusy] = useState(false);
  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      onDone();
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };
  return { error, isBusy, run };
}

function PaidForm({ base, onDone }: { base: string; onDone(): void }) {
  const { t } = useI18n();
  const { error, isBusy, run } = useSubmit(onDone);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    void run(async () => {
      const response = await fetch(`${base}/paid`, { method: 'POST', body: form });
      const body = await response.json();
      if (!response.ok) throw new ApiError(response.status, body.code, body.message, body.details);
    });
  };
  return (
    <form onSubmit={submit} className="stack">
      <label>
        {t.paidOn}
        <input type="date" name="paidOn" />
      </label>
      <label>
        {t.receipt}
        <input type="file" name="receipt" accept="application/pdf,image/png,image/jpeg" />
      </label>
      <label>
        {t.note}
        <textarea name="note" rows={2} />
      </label>
      {error && <ErrorNote error={error} />}
      <button type="submit" disabled={isBusy}>
        {t.send}
      </button>
    </form>
  );
}

function DisputeForm({
  base,
  documents,
  onDone,
}: {
  base: string;
  documents: TLinkPage['documents'];
  onDone(): void;
}) {
  const { t } = useI18n();
  const open = documents.filter((d) => !d.isDisputed);
  const [invoiceId, setInvoiceId] = useState(String(open[0]?.id ?? ''));
  const [reason, setReason] = useState('');
  const { error, isBusy, run } = useSubmit(onDone);
  return (
    <form
      className="stack"
      onSubmit={(e) => {
        e.preventDefault();
        void run(() => api('POST', `${base}/disputes`, { invoiceId: Number(invoiceId), reason }));
      }}
    >
      <label>
        {t.invoice}
        <select value={invoiceId} onChange={(e) => setInvoiceId(e.target.value)} required>
          {open.map((d) => (
            <option key={d.id} value={d.id}>
              {d.number}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t.disputeReason}
        <textarea
          required
          minLength={3}
          rows={3}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </label>
      {error && <ErrorNote error={error} />}
      <button type="submit" disabled={isBusy || open.length === 0}>
        {t.send}
      </button>
    </form>
  );
}

function PromiseForm({ base, total, onDone }: { base: string; total: string; onDone(): void }) {
  const { t } = useI18n();
  const [date, setDate] = useState('');
  const [amount, setAmount] = useState(total);
  const { error, isBusy, run } = useSubmit(onDone);
  return (
    <form
      className="stack"
      onSubmit={(e) => {
        e.preventDefault();
        void run(() => api('POST', `${base}/promises`, { kind: 'promise', items: [{ date, amount }] }));
      }}
    >
      <label>
        {t.promiseDate}
        <input type="date" required value={date} onChange={(e) => setDate(e.target.value)} />
      </label>
      <label>
        {t.promiseAmount}
        <input inputMode="decimal" required value={amount} onChange={(e) => setAmount(e.target.value)} />
      </label>
      {error && <ErrorNote error={error} />}
      <button type="submit" disabled={isBusy}>
        {t.send}
      </button>
    </form>
  );
}

function PlanProposal({ base, total, onDone }: { base: string; total: string; onDone(): void }) {
  const { error, isBusy, run } = useSubmit(onDone);
  return (
    <>
      <PlanForm
        amount={total}
        isBusy={isBusy}
        onSubmit={(items) => void run(() => api('POST', `${base}/promises`, { kind: 'plan', items }))}
      />
      {error && <ErrorNote error={error} />}
    </>
  );
}
