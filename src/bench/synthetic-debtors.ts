import { italianVatCheckDigit } from '../core/ledger/tax-identifiers.ts';
import { hash32, mulberry32, type TSeededRandom } from './seeded-random.ts';

/**
 * Synthetic debtors: Italian companies with a valid-looking partita IVA. Each debtor is a pure
 * function of (seed, index), so any range of them can be generated on its own.
 */

/**
 * The seven "matricola" digits of the partita IVA are a bijection of the debtor index
 * (index * odd multiplier not divisible by 5, mod 10^7), so VAT numbers never repeat within a
 * portfolio (a tenant's debtors have unique VAT numbers) as long as there are fewer than 10^7.
 */
export const MAX_SYNTHETIC_DEBTORS = 10_000_000;
const MATRICOLA_MULTIPLIER = 7_654_321;
/** A different stream from the invoices' (same seed, same index must not give related draws). */
const DEBTOR_STREAM = 0x5bd1e995;

const SURNAMES = [
  'Rossi',
  'Russo',
  'Ferrari',
  'Esposito',
  'Bianchi',
  'Romano',
  'Colombo',
  'Ricci',
  'Marino',
  'Greco',
  'Bruno',
  'Gallo',
  'Conti',
  'De Luca',
  'Mancini',
  'Costa',
  'Giordano',
  'Rizzo',
  'Lombardi',
  'Moretti',
];
const SECTORS = [
  'Costruzioni',
  'Impianti',
  'Trasporti',
  'Alimentari',
  'Meccanica',
  'Arredamenti',
  'Servizi',
  'Elettronica',
  'Tessile',
  'Logistica',
  'Edilizia',
  'Ristorazione',
  'Informatica',
  'Ceramiche',
];
const LEGAL_FORMS = ['S.r.l.', 'S.p.A.', 'S.n.c.', 'S.a.s.', 'S.r.l.s.'];

export type TSyntheticDebtor = {
  name: string;
  /** With the country prefix, as stored: IT + 11 digits. */
  vatNumber: string;
  /** A company's codice fiscale is its partita IVA digits. */
  fiscalCode: string;
  pec: string;
};

function debtorRandom(seed: number, index: number): TSeededRandom {
  return mulberry32(hash32(seed ^ DEBTOR_STREAM, index));
}

/** The first draws of a debtor's generator are its name. */
function drawName(random: TSeededRandom): string {
  return `${SURNAMES[random.int(0, SURNAMES.length - 1)]} ${SECTORS[random.int(0, SECTORS.length - 1)]} ${LEGAL_FORMS[random.int(0, LEGAL_FORMS.length - 1)]}`;
}

/** The name alone (a payer's name on a payment), without computing the rest. */
export function syntheticDebtorName(seed: number, index: number): string {
  return drawName(debtorRandom(seed, index));
}

export function syntheticDebtor(seed: number, index: number): TSyntheticDebtor {
  const random = debtorRandom(seed, index);
  const name = drawName(random);
  const matricola = (index * MATRICOLA_MULTIPLIER + (seed >>> 0)) % 10_000_000;
  // Digits 8-10 are the issuing office: a province code 001-100.
  const office = random.int(1, 100);
  const firstTen = `${String(matricola).padStart(7, '0')}${String(office).padStart(3, '0')}`;
  const digits = firstTen + italianVatCheckDigit(firstTen);
  return {
    name,
    vatNumber: `IT${digits}`,
    fiscalCode: digits,
    pec: `${digits}@pec.bench.example`,
  };
}
