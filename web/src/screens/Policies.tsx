import { api } from '../api.ts';
import { ErrorNote, Loading, Section, useLoad } from '../components.tsx';
import { fill, useI18n } from '../i18n.tsx';

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
  const policies = useLoad(() => api<TPolicy[]>('GET', '/api/v1/policies'), 'policies');
  if (policies.error) return <ErrorNote error={policies.error} onRetry={policies.reload} />;
  if (!policies.data) return <Loading />;
  return (
    <>
      <h1>{t.policiesTitle}</h1>
      {policies.data.map((p) => (
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
                    ? fill(t.fromDueDate, { days: s.when.days })
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
