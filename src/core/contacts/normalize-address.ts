/**
 * Normalises an Italian postal address before the first letter (seed 002: verify the debtor's
 * details first): spacing, the usual street abbreviations written out, province and country in
 * capitals, and the checks a letter needs (a 5-digit CAP and a 2-letter province in Italy). Pure.
 */
export type TAddress = {
  street: string;
  postalCode: string | null;
  city: string;
  province: string | null;
  country: string;
};

export type TAddressCheck = { address: TAddress; issues: string[]; changed: boolean };

const ABBREVIATIONS: ReadonlyArray<[RegExp, string]> = [
  [/^v\.\s*le\b\.?\s*/i, 'Viale '],
  [/^p\.\s*zza\b\.?\s*/i, 'Piazza '],
  [/^p\.\s*za\b\.?\s*/i, 'Piazza '],
  [/^c\.\s*so\b\.?\s*/i, 'Corso '],
  [/^l\.\s*go\b\.?\s*/i, 'Largo '],
  [/^str\.\s*/i, 'Strada '],
  [/^v\.\s*/i, 'Via '],
];

const squeeze = (s: string) => s.replace(/\s+/g, ' ').trim();

function titleCase(s: string): string {
  return s
    .toLowerCase()
    .replace(/(^|[\s'-])(\p{L})/gu, (_, sep: string, ch: string) => sep + ch.toUpperCase());
}

export function normalizeAddress(input: TAddress): TAddressCheck {
  let street = squeeze(input.street);
  if (street === street.toUpperCase() || street === street.toLowerCase()) street = titleCase(street);
  for (const [pattern, full] of ABBREVIATIONS) {
    if (pattern.test(street)) {
      street = squeeze(street.replace(pattern, full));
      break;
    }
  }
  street = street.replace(/,?\s*(n\.?|nr\.?|num\.?)\s*(\d)/i, ', $2').replace(/\s+,/g, ',');
  const country = squeeze(input.country).toUpperCase();
  const city = squeeze(input.city);
  const address: TAddress = {
    street,
    postalCode: input.postalCode ? input.postalCode.replace(/\s/g, '') : null,
    city: city === city.toUpperCase() || city === city.toLowerCase() ? titleCase(city) : city,
    province: input.province ? squeeze(input.province).toUpperCase() : null,
    country,
  };
  const issues: string[] = [];
  if (!/\d/.test(address.street)) issues.push('street has no house number');
  if (country === 'IT') {
    if (!address.postalCode || !/^\d{5}$/.test(address.postalCode)) issues.push('CAP must be 5 digits');
    if (!address.province || !/^[A-Z]{2}$/.test(address.province))
      issues.push('province must be a 2-letter code');
  }
  const changed =
    address.street !== input.street ||
    address.postalCode !== (input.postalCode ?? null) ||
    address.city !== input.city ||
    address.province !== (input.province ?? null) ||
    address.country !== input.country;
  return { address, issues, changed };
}

/** A PEC address as the directory and the letters expect it: trimmed, lower-case, one @. */
export function normalizePec(pec: string | null | undefined): string | null {
  if (!pec) return null;
  const value = pec.trim().toLowerCase();
  return /^[^\s@]+@[^\s@]+\.[a-z]{2,}$/.test(value) ? value : null;
}
