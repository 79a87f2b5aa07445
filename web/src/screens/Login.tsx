import { type FormEvent, useState } from 'react';
import { ApiError } from '../api.ts';
import { LanguageSwitch, useI18n } from '../i18n/index.tsx';
import { logIn, type TUser } from '../session.ts';

export function Login({ onLoggedIn }: { onLoggedIn(user: TUser): void }) {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setMessage(null);
    try {
      onLoggedIn(await logIn(email, password, totp));
    } catch (error) {
      setMessage(
        error instanceof ApiError && error.status === 401 ? t.loginFailed : (error as Error).message,
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <main id="main" className="login">
      <h1>{t.appName}</h1>
      <form onSubmit={submit} aria-labelledby="login-heading" className="card">
        <h2 id="login-heading">{t.loginTitle}</h2>
        <label>
          {t.email}
          <input
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        <label>
          {t.password}
          <input
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <label>
          {t.totp}
          <input
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9]{6}"
            value={totp}
            onChange={(e) => setTotp(e.target.value)}
          />
        </label>
        {message && (
          <p role="alert" className="error">
            {message}
          </p>
        )}
        <button type="submit" disabled={isBusy}>
          {t.loginButton}
        </button>
      </form>
      <LanguageSwitch />
    </main>
  );
}
