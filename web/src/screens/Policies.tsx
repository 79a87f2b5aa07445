import { useState } from 'react';
import { api, query } from '../api.ts';
import { ErrorNote, Loading, Section, useLoad } from '../components.tsx';
import { useCreditor } from '../creditor.tsx';
import { fill, useI18n } from '../i18n/index.tsx';
import { AssignmentPanel, type TRule } from './PolicyAssignment.tsx';
import { PolicyEditor, type TPolicy } from './PolicyEditor.tsx';

/**
 * Each policy's escalation drawn as a timeline of steps. Roles with the `policies` permission
 * edit a copy and save it as a new policy; the others only look (the API refuses them anyway).
 */
export function Policies({ canEdit }: { canEdit: boolean }) {
  const { t } = useI18n();
  const creditors = useLoad(
    () => api<Array<{ vatNumber: string; name: string }>>('GET', '/api/v1/creditors'),
    'c',
  );
  const scope = useCreditor();
  const [creditor, setCreditor] = useState('');
  const [editing, setEditing] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const chosen = creditor || scope.creditor || creditors.data?.[0]?.vatNumber || '';
  const policies = useLoad(
    () =>
      chosen
        ? api<{ policies: TPolicy[]; rules: TRule[] }>(
            'GET',
            `/api/v1/policies${query({ creditor: chosen })}`,
          )
        : Promise.resolve({ policies: [], rules: [] }),
    chosen,
  );
  const error = creditors.error ?? policies.error;
  if (error) return <ErrorNote error={error} onRetry={policies.reload} />;
  if (!policies.data || !creditors.data) return <Loading />;
  const keys = policies.data.policies.map((p) => p.key);
  return (
    <>
      <h1>{t.policiesTitle}</h1>
      {!canEdit && <p className="muted">{t.readOnlyPolicies}</p>}
      {note && <p role="status">{note}</p>}
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
      {chosen && (
        <AssignmentPanel
          key={chosen}
          creditor={chosen}
          keys={keys}
          defaultKey={policies.data.policies.find((p) => p.isDefault)?.key ?? ''}
          rules={policies.data.rules}
          canEdit={canEdit}
          onChanged={(text) => {
            setNote(text);
            policies.reload();
          }}
        />
      )}
      {policies.data.policies.map((p) => (
        <Section
          key={p.key}
          title={`${p.name}${p.isDefault ? ` (${t.default})` : ''}`}
          id={`policy-${p.key}`}
        >
          <p>
            <code>{p.key}</code> {p.description}
          </p>
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
                  {s.channels.join(' + ')} · {t.tones[s.tone] ?? s.tone} · {s.template}
                  {s.conditions?.minAmount ? ` · ≥ ${s.conditions.minAmount}` : ''}
                  {s.conditions?.riskClasses ? ` · ${s.conditions.riskClasses.join(', ')}` : ''}
                  {s.requiresEvidence ? ` · ${t.requiresEvidence}` : ''}
                </span>
              </li>
            ))}
          </ol>
          {canEdit && editing !== p.key && (
            <button type="button" onClick={() => setEditing(p.key)} aria-label={`${t.editPolicy}: ${p.name}`}>
              {t.editPolicy}
            </button>
          )}
          {canEdit && editing === p.key && (
            <PolicyEditor
              creditor={chosen}
              policy={p}
              takenKeys={keys}
              onCancel={() => setEditing(null)}
              onSaved={(key) => {
                setEditing(null);
                setNote(fill(t.policySaved, { key }));
                policies.reload();
              }}
            />
          )}
        </Section>
      ))}
    </>
  );
}
