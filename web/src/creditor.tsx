import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';
import { api } from './api.ts';
import { useI18n } from './i18n/index.tsx';

export type TCreditorChoice = { vatNumber: string; name: string };
type TCreditorScope = {
  creditors: TCreditorChoice[];
  /** The creditor the screens work on (VAT number); null = every creditor the user reaches. */
  creditor: string | null;
  setCreditor(vat: string | null): void;
};

const CreditorContext = createContext<TCreditorScope>({
  creditors: [],
  creditor: null,
  setCreditor: () => undefined,
});

/**
 * Users who reach several creditors (an agency's specialists) work on one at a time: the API
 * asks them to name it. Administrators may also look at all of them together.
 */
export function CreditorProvider({ canSeeAll, children }: { canSeeAll: boolean; children: ReactNode }) {
  const [creditors, setCreditors] = useState<TCreditorChoice[]>([]);
  const [creditor, setCreditorState] = useState<string | null>(sessionStorage.getItem('riscossa.creditor'));
  useEffect(() => {
    api<TCreditorChoice[]>('GET', '/api/v1/creditors').then(
      (list) => {
        setCreditors(list);
        const isKnown = list.some((c) => c.vatNumber === creditor);
        if (!isKnown && (!canSeeAll || creditor !== null))
          setCreditorState(canSeeAll ? null : (list[0]?.vatNumber ?? null));
      },
      () => undefined,
    );
  }, [canSeeAll, creditor]);
  const setCreditor = (vat: string | null) => {
    if (vat) sessionStorage.setItem('riscossa.creditor', vat);
    else sessionStorage.removeItem('riscossa.creditor');
    setCreditorState(vat);
  };
  return (
    <CreditorContext.Provider value={{ creditors, creditor, setCreditor }}>
      {children}
    </CreditorContext.Provider>
  );
}

export function useCreditor(): TCreditorScope {
  return useContext(CreditorContext);
}

export function CreditorSwitch({ canSeeAll }: { canSeeAll: boolean }) {
  const { t } = useI18n();
  const { creditors, creditor, setCreditor } = useCreditor();
  if (creditors.length < 2) return null;
  return (
    <label className="language">
      {t.creditor}{' '}
      <select value={creditor ?? ''} onChange={(e) => setCreditor(e.target.value || null)}>
        {canSeeAll && <option value="">{t.allCreditors}</option>}
        {creditors.map((c) => (
          <option key={c.vatNumber} value={c.vatNumber}>
            {c.name}
          </option>
        ))}
      </select>
    </label>
  );
}
