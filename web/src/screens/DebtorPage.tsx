import { useState } from 'react';
import { useParams } from 'react-router';
import { api, query } from '../api.ts';
import { ErrorNote, Loading, Section, useLoad } from '../components.tsx';
import { day, instant, money } from '../format.ts';
import { useI18n } from '../i18n/index.tsx';
import type { TOverview, TRisk, TTimelineEntry } from '../types.ts';
import { PromiseList, Timeline } from './History.tsx';
import { DebtorPolicy } from './PolicyAssignment.tsx';

/** The first 100 entries come with the page; older ones a page at a time from the register. */
function PagedTimeline({ debtorId, first }: { debtorId: string; first: TTimelineEntry[] }) {
  const { t } = useI18n();
  const [entries, setEntries] = useState(first);
  const [isEnd, setEnd] = useState(first.length < 100);
  const more = async () => {
    const before = entries[entries.length - 1]?.seq;
    const older = await api<TTimelineEntry[]>(
      'GET',
      `/api/v1/debtors/${debtorId}/timeline${query({ before, limit: 100 })}`,
    );
    setEntries([...entries, ...older]);
    setEnd(older.length < 100);
  };
  return (
    <>
      <Timeline entries={entries} />
      {!isEnd && (
        <button type="button" onClick={more}>
          {t.olderEntries}
        </button>
      )}
    </>
  );
}

/** `canAssignPolicy`: the role holds `policies` (the API refuses the others anyway). */
export function DebtorPage({ canAssignPolicy }: { canAssignPolicy: boolean }) {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const overview = useLoad(() => api<TOverview>('GET', `/api/v1/debtors/${id}/overview`), id);
  const risk = useLoad(() => api<TRisk>('GET', `/api/v1/debtors/${id}/risk`), `risk-${id}`);
  const [link, setLink] = useState<string | null>(null);
  const [isShowingPaid, setShowingPaid] = useState(false);
  if (overview.error) return <ErrorNote error={overview.error} onRetry={overview.reload} />;
  if (!overview.data) return <Loading />;
  const { debtor, creditor, invoices, disputes, holds, receipts } = overview.data;
  const identifier = debtor.vatNumber ?? debtor.fiscalCode ?? '';
  const activeHolds = holds.filter((h) => h.isActive);
  const openDisputes = disputes.filter((d) => d.status === 'open');
  const createLink = async () => {
    const created = await api<{ url: string | null; path: string }>(
      'POST',
      `/api/v1/debtors/${id}/links`,
      {},
    );
    setLink(created.url ?? created.path);
    overview.reload();
  };
  return (
    <>
      <h1>{debtor.name}</h1>
      <p className="muted">
        {creditor.name} · {debtor.vatNumber ?? debtor.fiscalCode}
      </p>
      {(activeHolds.length > 0 || openDisputes.length > 0) && (
        <ul className="badges" aria-label={t.holds}>
          {openDisputes.map((d) => (
            <li key={`d${d.id}`} className="badge warn">
              {t.onHoldDisputed}: {d.invoiceNumber}
            </li>
          ))}
          {activeHolds.map((h) => (
            <li key={`h${h.id}`} className="badge warn">
              {t.holds}: {h.invoiceNumber ?? debtor.name} — {h.reason}
            </li>
          ))}
        </ul>
      )}
      <div className="grid">
        <Section title={t.contacts}>
          <dl>
            <dt>{t.vatNumber}</dt>
            <dd>{debtor.vatNumber ?? '—'}</dd>
            <dt>{t.fiscalCode}</dt>
            <dd>{debtor.fiscalCode ?? '—'}</dd>
            <dt>{t.pec}</dt>
            <dd>{debtor.pec ?? '—'}</dd>
            <dt>{t.emails}</dt>
            <dd>{debtor.emails.join(', ') || '—'}</dd>
            <dt>{t.phones}</dt>
            <dd>
              {debtor.phones.map((p) => (
                <a key={p} href={`tel:${p}`}>
                  {p}{' '}
                </a>
              ))}
              {debtor.phones.length === 0 && '—'}
            </dd>
            <dt>{t.addresses}</dt>
            <dd>
              {debtor.addresses
                .map((a) => `${a.street}, ${a.postal_code ?? ''} ${a.city} ${a.province ?? ''}`)
                .join('; ') || '—'}
            </dd>
          </dl>
          {debtor.contacts.length > 0 && (
            <ul>
              {debtor.contacts.map((c) => (
                <li key={`${c.name}-${c.email}`}>
                  {c.name} {c.role ? `(${c.role})` : ''} {c.email} {c.phone}
                </li>
              ))}
            </ul>
          )}
        </Section>
        <Section title={t.risk}>
          {risk.error && <ErrorNote error={risk.error} />}
          {risk.data && (
            <>
              <p>
                {t.riskClass}:{' '}
                <strong className={`risk ${risk.data.class}`}>
                  {t.riskClassName[risk.data.class] ?? risk.data.class}
                </strong>
                {' · '}
                {t.score}: {risk.data.score ?? '—'} · {t.overdue}: {money(risk.data.overdue, lang)}
              </p>
              <h3>{t.why}</h3>
              <ul>
                {risk.data.factors
                  .filter((f) => (f.points ?? 0) !== 0)
                  .map((f) => (
                    <li key={f.key}>
                      {f.label ?? f.key}
                      {f.measure === null || f.measure === undefined ? '' : ` = ${f.measure}`}: {f.points}
                    </li>
                  ))}
              </ul>
            </>
          )}
          <p>
            <a
              href={`/api/v1/statement${query({ debtor: identifier, creditor: creditor.vatNumber, format: 'pdf' })}`}
            >
              {t.statementPdf}
            </a>
          </p>
          <DebtorPolicy creditor={creditor.vatNumber} debtor={identifier} canEdit={canAssignPolicy} />
          <h3>{t.selfServiceLink}</h3>
          <button type="button" onClick={createLink}>
            {t.createLink}
          </button>
          {link && (
            <p role="status">
              {t.linkCreated} <code>{link}</code>
            </p>
          )}
        </Section>
      </div>
      <Section title={t.invoices}>
        <label className="check">
          <input type="checkbox" checked={isShowingPaid} onChange={(e) => setShowingPaid(e.target.checked)} />{' '}
          {t.showPaid}
        </label>
        <table>
          <thead>
            <tr>
              <th scope="col">{t.invoice}</th>
              <th scope="col">{t.dueDate}</th>
              <th scope="col">{t.amount}</th>
              <th scope="col">{t.outstanding}</th>
              <th scope="col">{t.daysOverdue}</th>
              <th scope="col">{t.status}</th>
            </tr>
          </thead>
          <tbody>
            {invoices.flatMap((inv) =>
              inv.instalments
                .filter((i) => isShowingPaid || i.status !== 'paid')
                .map((i) => (
                  <tr key={i.id}>
                    <td>
                      {inv.number}
                      {inv.instalments.length > 1 ? ` (${i.seq})` : ''}
                      {inv.type === 'credit-note' ? ' NC' : ''}
                    </td>
                    <td>{day(i.dueDate, lang)}</td>
                    <td className="num">{money(i.amount, lang, inv.currency)}</td>
                    <td className="num">{money(i.outstanding, lang, inv.currency)}</td>
                    <td className="num">{i.daysOverdue || ''}</td>
                    <td>{i.status}</td>
                  </tr>
                )),
            )}
          </tbody>
        </table>
      </Section>
      <div className="grid">
        <Section title={t.promises}>
          <PromiseList promises={overview.data.promises} />
        </Section>
        <Section title={t.disputes}>
          {disputes.length === 0 ? (
            <p>{t.none}</p>
          ) : (
            <ul>
              {disputes.map((d) => (
                <li key={d.id}>
                  {d.invoiceNumber} — {d.status} — {d.reason} ({day(d.openedOn, lang)})
                </li>
              ))}
            </ul>
          )}
        </Section>
        <Section title={t.holds}>
          {holds.length === 0 ? (
            <p>{t.none}</p>
          ) : (
            <ul>
              {holds.map((h) => (
                <li key={h.id}>
                  {h.invoiceNumber ?? '—'} — {h.reason} ({day(h.startsOn, lang)} → {day(h.endsOn, lang)})
                  {h.isActive ? '' : ' ✓'}
                </li>
              ))}
            </ul>
          )}
        </Section>
        <Section title={t.receipts}>
          {receipts.length === 0 ? (
            <p>{t.none}</p>
          ) : (
            <ul>
              {receipts.map((r) => (
                <li key={r.id}>
                  <a href={`/api/v1/debtors/${id}/receipts/${r.id}`}>{r.fileName}</a> {day(r.paidOn, lang)}{' '}
                  {r.note ?? ''} <span className="muted">{instant(r.receivedAt, lang)}</span>
                </li>
              ))}
            </ul>
          )}
        </Section>
      </div>
      <Section title={t.timeline}>
        <PagedTimeline debtorId={id} first={overview.data.timeline} />
      </Section>
    </>
  );
}
