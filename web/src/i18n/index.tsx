import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';
import { en } from './en.ts';
import { enOffice } from './en-office.ts';
import { it } from './it.ts';
import { itOffice } from './it-office.ts';

export type TDictionary = typeof en & typeof enOffice;

export type TLanguage = 'it' | 'en';
const DICTIONARIES: Record<TLanguage, TDictionary> = {
  it: { ...it, ...itOffice },
  en: { ...en, ...enOffice },
};

type TI18n = { lang: TLanguage; t: TDictionary; setLang(lang: TLanguage): void };
const I18nContext = createContext<TI18n>({ lang: 'it', t: DICTIONARIES.it, setLang: () => undefined });

/** The language the person chose in this browser, if any (else the browser's own). */
function savedLanguage(): TLanguage | null {
  const saved = localStorage.getItem('riscossa.lang');
  return saved === 'it' || saved === 'en' ? saved : null;
}

function initialLanguage(): TLanguage {
  const saved = savedLanguage();
  if (saved) return saved;
  return navigator.language.toLowerCase().startsWith('it') ? 'it' : 'en';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<TLanguage>(initialLanguage);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const setLang = (next: TLanguage) => {
    localStorage.setItem('riscossa.lang', next);
    setLangState(next);
  };
  return (
    <I18nContext.Provider value={{ lang, t: DICTIONARIES[lang], setLang }}>{children}</I18nContext.Provider>
  );
}

export function useI18n(): TI18n {
  return useContext(I18nContext);
}

/** "{name}" placeholders filled from `values`. */
export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? `{${key}}`));
}

export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <label className="language">
      {t.language}{' '}
      <select value={lang} onChange={(e) => setLang(e.target.value as TLanguage)}>
        <option value="it">Italiano</option>
        <option value="en">English</option>
      </select>
    </label>
  );
}
