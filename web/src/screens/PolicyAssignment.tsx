import { type FormEvent, useState } from 'react';
import { api, query } from '../api.ts';
import { ErrorNote, Section, useLoad } from '../components.tsx';
import { fill, useI18n } from '../i18n/index.tsx';

export type TRule = {
  id: number;
  position: number;
  policy: string;
  minAmount: string | null;
  riskClasses: string[] | null;
  customerGroups: string[] | null;
  countries: string[] | null;
};

type TOverride = {
  scope: 'debtor' | 'invoice';
  debtor: { vatNumber: string | null; fiscalCode: string | null; name: string };
  invoice: { number: string; year: number } | null;
  policy: string;
};

const RISK_CLASSES = ['healthy', 'under-observation', 'to-avoid'] as const;

/** "A, b ,c" → ['A', 'b', 'c']; empty → null (no condition). */
function list(text: string, upper = false): string[] | null {
  const items = text
    .split(',')
    .map((s) => (upper ? s.trim().toUpperCase() : s.trim()))
    .filter(Boolean);
  return items.length ? items : null;
}

function assign(creditor: string, body: Record<string, unknown>) {
  return api('POST', '/api/v1/policies/assignments', { creditor, ...body });
}

function PolicySelect({
  keys,
  value,
  onChange,
  label,
  withNone,
}: {
  keys: string[];
  value: string;
  onChange(v: string): void;
  label: string;
  withNone?: string;
}) {
  return (
    <label>
      {label}
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {withNone !== undefined && <option value="">{withNone}</option>}
        {keys.map((k) => (
          <option key={k} value={k}>
            {k}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * Which policy new cases follow, in the order the engine decides: per-invoice and per-debtor
 * overrides, then the rules by position, then the default. Only roles with `policies` get forms.
 */
export function AssignmentPanel({
  creditor,
  keys,
  defaultKey,
  rules,
  canEdit,
  onChanged,
}: {
  creditor: string;
  keys: string[];
  defaultKey: string;
  rules: TRule[];
  canEdit: boolean;
  onChanged(note: string): void;
}) {
  const { t } = useI18n();
  const overrides = useLoad(
    () => api<TOverride[]>('GET', `/api/v1/policies/overrides${query({ creditor, limit: 1000 })}`),
    `${creditor}-${rules.length}-${defaultKey}`,
  );
  const [error, setError] = useState<Error | null>(null);
  const [newDefault, setNewDefault] = useState(defaultKey);
  const [rulePolicy, setRulePolicy] = useState(keys[0] ?? '');
  const [position, setPosition] = useState('');
  const [minAmount, setMinAmount] = useState('');
  const [riskClasses, setRiskClasses] = useState<string[]>([]);
  const [groups, setGroups] = useState('');
  const [countries, setCountries] = useState('');
  const act = async (body: Record<string, unknown>, note: string) => {
    setError(null);
    try {
      await assign(creditor, body);
      onChanged(note);
    } catch (e) {
      setError(e as Error);
    }
  };
  const setDefault = (e: FormEvent) => {
    e.preventDefault();
    return act({ policy: newDefault, default: true }, fill(t.defaultPolicySet, { key: newDefault }));
  };
  const addRule = (e: FormEvent) => {
    e.preventDefault();
    return act(
      {
        policy: rulePolicy,
        rule: {
          position: position ? Number(position) : null,
          minAmount: minAmount.trim() || null,
          riskClasses: riskClasses.length ? riskClasses : null,
          customerGroups: list(groups),
          countries: list(countries, true),
        },
      },
      fill(t.ruleAdded, { key: rulePolicy }),
    );
  };
  const conditions = (r: TRule) =>
    [
      r.minAmount ? `${t.ruleMinAmount} ≥ ${r.minAmount}` : null,
      r.riskClasses
        ? `${t.riskClass}: ${r.riskClasses.map((c) => t.riskClassName[c] ?? c).join(', ')}`
        : null,
      r.customerGroups ? `${t.ruleGroups}: ${r.customerGroups.join(', ')}` : null,
      r.countries ? `${t.ruleCountries}: ${r.countries.join(', ')}` : null,
    ]
      .filter(Boolean)
      .join(' · ') || t.ruleAlways;
  return (
    <Section title={t.assignmentTitle} id="policy-assignment">
      <p className="muted">{t.assignmentExplain}</p>
      {error && <ErrorNote error={error} />}
      <h3>{t.defaultPolicy}</h3>
      <p>
        <code>{defaultKey}</code>
      </p>
      {canEdit && (
        <form onSubmit={setDefault}>
          <PolicySelect keys={keys} value={newDefault} onChange={setNewDefault} label={t.defaultPolicy} />
          <button type="submit">{t.setDefault}</button>
        </form>
      )}
      <h3>{t.assignmentRules}</h3>
      {rules.length === 0 ? (
        <p>{t.none}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t.rulePosition}</th>
              <th scope="col">{t.ruleConditions}</th>
              <th scope="col">{t.rulePolicy}</th>
              {canEdit && <th scope="col" />}
            </tr>
          </thead>
          <tbody>
            {rules.map((r) => (
              <tr key={r.id}>
                <td className="num">{r.position}</td>
                <td>{conditions(r)}</td>
                <td>
                  <code>{r.policy}</code>
                </td>
                {canEdit && (
                  <td>
                    <button
                      type="button"
                      aria-label={`${t.removeRule} ${r.position}`}
                      onClick={() => act({ removeRule: r.id }, fill(t.ruleRemoved, { position: r.position }))}
                    >
                      {t.removeRule}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canEdit && (
        <form onSubmit={addRule} aria-label={t.addRule}>
          <PolicySelect keys={keys} value={rulePolicy} onChange={setRulePolicy} label={t.rulePolicy} />
          <label>
            {t.rulePosition}
            <input inputMode="numeric" value={position} onChange={(e) => setPosition(e.target.value)} />
          </label>
          <label>
            {t.ruleMinAmount}
            <input inputMode="decimal" value={minAmount} onChange={(e) => setMinAmount(e.target.value)} />
          </label>
          <fieldset>
            <legend>{t.riskClass}</legend>
            {RISK_CLASSES.map((c) => (
              <label key={c} className="check">
                <input
                  type="checkbox"
                  checked={riskClasses.includes(c)}
                  onChange={(e) =>
                    setRiskClasses(
                      e.target.checked ? [...riskClasses, c] : riskClasses.filter((x) => x !== c),
                    )
                  }
                />{' '}
                {t.riskClassName[c] ?? c}
              </label>
            ))}
          </fieldset>
          <label>
            {t.ruleGroups}
            <input value={groups} onChange={(e) => setGroups(e.target.value)} />
          </label>
          <label>
            {t.ruleCountries}
            <input value={countries} onChange={(e) => setCountries(e.target.value)} />
          </label>
          <button type="submit">{t.addRule}</button>
        </form>
      )}
      <h3>{t.policyOverrides}</h3>
      {overrides.error && <ErrorNote error={overrides.error} onRetry={overrides.reload} />}
      {overrides.data && overrides.data.length === 0 && <p>{t.none}</p>}
      {overrides.data && overrides.data.length > 0 && (
        <ul>
          {overrides.data.map((o) => (
            <li key={`${o.scope}-${o.debtor.vatNumber ?? o.debtor.fiscalCode}-${o.invoice?.number ?? ''}`}>
              {o.debtor.name} ({o.debtor.vatNumber ?? o.debtor.fiscalCode})
              {o.invoice ? ` · ${t.invoice} ${o.invoice.number}/${o.invoice.year}` : ''} →{' '}
              <code>{o.policy}</code>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

/** The debtor's own policy (an override of the rules and the default) and, with `policies`, a way to change it. */
export function DebtorPolicy({
  creditor,
  debtor,
  canEdit,
}: {
  creditor: string;
  debtor: string;
  canEdit: boolean;
}) {
  const { t } = useI18n();
  const state = useLoad(
    () =>
      Promise.all([
        api<TOverride[]>('GET', `/api/v1/policies/overrides${query({ creditor, debtor })}`),
        api<{ policies: Array<{ key: string; isDefault: boolean }> }>(
          'GET',
          `/api/v1/policies${query({ creditor })}`,
        ),
      ]),
    `${creditor}-${debtor}`,
  );
  const [chosen, setChosen] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);
  if (state.error) return <ErrorNote error={state.error} onRetry={state.reload} />;
  if (!state.data) return null;
  const [overrides, { policies }] = state.data;
  const own = overrides.find((o) => o.scope === 'debtor')?.policy ?? '';
  const fallback = policies.find((p) => p.isDefault)?.key ?? '';
  const value = chosen ?? own;
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await assign(creditor, { debtor, policy: value || null });
      setNote(value ? fill(t.debtorPolicyAssigned, { key: value }) : t.debtorPolicyCleared);
      setChosen(null);
      state.reload();
    } catch (err) {
      setError(err as Error);
    }
  };
  return (
    <>
      <h3>{t.debtorPolicy}</h3>
      <p>
        {own ? <code>{own}</code> : fill(t.debtorPolicyByRules, { key: fallback })}
        {overrides
          .filter((o) => o.scope === 'invoice')
          .map((o) => (
            <span key={o.invoice!.number} className="muted">
              {' '}
              · {t.invoice} {o.invoice!.number}: <code>{o.policy}</code>
            </span>
          ))}
      </p>
      {note && <p role="status">{note}</p>}
      {error && <ErrorNote error={error} />}
      {canEdit && (
        <form onSubmit={save}>
          <PolicySelect
            keys={policies.map((p) => p.key)}
            value={value}
            onChange={setChosen}
            label={t.assignPolicy}
            withNone={t.byRulesOption}
          />
          <button type="submit">{t.assignPolicyButton}</button>
        </form>
      )}
    </>
  );
}
