import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api, query } from '../api.ts';
import { ErrorNote, Loading, Section, useLoad } from '../components.tsx';
import { useCreditor } from '../creditor.tsx';
import { money } from '../format.ts';
import { useI18n } from '../i18n/index.tsx';
import type { TReport } from '../types.ts';
import { OverdueTrend } from './dashboard/Trend.tsx';

const AGING_BUCKETS = ['notDue', 'days1to30', 'days31to60', 'days61to90', 'days91to180', 'over180'] as const;

function sum(report: TReport | undefined, key: string): number {
  return (report?.rows ?? []).reduce((s, r) => s + Number(r[key] ?? 0), 0);
}

/**
 * Overdue total, aging, DSO and promises from the reports API (one request each, in parallel);
 * then the overdue trend and the cash collected this month (OverdueTrend).
 */
export function Dashboard() {
  const { t, lang } = useI18n();
  const { creditor } = useCreditor();
  const reports = useLoad(
    () =>
      Promise.all(
        ['aging', 'dso', 'promises', 'steps'].map((name) =>
          api<TReport>('GET', `/api/v1/reports/${name}${query({ creditor })}`),
        ),
      ),
    `dashboard-${creditor}`,
  );
  if (reports.error) return <ErrorNote error={reports.error} onRetry={reports.reload} />;
  if (!reports.data) return <Loading />;
  const [aging, dso, promises, steps] = reports.data;
  const agingData = AGING_BUCKETS.map((key) => ({
    bucket: t.agingBucket[key] ?? key,
    amount: Math.round(sum(aging, key)),
  }));
  const dsoDays = dso?.rows[0]?.dsoDays;
  // The policy funnel: how many cases reached each step, how many paid after it.
  const stepRows = (steps?.rows ?? []).map((r) => ({
    step: String(r.step ?? ''),
    reached: Number(r.casesReached ?? 0),
    paying: Number(r.casesPaying ?? 0),
  }));
  return (
    <>
      <h1>{t.dashboardTitle}</h1>
      <ul className="kpis">
        <li className="card">
          <span>{t.overdueTotal}</span>
          <strong>{money(String(sum(aging, 'overdue')), lang)}</strong>
        </li>
        <li className="card">
          <span>{t.dso}</span>
          <strong>
            {dsoDays === undefined || dsoDays === null ? '—' : Number(dsoDays).toLocaleString(lang)}
          </strong>
        </li>
        <li className="card">
          <span>{t.promisesDue}</span>
          <strong>
            {sum(promises, 'pendingCount')} · {money(String(sum(promises, 'pending')), lang)}
          </strong>
        </li>
      </ul>
      {aging && <OverdueTrend today={aging.asOf} creditor={creditor} />}
      <Section title={t.aging}>
        <figure>
          <ResponsiveContainer width="100%" height={280}>
            <BarChart data={agingData} margin={{ left: 24 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="bucket" />
              <YAxis />
              <Tooltip formatter={(v) => money(String(v), lang)} />
              <Bar dataKey="amount" fill="#1f5fa8" name={t.amount} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
          <figcaption className="sr-only">
            {agingData.map((d) => `${d.bucket}: ${money(String(d.amount), lang)}`).join('; ')}
          </figcaption>
        </figure>
      </Section>
      {stepRows.length > 0 && (
        <Section title={t.stepsFunnel}>
          <ResponsiveContainer width="100%" height={260}>
            <BarChart data={stepRows} layout="vertical" margin={{ left: 48 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis type="number" />
              <YAxis type="category" dataKey="step" width={140} />
              <Tooltip />
              <Bar dataKey="reached" fill="#1f5fa8" name={t.stepReached} isAnimationActive={false} />
              <Bar dataKey="paying" fill="#2e7d4f" name={t.stepPaying} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </Section>
      )}
    </>
  );
}
