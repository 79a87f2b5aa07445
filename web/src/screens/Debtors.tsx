import { useState } from 'react';
import { Link } from 'react-router';
import { api, query } from '../api.ts';
import { ErrorNote, Loading, Pager, useLoad } from '../components.tsx';
import { useCreditor } from '../creditor.tsx';
import { money } from '../format.ts';
import { useI18n } from '../i18n/index.tsx';

type TDebtorRow = {
  id: number;
  name: string;
  vatNumber: string | null;
  fiscalCode: string | null;
  outstanding: string;
  overdue: string;
};
const PAGE = 50;

export function Debtors() {
  const { t, lang } = useI18n();
  const [search, setSearch] = useState('');
  const [applied, setApplied] = useState('');
  const [afters, setAfters] = useState<number[]>([0]);
  const after = afters[afters.length - 1]!;
  const { creditor } = useCreditor();
  const list = useLoad(
    () => api<TDebtorRow[]>('GET', `/api/v1/debtors${query({ after, limit: PAGE, q: applied, creditor })}`),
    `${after}-${applied}-${creditor}`,
  );
  return (
    <>
      <h1>{t.debtorsTitle}</h1>
      <search>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            setAfters([0]);
            setApplied(search);
          }}
        >
          <label>
            {t.search}
            <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
          </label>
          <button type="submit">{t.search}</button>
        </form>
      </search>
      {list.error && <ErrorNote error={list.error} onRetry={list.reload} />}
      {list.isLoading && <Loading />}
      {list.data && (
        <table>
          <thead>
            <tr>
              <th scope="col">{t.name}</th>
              <th scope="col">{t.vatNumber}</th>
              <th scope="col">{t.outstanding}</th>
              <th scope="col">{t.overdue}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((d) => (
              <tr key={d.id}>
                <td>
                  <Link to={`/debtors/${d.id}`}>{d.name}</Link>
                </td>
                <td>{d.vatNumber ?? d.fiscalCode}</td>
                <td className="num">{money(d.outstanding, lang)}</td>
                <td className="num">{money(d.overdue, lang)}</td>
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
    </>
  );
}
