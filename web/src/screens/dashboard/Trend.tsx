import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api, query } from '../../api.ts';
import { ErrorNote, Loading, Section, useLoad } from '../../components.tsx';
import { money } from '../../format.ts';
import { useI18n } from '../../i18n/index.tsx';
import type { TReport } from '../../types.ts';

const MONTHS = 12;

function total(report: TReport, key: string): number {
  return report.rows.reduce((s, r) => s + Number(r[key] ?? 0), 0);
}

/**
 * The overdue total at each of the last 11 month ends and today (the overdue-trend report: every
 * date in one pass on the server, each figure equal to the aging report as of that date), and what
 * was collected since the first of this month (the CEI report's `collected` over that period).
 */
export function OverdueTrend({ today, creditor }: { today: string; creditor: string | null }) {
  const { t, lang } = useI18n();
  const data = useLoad(
    () =>
      Promise.all([
        api<TReport>(
          'GET',
          `/api/v1/reports/overdue-trend${query({ creditor, asOf: today, months: MONTHS })}`,
        ),
        api<TReport>(
          'GET',
          `/api/v1/reports/cei${query({ creditor, asOf: today, from: `${today.slice(0, 8)}01` })}`,
        ),
      ]),
    `trend-${creditor}-${today}`,
  );
  if (data.error) return <ErrorNote error={data.error} onRetry={data.reload} />;
  if (!data.data) return <Loading />;
  const [trend, cei] = data.data;
  // One row per group and date: the chart sums the groups of each date.
  const byDate = new Map<string, number>();
  for (const r of trend.rows)
    byDate.set(String(r.date), (byDate.get(String(r.date)) ?? 0) + Number(r.overdue ?? 0));
  const points = [...byDate].map(([date, overdue]) => ({ month: date.slice(0, 7), overdue }));
  return (
    <>
      <p className="card kpi-inline">
        <span>{t.collectedThisMonth}</span> <strong>{money(total(cei, 'collected').toFixed(2), lang)}</strong>
      </p>
      <Section title={t.overdueTrend} id="overdue-trend">
        <figure>
          <ResponsiveContainer width="100%" height={260}>
            <LineChart data={points} margin={{ left: 24 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="month" />
              <YAxis />
              <Tooltip formatter={(v) => money(String(v), lang)} />
              <Line dataKey="overdue" stroke="#a8321f" name={t.overdueTotal} isAnimationActive={false} />
            </LineChart>
          </ResponsiveContainer>
          <figcaption className="sr-only">
            {points.map((p) => `${p.month}: ${money(p.overdue.toFixed(2), lang)}`).join('; ')}
          </figcaption>
        </figure>
      </Section>
    </>
  );
}
