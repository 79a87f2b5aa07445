import { type FormEvent, useState } from 'react';
import { api } from '../../api.ts';
import { ErrorNote, Loading, Section, useLoad } from '../../components.tsx';
import { useCreditor } from '../../creditor.tsx';
import { fill, useI18n } from '../../i18n/index.tsx';

type TUser = {
  id: number;
  email: string;
  name: string;
  role: string;
  creditorIds: number[];
  isDisabled: boolean;
};
type TCreditor = { id: number; name: string; vatNumber: string };
const ROLES = ['operator', 'credit_manager', 'agency_specialist', 'read_only', 'administrator'];

/** People who log in (administrators only: the API refuses anyone else). */
export function Users() {
  const { t } = useI18n();
  const users = useLoad(() => api<TUser[]>('GET', '/api/v1/users'), 'users');
  const creditors = useLoad(() => api<TCreditor[]>('GET', '/api/v1/creditors'), 'creditors');
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const names = new Map((creditors.data ?? []).map((c) => [c.id, c.name]));

  const change = async (user: TUser, action: 'disable' | 'enable') => {
    setError(null);
    try {
      await api('POST', `/api/v1/users/${encodeURIComponent(user.email)}/${action}`);
      setNote(fill(action === 'disable' ? t.userDisabled : t.userEnabled, { email: user.email }));
      users.reload();
    } catch (e) {
      setError(e as Error);
    }
  };
  return (
    <Section title={t.users} id="users">
      {note && <p role="status">{note}</p>}
      {error && <ErrorNote error={error} />}
      {users.error && <ErrorNote error={users.error} onRetry={users.reload} />}
      {!users.data && !users.error && <Loading />}
      {users.data && (
        <table>
          <thead>
            <tr>
              <th scope="col">{t.name}</th>
              <th scope="col">{t.email}</th>
              <th scope="col">{t.role}</th>
              <th scope="col">{t.creditorsReached}</th>
              <th scope="col">{t.status}</th>
              <th scope="col">
                <span className="sr-only">{t.disable}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {users.data.map((u) => (
              <tr key={u.id}>
                <td>{u.name}</td>
                <td>{u.email}</td>
                <td>{t.roles[u.role] ?? u.role}</td>
                <td>
                  {u.role === 'administrator'
                    ? t.allCreditors
                    : u.creditorIds.map((id) => names.get(id) ?? id).join(', ') || '—'}
                </td>
                <td>{u.isDisabled ? t.disabled : t.active}</td>
                <td>
                  {u.isDisabled ? (
                    <button
                      type="button"
                      onClick={() => change(u, 'enable')}
                      aria-label={`${t.enable} ${u.email}`}
                    >
                      {t.enable}
                    </button>
                  ) : (
                    <button
                      type="button"
                      onClick={() => change(u, 'disable')}
                      aria-label={`${t.disable} ${u.email}`}
                    >
                      {t.disable}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <AddUser
        creditors={creditors.data ?? []}
        onAdded={(email) => {
          setNote(fill(t.userAdded, { email }));
          users.reload();
        }}
      />
    </Section>
  );
}

function AddUser({ creditors, onAdded }: { creditors: TCreditor[]; onAdded(email: string): void }) {
  const { t } = useI18n();
  const { creditor } = useCreditor();
  const [form, setForm] = useState({ email: '', name: '', role: 'operator', password: '' });
  const [chosen, setChosen] = useState<string[]>(creditor ? [creditor] : []);
  const [error, setError] = useState<Error | null>(null);
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [key]: e.target.value });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await api('POST', '/api/v1/users', {
        ...form,
        creditors: form.role === 'administrator' ? [] : chosen,
      });
      onAdded(form.email);
      setForm({ email: '', name: '', role: form.role, password: '' });
    } catch (err) {
      setError(err as Error);
    }
  };
  return (
    <form onSubmit={submit} className="stack" aria-label={t.addUser}>
      <h3>{t.addUser}</h3>
      {error && <ErrorNote error={error} />}
      <label>
        {t.name}
        <input required value={form.name} onChange={set('name')} />
      </label>
      <label>
        {t.email}
        <input required type="email" value={form.email} onChange={set('email')} />
      </label>
      <label>
        {t.role}
        <select value={form.role} onChange={set('role')}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t.roles[r]}
            </option>
          ))}
        </select>
      </label>
      {form.role !== 'administrator' && (
        <fieldset>
          <legend>{t.creditorsReached}</legend>
          {creditors.map((c) => (
            <label key={c.id} className="check">
              <input
                type="checkbox"
                checked={chosen.includes(c.vatNumber)}
                onChange={(e) =>
                  setChosen(
                    e.target.checked ? [...chosen, c.vatNumber] : chosen.filter((v) => v !== c.vatNumber),
                  )
                }
              />
              {c.name}
            </label>
          ))}
        </fieldset>
      )}
      <label>
        {t.password}
        <input
          required
          type="password"
          autoComplete="new-password"
          value={form.password}
          onChange={set('password')}
        />
      </label>
      <button type="submit">{t.addUser}</button>
    </form>
  );
}
