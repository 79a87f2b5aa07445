import { formatAmount, type TCents } from '../shared/money.ts';

/** The languages templates exist in; a debtor in any other language gets English. */
export const TEMPLATE_LANGUAGES = ['it', 'en'] as const;
export type TTemplateLanguage = (typeof TEMPLATE_LANGUAGES)[number];

export function templateLanguage(debtorLanguage: string): TTemplateLanguage {
  return debtorLanguage.toLowerCase().startsWith('it') ? 'it' : 'en';
}

/** "2026-02-28" → "28/02/2026" (it) or "28 Feb 2026" (en): no ambiguity for a foreign reader. */
export function formatDateFor(iso: string, language: TTemplateLanguage): string {
  const [y, m, d] = iso.split('-');
  if (language === 'it') return `${d}/${m}/${y}`;
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][
    Number(m) - 1
  ];
  return `${Number(d)} ${month} ${y}`;
}

/** Cents as the reader writes them: "EUR 1.220,00" (it) or "EUR 1,220.00" (en); exact, no float. */
export function formatMoneyFor(cents: TCents, currency: string, language: TTemplateLanguage): string {
  const plain = formatAmount(cents, currency);
  const negative = plain.startsWith('-');
  const [whole = '0', fraction] = plain.replace('-', '').split('.');
  const [group, decimal] = language === 'it' ? ['.', ','] : [',', '.'];
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  return `${currency} ${negative ? '-' : ''}${grouped}${fraction !== undefined ? `${decimal}${fraction}` : ''}`;
}
