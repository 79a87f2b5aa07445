import { useState } from 'react';
import { api, query } from '../api.ts';
import { ErrorNote, Loading, Section, useLoad } from '../components.tsx';
import { useCreditor } from '../creditor.tsx';
import { fill, useI18n } from '../i18n/index.tsx';

type TStep = {
  key: string;
  channels: string[];
  tone: string;
  template: string;
  when: { from: 'due-date'; days: number } | { from: 'step'; step: string; days: number };
  requiresEvidence: boolean;
  description?: string;
};
type TPolicy = {
  id: number | null;
  key: string;
  name: string;
  description: string;
  isDefault: boolean;
  steps: TStep[];
};

/** Each policy's escalation drawn as a timeline of steps (read-only in this version). */
export function Policies() {
  const { t } = useI18n();
  const creditors = useLoad(
    () => api<Array<{ vatNumber: string; name: string }>>('GET', '/api/v1/creditors'),
    'c',
  );
  const scope = useCreditor();
  const [creditor, setCreditor] = useState('');
  const chosen = creditor || scope.creditor || creditors.data?.[0]?.vatNumber || '';
  const policies = useLoad(
    () =>
      chosen
        ? api<{ policies: TPolicy[] }>('GET', `/api/v1/policies${query({ creditor: chosen })}`)
        : Promise.resolve({ policies: [] }),
    chosen,
  );
  const error = creditors.error ?? policies.error;
  if (error) return <ErrorNote error={error} onRetry={policies.reload} />;
  if (!policies.data || !creditors.data) return <Loading />;
  return (
    <>
      <h1>{t.policiesTitle}</h1>
      {creditors.data.length > 1 && (
        <label>
          {t.creditors}
          <select value={chosen} onChange={(e) => setCreditor(e.target.value)}>
            {creditors.data.map((c) => (
              <option key={c.vatNumber} value={c.vatNumber}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {policies.data.policies.map((p) => (
        <Section
          key={p.key}
          title={`${p.name}${p.isDefault ? ` (${t.default})` : ''}`}
          id={`policy-${p.key}`}
        >
          <p>{p.description}</p>
          <ol className="steps">
            {p.steps.map((s) => (
              <li key={s.key}>
                <strong>{s.key}</strong>
                <span>
                  {s.when.from === 'due-date'
                    ? fill(s.when.days < 0 ? t.beforeDueDate : t.fromDueDate, { days: Math.abs(s.when.days) })
                    : fill(t.afterStep, { days: s.when.days, step: s.when.step })}
                </span>
                <span className="muted">
                  {s.channels.join(' + ')} · {s.tone} · {s.template}
                  {s.requiresEvidence ? ` · ${t.requiresEvidence}` : ''}
                </span>
              </li>
            ))}
          </ol>
        </Section>
      ))}
    </>
  );
}
