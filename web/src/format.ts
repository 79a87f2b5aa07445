import type { TLanguage } from './i18n/index.tsx';

const LOCALES: Record<TLanguage, string> = { it: 'it-IT', en: 'en-GB' };

/** Amounts come from the API as decimal strings ("1220.50"); shown with the locale's separators. */
export function money(amount: string | null | undefined, lang: TLanguage, currency = 'EUR'): string {
  if (amount === null || amount === undefined) return '—';
  return new Intl.NumberFormat(LOCALES[lang], { style: 'currency', currency }).format(Number(amount));
}

export function day(date: string | null | undefined, lang: TLanguage): string {
  if (!date) return '—';
  const [y, m, d] = date.slice(0, 10).split('-').map(Number);
  return new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y!, m! - 1, d!)),
  );
}

export function instant(iso: string, lang: TLanguage): string {
  return new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: 'short', timeStyle: 'short' }).format(
    new Date(iso),
  );
}

export function todayIso(): string {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}
