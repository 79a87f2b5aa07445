import { day, instant, money } from '../format.ts';
import { useI18n } from '../i18n/index.tsx';
import type { TOverview, TTimelineEntry } from '../types.ts';

/** The few facts of an entry worth a glance: invoice, step, outcome, amount. */
function summary(data: Record<string, unknown>): string {
  const parts = ['invoiceNumber', 'number', 'stepKey', 'outcome', 'amount', 'total']
    .map((key) => data[key])
    .filter((v) => typeof v === 'string' || typeof v === 'number');
  return parts.join(' · ');
}

export function Timeline({ entries, limit }: { entries: TTimelineEntry[]; limit?: number }) {
  const { t, lang } = useI18n();
  const shown = limit ? entries.slice(0, limit) : entries;
  if (shown.length === 0) return <p>{t.none}</p>;
  return (
    <ol className="timeline">
      {shown.map((e) => (
        <li key={e.seq}>
          <time dateTime={e.at}>{instant(e.at, lang)}</time> <strong>{e.action}</strong> {summary(e.data)}
          {e.reason ? ` — ${e.reason}` : ''} <span className="muted">({e.actor})</span>
        </li>
      ))}
    </ol>
  );
}

export function PromiseList({ promises }: { promises: TOverview['promises'] }) {
  const { t, lang } = useI18n();
  if (promises.length === 0) return <p>{t.none}</p>;
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">{t.dueDate}</th>
          <th scope="col">{t.amount}</th>
          <th scope="col">{t.status}</th>
        </tr>
      </thead>
      <tbody>
        {promises.map((p) => (
          <tr key={p.id}>
            <td>{day(p.dueDate, lang)}</td>
            <td className="num">{money(p.amount, lang)}</td>
            <td>
              {p.status}
              {p.planId ? ` (${t.outcome.plan})` : ''}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
