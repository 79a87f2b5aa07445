import { api } from '../api.ts';
import { ErrorNote, Loading, Section, useLoad } from '../components.tsx';
import { useCreditor } from '../creditor.tsx';
import { LanguageSwitch, useI18n } from '../i18n/index.tsx';
import type { TPermission } from '../session.ts';
import { CreditorDetails, type TCreditorDetails } from './settings/CreditorDetails.tsx';
import { Rates } from './settings/Rates.tsx';
import { Templates } from './settings/Templates.tsx';
import { Users } from './settings/Users.tsx';

type TCreditor = TCreditorDetails;

/**
 * The creditors and their bank details, the language; the chosen creditor's data and logo
 * (administrators and credit managers: permission `policies`); users (administrators), the templates
 * of the chosen creditor (edited by roles with `write`) and the interest rate table (added by
 * administrators). What a role may not change is not shown as editable; the API refuses anyway.
 */
export function Settings({ can }: { can: ReadonlySet<TPermission> }) {
  const { t } = useI18n();
  const scope = useCreditor();
  const creditors = useLoad(() => api<TCreditor[]>('GET', '/api/v1/creditors'), 'creditors');
  const vat = scope.creditor ?? (creditors.data?.length === 1 ? creditors.data[0]!.vatNumber : null);
  const chosen = creditors.data?.find((c) => c.vatNumber === vat) ?? null;
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
      {can.has('policies') && chosen && (
        <CreditorDetails key={chosen.vatNumber} creditor={chosen} onSaved={creditors.reload} />
      )}
      {can.has('admin') && <Users />}
      {vat ? (
        <Templates creditor={vat} canEdit={can.has('write')} />
      ) : (
        <Section title={t.templates} id="templates">
          <p className="muted">{t.chooseCreditor}</p>
        </Section>
      )}
      <Rates canAdd={can.has('admin')} />
    </>
  );
}
