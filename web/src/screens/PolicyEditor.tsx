import { type FormEvent, useState } from 'react';
import { api } from '../api.ts';
import { ErrorNote } from '../components.tsx';
import { useI18n } from '../i18n/index.tsx';

export type TStep = {
  key: string;
  channels: string[];
  tone: string;
  template: string;
  when: { from: 'due-date'; days: number } | { from: 'step'; step: string; days: number };
  conditions?: {
    minAmount?: string;
    riskClasses?: string[];
    countries?: string[];
    paymentMethods?: string[];
  };
  requiresEvidence: boolean;
  description?: string;
};
export type TPolicy = {
  id: number | null;
  key: string;
  name: string;
  description: string;
  isDefault: boolean;
  steps: TStep[];
};

// The server's lists (src/core/collection/policy.ts): what a step may use.
const CHANNELS = [
  'email',
  'pec',
  'letter',
  'registered-letter',
  'sms',
  'phone-call',
  'visit',
  'review',
  'agency-handover',
  'legal',
];
const TONES = ['friendly', 'firm', 'formal'];
const RISK_CLASSES = ['healthy', 'under-observation', 'to-avoid'];

/** A key not yet used by the creditor: "reminders-2", "reminders-3", ... */
function freshKey(base: string, taken: string[]): string {
  const stem = base.replace(/-\d+$/, '');
  for (let n = 2; ; n++) if (!taken.includes(`${stem}-${n}`)) return `${stem}-${n}`;
}

/**
 * Edits a copy of a policy and saves it as a NEW policy (the API never changes a policy in
 * place: cases already on it keep their steps). The server checks everything again.
 */
export function PolicyEditor({
  creditor,
  policy,
  takenKeys,
  onSaved,
  onCancel,
}: {
  creditor: string;
  policy: TPolicy;
  takenKeys: string[];
  onSaved(key: string): void;
  onCancel(): void;
}) {
  const { t } = useI18n();
  const [key, setKey] = useState(freshKey(policy.key, takenKeys));
  const [name, setName] = useState(policy.name);
  const [steps, setSteps] = useState<TStep[]>(structuredClone(policy.steps));
  const [error, setError] = useState<Error | null>(null);

  const change = (i: number, patch: Partial<TStep>) =>
    setSteps(steps.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  const changeConditions = (i: number, patch: NonNullable<TStep['conditions']>) => {
    const merged: Record<string, unknown> = { ...steps[i]!.conditions, ...patch };
    for (const k of Object.keys(merged)) if (merged[k] === undefined) delete merged[k];
    change(i, { conditions: merged });
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await api('POST', '/api/v1/policies', { creditor, key, name, description: policy.description, steps });
      onSaved(key);
    } catch (err) {
      setError(err as Error);
    }
  };
  return (
    <form onSubmit={submit} className="card stack" aria-label={t.policyEditor}>
      <h3>{t.policyEditor}</h3>
      <p className="muted">{t.policyExplain}</p>
      {error && <ErrorNote error={error} />}
      <div className="inline-form">
        <label>
          {t.policyKey}
          <input required value={key} onChange={(e) => setKey(e.target.value)} />
        </label>
        <label>
          {t.policyName}
          <input required value={name} onChange={(e) => setName(e.target.value)} />
        </label>
      </div>
      <ol className="plain stack">
        {steps.map((s, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the step key is itself being edited; inputs are controlled
          <li key={i} className="card">
            <fieldset>
              <legend>
                {t.step} {i + 1}
              </legend>
              <div className="inline-form">
                <label>
                  {t.stepKey}
                  <input required value={s.key} onChange={(e) => change(i, { key: e.target.value })} />
                </label>
                <label>
                  {t.days}
                  <input
                    type="number"
                    required
                    value={s.when.days}
                    onChange={(e) => change(i, { when: { ...s.when, days: Number(e.target.value) } })}
                  />
                </label>
                <label>
                  {t.counting}
                  <select
                    value={s.when.from === 'due-date' ? '' : s.when.step}
                    onChange={(e) =>
                      change(i, {
                        when: e.target.value
                          ? { from: 'step', step: e.target.value, days: Math.max(0, s.when.days) }
                          : { from: 'due-date', days: s.when.days },
                      })
                    }
                  >
                    <option value="">{t.fromDue}</option>
                    {steps.slice(0, i).map((earlier) => (
                      <option key={earlier.key} value={earlier.key}>
                        {t.fromStep} {earlier.key}
                      </option>
                    ))}
                  </select>
                </label>
                <label>
                  {t.tone}
                  <select value={s.tone} onChange={(e) => change(i, { tone: e.target.value })}>
                    {TONES.map((tone) => (
                      <option key={tone} value={tone}>
                        {t.tones[tone]}
                      </option>
                    ))}
                  </select>
                </label>
                <label>
                  {t.template}
                  <input
                    required
                    value={s.template}
                    onChange={(e) => change(i, { template: e.target.value })}
                  />
                </label>
              </div>
              <fieldset className="inline-form">
                <legend>{t.channels}</legend>
                {CHANNELS.map((c) => (
                  <label key={c} className="check">
                    <input
                      type="checkbox"
                      checked={s.channels.includes(c)}
                      onChange={(e) =>
                        change(i, {
                          channels: e.target.checked ? [...s.channels, c] : s.channels.filter((x) => x !== c),
                        })
                      }
                    />
                    {c}
                  </label>
                ))}
              </fieldset>
              <div className="inline-form">
                <label>
                  {t.minAmount}
                  <input
                    inputMode="decimal"
                    value={s.conditions?.minAmount ?? ''}
                    onChange={(e) => changeConditions(i, { minAmount: e.target.value || undefined })}
                  />
                </label>
                <label>
                  {t.riskClasses}
                  <input
                    placeholder={RISK_CLASSES.join(', ')}
                    value={(s.conditions?.riskClasses ?? []).join(', ')}
                    onChange={(e) => {
                      const list = e.target.value
                        .split(',')
                        .map((x) => x.trim())
                        .filter(Boolean);
                      changeConditions(i, { riskClasses: list.length ? list : undefined });
                    }}
                  />
                </label>
                <button type="button" onClick={() => setSteps(steps.filter((_, j) => j !== i))}>
                  {t.removeStep} {i + 1}
                </button>
              </div>
            </fieldset>
          </li>
        ))}
      </ol>
      <div className="inline-form">
        <button
          type="button"
          onClick={() =>
            setSteps([
              ...steps,
              {
                key: `step-${steps.length + 1}`,
                channels: ['email'],
                tone: 'firm',
                template: steps.at(-1)?.template ?? 'reminder-letter',
                when: steps.length
                  ? { from: 'step', step: steps.at(-1)!.key, days: 7 }
                  : { from: 'due-date', days: 3 },
                requiresEvidence: false,
              },
            ])
          }
        >
          {t.addStep}
        </button>
        <button type="submit">{t.savePolicy}</button>
        <button type="button" onClick={onCancel}>
          {t.cancel}
        </button>
      </div>
    </form>
  );
}
