import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api, query } from '../../api.ts';
import { ErrorNote, Loading, Section, useLoad } from '../../components.tsx';
import { money } from '../../format.ts';
import { useI18n } from '../../i18n/index.tsx';
import type { TReport } from '../../types.ts';

const MONTHS = 12;

/** The last day of the month `back` months before the month of `today` (YYYY-MM-DD). */
export function monthEnd(today: string, back: number): string {
  const [year, month] = today.split('-').map(Number) as [number, number];
  // Day 0 of the next month is the last day of this one (UTC: no time zone shifts a date).
  return new Date(Date.UTC(year, month - back, 0)).toISOString().slice(0, 10);
}

function total(report: TReport, key: string): number {
  return report.rows.reduce((s, r) => s + Number(r[key] ?? 0), 0);
}

/**
 * The overdue total at each of the last 11 month ends and today (the aging report as of those
 * dates, in parallel), and what was collected since the first of this month (the CEI report's
 * `collected` over that period). Loaded after the rest of the dashboard: it is 13 reports.
 */
export function OverdueTrend({ today, creditor }: { today: string; creditor: string | null }) {
  const { t, lang } = useI18n();
  const dates = [...Array.from({ length: MONTHS - 1 }, (_, i) => monthEnd(today, MONTHS - 1 - i)), today];
  const data = useLoad(
    () =>
      Promise.all([
        ...dates.map((asOf) => api<TReport>('GET', `/api/v1/reports/aging${query({ creditor, asOf })}`)),
        api<TReport>(
          'GET',
          `/api/v1/reports/cei${query({ creditor, asOf: today, from: `${today.slice(0, 8)}01` })}`,
        ),
      ]),
    `trend-${creditor}-${today}`,
  );
  if (data.error) return <ErrorNote error={data.error} onRetry={data.reload} />;
  if (!data.data) return <Loading />;
  const cei = data.data.at(-1)!;
  const points = data.data
    .slice(0, -1)
    .map((r) => ({ month: r.asOf.slice(0, 7), overdue: total(r, 'overdue') }));
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
