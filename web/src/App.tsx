import { useEffect, useState } from 'react';
import { NavLink, Route, Routes, useLocation } from 'react-router';
import { UNAUTHENTICATED_EVENT } from './api.ts';
import { ErrorNote, Loading } from './components.tsx';
import { CreditorProvider, CreditorSwitch } from './creditor.tsx';
import { LanguageSwitch, useI18n } from './i18n/index.tsx';
import { Dashboard } from './screens/Dashboard.tsx';
import { DebtorPage } from './screens/DebtorPage.tsx';
import { Debtors } from './screens/Debtors.tsx';
import { Imports } from './screens/Imports.tsx';
import { Letters } from './screens/Letters.tsx';
import { Login } from './screens/Login.tsx';
import { PayPage } from './screens/PayPage.tsx';
import { Policies } from './screens/Policies.tsx';
import { Reports } from './screens/Reports.tsx';
import { Settings } from './screens/Settings.tsx';
import { Today } from './screens/Today.tsx';
import {
  canRunEngine,
  canSeeAllCreditors,
  loadSession,
  logOut,
  permissionsOf,
  type TSession,
} from './session.ts';

export function App() {
  const location = useLocation();
  // The debtor's page has no login and none of the operators' screens.
  if (location.pathname.startsWith('/pay/')) {
    return (
      <Routes>
        <Route path="/pay/:token" element={<PayPage />} />
      </Routes>
    );
  }
  return <OperatorApp />;
}

function OperatorApp() {
  const { t } = useI18n();
  const [session, setSession] = useState<TSession>({ state: 'loading' });
  const [error, setError] = useState<Error | null>(null);
  useEffect(() => {
    loadSession().then(setSession, setError);
    const onLoggedOut = () => setSession({ state: 'anonymous' });
    window.addEventListener(UNAUTHENTICATED_EVENT, onLoggedOut);
    return () => window.removeEventListener(UNAUTHENTICATED_EVENT, onLoggedOut);
  }, []);

  if (error) return <ErrorNote error={error} />;
  if (session.state === 'loading') return <Loading />;
  if (session.state === 'anonymous')
    return <Login onLoggedIn={(user) => setSession({ state: 'user', user })} />;

  const links: Array<[string, string]> = [
    ['/', t.navToday],
    ['/dashboard', t.navDashboard],
    ['/debtors', t.navDebtors],
    ['/imports', t.navImports],
    ['/letters', t.navLetters],
    ['/reports', t.navReports],
    ['/policies', t.navPolicies],
    ['/settings', t.navSettings],
  ];
  const canSeeAll = canSeeAllCreditors(session);
  const can = permissionsOf(session);
  return (
    <CreditorProvider canSeeAll={canSeeAll}>
      <a className="skip" href="#main">
        {t.skipToContent}
      </a>
      <header className="top">
        <span className="brand">{t.appName}</span>
        <nav aria-label="main">
          <ul>
            {links.map(([to, label]) => (
              <li key={to}>
                <NavLink to={to} end={to === '/'}>
                  {label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="who">
          <CreditorSwitch canSeeAll={canSeeAll} />
          <LanguageSwitch />
          {session.state === 'user' && (
            <>
              <span>{session.user.name}</span>
              <button
                type="button"
                onClick={() => logOut().finally(() => setSession({ state: 'anonymous' }))}
              >
                {t.logout}
              </button>
            </>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Routes>
          <Route path="/" element={<Today canRun={canRunEngine(session)} />} />
          <Route path="/dashboard" element={<Dashboard />} />
          <Route path="/debtors" element={<Debtors />} />
          <Route path="/debtors/:id" element={<DebtorPage canAssignPolicy={can.has('policies')} />} />
          <Route path="/imports" element={<Imports />} />
          <Route path="/letters" element={<Letters canWrite={can.has('write')} />} />
          <Route path="/reports" element={<Reports />} />
          <Route path="/policies" element={<Policies canEdit={can.has('policies')} />} />
          <Route path="/settings" element={<Settings can={can} />} />
          <Route path="*" element={<Today canRun={canRunEngine(session)} />} />
        </Routes>
      </main>
    </CreditorProvider>
  );
}
