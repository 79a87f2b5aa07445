/**
 * Invoice numbers as people write them in a bank transfer's free text: "Saldo fatt. FT-2026/001",
 * "fattura n. 1/2026", "FT2026001", "rif. ft 1 del 10/01/2026". An invoice number is indexed under
 * keys that survive those variations, and the same keys are extracted from the remittance text:
 *   exact   all letters and digits, upper case            FT-2026/001 -> FT2026001
 *   year    issue year + the number without its year       FT-2026/001 -> 2026:1
 *   core    the number without year or prefix              FT-2026/001 -> 1 (only after a keyword)
 * A bare "1" is everywhere in payment texts, so core keys are only taken from the text when a
 * word such as "fattura" or "FT" stands right before them.
 */
export type TInvoiceKeys = { exact: string; year: string | null; core: string | null };
export type TTextKeys = { exact: Set<string>; year: Set<string>; core: Set<string> };

const KEYWORDS = new Set([
  'FATTURA',
  'FATTURE',
  'FATT',
  'FAT',
  'FT',
  'FTT',
  'FATTURAN',
  'INVOICE',
  'INV',
  'N',
  'NR',
  'NUM',
  'NUMERO',
  'DOC',
  'RIF',
  'FAC',
  'FACT',
  'ND',
  'NC',
]);
const DATE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/;

function stripZeros(digits: string): string {
  return digits.replace(/^0+(?=\d)/, '');
}

function fullYear(text: string): number | null {
  const n = Number(text);
  if (text.length === 4 && n >= 1990 && n <= 2099) return n;
  if (text.length === 2) return 2000 + n;
  return null;
}

export function invoiceKeys(number: string, issueYear: number): TInvoiceKeys {
  const upper = number.toUpperCase();
  const exact = upper.replace(/[^A-Z0-9]/g, '');
  const groups = upper.match(/\d+/g) ?? [];
  const short = String(issueYear).slice(2);
  const rest = groups.filter((g, i) => {
    if (g === String(issueYear)) return false;
    // A two-digit year only counts at the end ("12/26").
    return !(g === short && i === groups.length - 1 && groups.length > 1);
  });
  const core = rest.length > 0 ? stripZeros(rest[rest.length - 1]!) : null;
  return { exact, year: core === null ? null : `${issueYear}:${core}`, core };
}

/** Keys found in remittance text (see the module comment). */
export function textKeys(text: string): TTextKeys {
  const keys: TTextKeys = { exact: new Set(), year: new Set(), core: new Set() };
  const tokens = text
    .toUpperCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[\s,;:()[\]"'°#]+/)
    .map((t) => t.replace(/^[.\-/]+|[.\-/]+$/g, ''))
    .filter(Boolean);
  const years = new Set<number>();
  for (const t of tokens) {
    const date = DATE.exec(t);
    if (date) years.add(fullYear(date[3]!) ?? 0);
  }
  tokens.forEach((token, i) => {
    if (!/\d/.test(token) || DATE.test(token)) return;
    const previous = tokens[i - 1] ?? '';
    const previousWord = previous.replace(/[^A-Z]/g, '');
    const compact = token.replace(/[^A-Z0-9]/g, '');
    if (compact.length >= 3) keys.exact.add(compact);
    if (/^[A-Z]{1,4}$/.test(previous)) keys.exact.add(previous + compact);
    const groups = token.match(/\d+/g) ?? [];
    const yearGroups = groups.filter(
      (g, j) => g.length === 4 || (g.length === 2 && j === groups.length - 1 && groups.length > 1),
    );
    for (const y of yearGroups) {
      const year = fullYear(y);
      if (year === null) continue;
      for (const g of groups) if (g !== y) keys.year.add(`${year}:${stripZeros(g)}`);
    }
    const isBare = groups.length === 1 && /^\d+$/.test(compact.replace(/^[A-Z]+/, ''));
    if (isBare) {
      const core = stripZeros(groups[0]!);
      const hasKeyword = KEYWORDS.has(previousWord) || KEYWORDS.has(token.replace(/\d.*$/, ''));
      if (hasKeyword) {
        keys.core.add(core);
        for (const y of years) keys.year.add(`${y}:${core}`);
      }
    }
  });
  return keys;
}
