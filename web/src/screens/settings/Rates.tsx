import { type FormEvent, useState } from 'react';
import { api } from '../../api.ts';
import { ErrorNote, Loading, Section, useLoad } from '../../components.tsx';
import { day } from '../../format.ts';
import { fill, useI18n } from '../../i18n/index.tsx';

type TRate = {
  kind: 'commercial' | 'legal';
  period: string;
  from: string;
  ecbRate: string | null;
  ratePercent: string;
  source: string;
  isVerified: boolean;
};

/** The late-payment rates by period with their Gazzetta Ufficiale reference; administrators add one. */
export function Rates({ canAdd }: { canAdd: boolean }) {
  const { t, lang } = useI18n();
  const rates = useLoad(() => api<TRate[]>('GET', '/api/v1/rates'), 'rates');
  const [note, setNote] = useState<string | null>(null);
  const rows = [...(rates.data ?? [])].sort((a, b) =>
    a.kind === b.kind ? b.from.localeCompare(a.from) : a.kind.localeCompare(b.kind),
  );
  return (
    <Section title={t.rates} id="rates">
      {note && <p role="status">{note}</p>}
      {rates.error && <ErrorNote error={rates.error} onRetry={rates.reload} />}
      {!rates.data && !rates.error && <Loading />}
      {canAdd && (
        <AddRate
          onAdded={(r) => {
            setNote(fill(t.rateAdded, { from: day(r.from, lang), rate: r.ratePercent, status: r.status }));
            rates.reload();
          }}
        />
      )}
      {rates.data && (
        <div className="scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t.kind}</th>
                <th scope="col">{t.period}</th>
                <th scope="col">{t.from}</th>
                <th scope="col" className="num">
                  {t.ecbRate}
                </th>
                <th scope="col" className="num">
                  {t.ratePercent}
                </th>
                <th scope="col">{t.source}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.kind}-${r.from}`}>
                  <td>{t.rateKind[r.kind] ?? r.kind}</td>
                  <td>{r.period}</td>
                  <td>{day(r.from, lang)}</td>
                  <td className="num">{r.ecbRate ?? '—'}</td>
                  <td className="num">{r.ratePercent}</td>
                  <td>
                    {r.source} <span className="muted">({r.isVerified ? t.verified : t.unverified})</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}

function AddRate({ onAdded }: { onAdded(rate: TRate & { status: string }): void }) {
  const { t } = useI18n();
  const [form, setForm] = useState({ kind: 'commercial', from: '', rate: '', source: '' });
  const [isVerified, setVerified] = useState(true);
  const [error, setError] = useState<Error | null>(null);
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [key]: e.target.value });
  const isCommercial = form.kind === 'commercial';
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const added = await api<TRate & { status: string }>('POST', '/api/v1/rates', {
        kind: form.kind,
        from: form.from,
        source: form.source,
        isVerified,
        // A commercial rate is the ECB rate plus 8 points: the ECB rate is what the law publishes.
        ...(isCommercial ? { ecbRate: form.rate } : { rate: form.rate }),
      });
      onAdded(added);
      setForm({ ...form, from: '', rate: '', source: '' });
    } catch (err) {
      setError(err as Error);
    }
  };
  return (
    <form onSubmit={submit} className="inline-form" aria-label={t.addRate}>
      {error && <ErrorNote error={error} />}
      <label>
        {t.kind}
        <select value={form.kind} onChange={set('kind')}>
          <option value="commercial">{t.rateKind.commercial}</option>
          <option value="legal">{t.rateKind.legal}</option>
        </select>
      </label>
      <label>
        {t.from}
        <input type="date" required value={form.from} onChange={set('from')} />
      </label>
      <label>
        {isCommercial ? t.ecbRate : t.ratePercent}
        <input required inputMode="decimal" value={form.rate} onChange={set('rate')} />
      </label>
      <label>
        {t.source}
        <input required value={form.source} onChange={set('source')} />
      </label>
      <label className="check">
        <input type="checkbox" checked={isVerified} onChange={(e) => setVerified(e.target.checked)} />
        {t.verified}
      </label>
      <button type="submit">{t.addRate}</button>
    </form>
  );
}
