import { useState } from 'react';
import { api, query } from '../api.ts';
import { ErrorNote, Loading, useLoad } from '../components.tsx';
import { useCreditor } from '../creditor.tsx';
import { money } from '../format.ts';
import { useI18n } from '../i18n/index.tsx';
import type { TReport } from '../types.ts';

const NAMES = ['aging', 'dso', 'cei', 'forecast', 'steps', 'promises'];
const GROUPINGS = ['creditor', 'debtor', 'customer-group', 'country'];

export function Reports() {
  const { t, lang } = useI18n();
  const [name, setName] = useState('aging');
  const [by, setBy] = useState('creditor');
  const [asOf, setAsOf] = useState('');
  const [shown, setShown] = useState({ name, by, asOf });
  const { creditor } = useCreditor();
  const params = query({ by: shown.by, asOf: shown.asOf, creditor });
  const report = useLoad(
    () => api<TReport>('GET', `/api/v1/reports/${shown.name}${params}`),
    `${shown.name}${params}`,
  );
  const exportLink = (format: string) =>
    `/api/v1/reports/${shown.name}${query({ by: shown.by, asOf: shown.asOf, creditor, format })}`;
  return (
    <>
      <h1>{t.reportsTitle}</h1>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          setShown({ name, by, asOf });
        }}
      >
        <label>
          {t.report}
          <select value={name} onChange={(e) => setName(e.target.value)}>
            {NAMES.map((n) => (
              <option key={n}>{n}</option>
            ))}
          </select>
        </label>
        <label>
          {t.groupBy}
          <select value={by} onChange={(e) => setBy(e.target.value)}>
            {GROUPINGS.map((g) => (
              <option key={g}>{g}</option>
            ))}
          </select>
        </label>
        <label>
          {t.asOf}
          <input type="date" value={asOf} onChange={(e) => setAsOf(e.target.value)} />
        </label>
        <button type="submit">{t.show}</button>
      </form>
      <p className="actions">
        <a href={exportLink('csv')} download>
          {t.exportCsv}
        </a>{' '}
        <a href={exportLink('xlsx')} download>
          {t.exportXlsx}
        </a>
      </p>
      {report.error && <ErrorNote error={report.error} />}
      {report.isLoading && <Loading />}
      {report.data && (
        <div className="scroll">
          <table>
            <caption>
              {report.data.report} · {report.data.asOf}
            </caption>
            <thead>
              <tr>
                {report.data.columns.map((c) => (
                  <th scope="col" key={c.key}>
                    {c.header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {report.data.rows.slice(0, 500).map((row, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: report rows have no id
                <tr key={i}>
                  {report.data!.columns.map((c) => (
                    <td
                      key={c.key}
                      className={
                        c.type === 'amount' || c.type === 'number' || c.type === 'integer' ? 'num' : ''
                      }
                    >
                      {c.type === 'amount' && row[c.key] !== null
                        ? money(String(row[c.key]), lang, String(row.currency ?? 'EUR'))
                        : String(row[c.key] ?? '—')}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
