import { api } from '../api.ts';
import { ErrorNote, Loading, Section, useLoad } from '../components.tsx';
import { LanguageSwitch, useI18n } from '../i18n/index.tsx';

type TCreditor = {
  id: number;
  name: string;
  vatNumber: string;
  iban: string | null;
  email: string | null;
  pec: string | null;
};

/** Read-only for now: the creditors and their bank details; the language of the app. */
export function Settings() {
  const { t } = useI18n();
  const creditors = useLoad(() => api<TCreditor[]>('GET', '/api/v1/creditors'), 'creditors');
  return (
    <>
      <h1>{t.settingsTitle}</h1>
      <Section title={t.language}>
        <LanguageSwitch />
      </Section>
      <Section title={t.creditors}>
        {creditors.error && <ErrorNote error={creditors.error} />}
        {!creditors.data && !creditors.error && <Loading />}
        {creditors.data && (
          <table>
            <thead>
              <tr>
                <th scope="col">{t.name}</th>
                <th scope="col">{t.vatNumber}</th>
                <th scope="col">{t.iban}</th>
                <th scope="col">{t.pec}</th>
              </tr>
            </thead>
            <tbody>
              {creditors.data.map((c) => (
                <tr key={c.id}>
                  <td>{c.name}</td>
                  <td>{c.vatNumber}</td>
                  <td>{c.iban ?? '—'}</td>
                  <td>{c.pec ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
    </>
  );
}
