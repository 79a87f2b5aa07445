/**
 * The text of a SEPA credit transfer QR code (EPC069-12, version 002, UTF-8): banking apps read
 * the beneficiary, IBAN, amount and the structured RF reference from it, so the debtor types
 * nothing. Amount in cents; at most 999,999,999.99 euro.
 */
export function epcQrText(p: { name: string; iban: string; amountCents: number; reference: string }): string {
  const cents = Math.max(1, Math.min(p.amountCents, 99_999_999_999));
  const amount = `EUR${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
  return [
    'BCD',
    '002',
    '1',
    'SCT',
    '',
    p.name.slice(0, 70),
    p.iban.replace(/\s+/g, '').toUpperCase(),
    amount,
    '',
    p.reference.replace(/\s+/g, ''),
    '',
  ].join('\n');
}
