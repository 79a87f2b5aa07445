import { formatAmount, type TCents } from '../shared/money.ts';

/**
 * The EPC069-12 "SEPA QR" payload (version 002, UTF-8): the debtor's banking app reads payee,
 * IBAN, amount and the structured RF reference from one scan, so the payment comes back with the
 * reference that payment matching decodes.
 */
export type TEpcPayment = { payee: string; iban: string; amountCents: TCents; rfReference: string };

/** EPC069-12 limits: payee 70 characters, amount 0.01 to 999,999,999.99 EUR. */
const MAX_PAYEE = 70;
const MAX_AMOUNT_CENTS = 99_999_999_999;

export function epcQrPayload(p: TEpcPayment): string {
  if (p.amountCents < 1 || p.amountCents > MAX_AMOUNT_CENTS)
    throw new Error(`EPC QR: amount ${p.amountCents} cents is outside 0.01..999999999.99`);
  return [
    'BCD',
    '002',
    '1', // UTF-8
    'SCT',
    '', // BIC: optional within the EEA in version 002
    p.payee.slice(0, MAX_PAYEE),
    p.iban.replace(/\s+/g, '').toUpperCase(),
    `EUR${formatAmount(p.amountCents, 'EUR')}`,
    '', // purpose
    p.rfReference.replace(/\s+/g, ''),
    '', // unstructured remittance: empty when a structured reference is given
  ].join('\n');
}
