import { fiscalCodeCheckChar, italianVatCheckDigit } from '../ledger/tax-identifiers.ts';
import type { TRandom } from './prng.ts';

/**
 * Valid-looking, check-digit-correct identifiers for demo parties. They are generated, so any
 * coincidence with a real company or person is chance; the demo e-mail domains are unreachable.
 */

function digits(r: TRandom, count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) out += String(r.int(0, 9));
  return out;
}

/** Partita IVA: 7-digit serial, 3-digit ISTAT code of the province office, check digit. */
export function demoItalianVat(r: TRandom, istatProvince: string): string {
  const firstTen = `0${digits(r, 6)}${istatProvince}`;
  return `IT${firstTen}${italianVatCheckDigit(firstTen)}`;
}

/** German USt-IdNr.: 8 digits and an ISO 7064 MOD 11,10 check digit. */
export function demoGermanVat(r: TRandom): string {
  const body = `${r.int(1, 9)}${digits(r, 7)}`;
  let product = 10;
  for (const ch of body) {
    let sum = (Number(ch) + product) % 10;
    if (sum === 0) sum = 10;
    product = (2 * sum) % 11;
  }
  return `DE${body}${(11 - product) % 10}`;
}

function luhnCheckDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let n = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) n = n * 2 > 9 ? n * 2 - 9 : n * 2;
    sum += n;
  }
  return String((10 - (sum % 10)) % 10);
}

/** French TVA: a 2-digit key computed from the SIREN (9 digits, Luhn). */
export function demoFrenchVat(r: TRandom): string {
  const partial = `${r.int(3, 9)}${digits(r, 7)}`;
  const siren = `${partial}${luhnCheckDigit(partial)}`;
  const key = (12 + 3 * (Number(siren) % 97)) % 97;
  return `FR${String(key).padStart(2, '0')}${siren}`;
}

const MONTH_LETTERS = 'ABCDEHLMPRST';

function plainLetters(text: string): string {
  return text
    .normalize('NFD')
    .toUpperCase()
    .replace(/[^A-Z]/g, '');
}

function split(text: string): { consonants: string; vowels: string } {
  const letters = plainLetters(text);
  return { consonants: letters.replace(/[AEIOU]/g, ''), vowels: letters.replace(/[^AEIOU]/g, '') };
}

function surnameCode(surname: string): string {
  const { consonants, vowels } = split(surname);
  return `${consonants}${vowels}XXX`.slice(0, 3);
}

function givenNameCode(name: string): string {
  const { consonants, vowels } = split(name);
  if (consonants.length >= 4) return `${consonants[0]}${consonants[2]}${consonants[3]}`;
  return `${consonants}${vowels}XXX`.slice(0, 3);
}

export type TPerson = {
  surname: string;
  givenName: string;
  isFemale: boolean;
  birthDate: string;
  belfiore: string;
};

/** Codice fiscale of a person (DM 23/12/1976): name codes, birth date and sex, comune, check character. */
export function personalFiscalCode(p: TPerson): string {
  const [year, month, day] = p.birthDate.split('-').map(Number) as [number, number, number];
  const dayCode = String(day + (p.isFemale ? 40 : 0)).padStart(2, '0');
  const first15 = `${surnameCode(p.surname)}${givenNameCode(p.givenName)}${String(year % 100).padStart(2, '0')}${MONTH_LETTERS[month - 1]}${dayCode}${p.belfiore}`;
  return `${first15}${fiscalCodeCheckChar(first15)}`;
}
