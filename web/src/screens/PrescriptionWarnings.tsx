import { api, query } from '../api.ts';
import { ErrorNote, Loading, Section, useLoad } from '../components.tsx';
import { useCreditor } from '../creditor.tsx';
import { day, money } from '../format.ts';
import { fill, useI18n } from '../i18n/index.tsx';

/** GET /api/v1/tasks?withPrescription=true → prescriptionWarnings (docs/interest.md). */
type TPrescriptionWarning = {
  invoice: string;
  instalmentSeq: number;
  debtor: { id: number; name: string };
  outstanding: string;
  currency: string;
  expiresOn: string;
  daysLeft: number;
  isExpired: boolean;
  warningDays: number | null;
};

/**
 * The instalments whose prescription ends within 180 days (or has ended), nearest first, under
 * the day's tasks: the operator sends a registered demand (or PEC) before the expiry. Hidden
 * when there are none.
 */
export function PrescriptionWarnings() {
  const { t, lang } = useI18n();
  const { creditor } = useCreditor();
  const list = useLoad(
    () =>
      api<{ prescriptionWarnings: TPrescriptionWarning[] }>(
        'GET',
        `/api/v1/tasks${query({ withPrescription: true, limit: 1, creditor })}`,
      ),
    `prescription-${creditor}`,
  );
  const warnings = list.data?.prescriptionWarnings ?? [];
  if (!list.error && !list.isLoading && warnings.length === 0) return null;
  return (
    <Section title={t.prescriptionTitle} id="prescription">
      {list.isLoading && !list.data && <Loading />}
      {list.error && <ErrorNote error={list.error} onRetry={list.reload} />}
      <ul className="worklist">
        {warnings.map((w) => (
          <li key={`${w.invoice}-${w.instalmentSeq}-${w.debtor.id}`}>
            <span className="who">{w.debtor.name}</span>
            <span className="num">{money(w.outstanding, lang, w.currency)}</span>
            <span className={w.isExpired ? 'muted' : 'late'}>
              {w.invoice}/{w.instalmentSeq} ·{' '}
              {w.isExpired
                ? fill(t.prescriptionExpired, { date: day(w.expiresOn, lang) })
                : fill(t.prescriptionExpiresIn, { date: day(w.expiresOn, lang), days: w.daysLeft })}
            </span>
          </li>
        ))}
      </ul>
    </Section>
  );
}
