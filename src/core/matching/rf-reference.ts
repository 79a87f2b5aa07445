/**
 * ISO 11649 structured creditor references ("RF" + 2 check digits + up to 21 letters/digits),
 * the reference a SEPA credit transfer carries end to end in its structured remittance field.
 *
 * Riscossa's references (docs/imports.md, "RF references"): the body is
 *   C<creditor id>I<instalment id>   for one instalment (letters and reminders print it), or
 *   C<creditor id>D<debtor id>       for a debtor's account (a statement of account),
 * with decimal ids, e.g. RF47C1I4527. Letters are separators, so the body decodes without a
 * table lookup, and the creditor id keeps tenants apart: a reference of another creditor is never
 * applied to this one's statement.
 */
export type TRiscossaReference =
  | { kind: 'instalment'; creditorId: number; instalmentId: number }
  | { kind: 'debtor'; creditorId: number; debtorId: number };

const MAX_BODY = 21;

/** Letters count as 10..35, digits as themselves (ISO 7064 MOD 97-10 on the rearranged text). */
function mod97(text: string): number {
  let rest = 0;
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    const value = code >= 65 ? String(code - 55) : ch;
    for (const digit of value) rest = (rest * 10 + Number(digit)) % 97;
  }
  return rest;
}

export function normalizeReference(text: string): string {
  return text.replace(/\s+/g, '').toUpperCase();
}

/** RF + check digits for a body of 1 to 21 letters and digits. */
export function makeRfReference(body: string): string {
  const b = normalizeReference(body);
  if (!/^[A-Z0-9]{1,21}$/.test(b))
    throw new Error(`an RF reference body is 1 to ${MAX_BODY} letters or digits: ${body}`);
  const check = 98 - mod97(`${b}RF00`);
  return `RF${String(check).padStart(2, '0')}${b}`;
}

export function isValidRfReference(text: string): boolean {
  const ref = normalizeReference(text);
  if (!/^RF\d{2}[A-Z0-9]{1,21}$/.test(ref)) return false;
  return mod97(`${ref.slice(4)}${ref.slice(0, 4)}`) === 1;
}

/** Groups of four, as printed for people: "RF47 C1I4 527". */
export function formatRfReference(ref: string): string {
  return normalizeReference(ref).replace(/(.{4})(?=.)/g, '$1 ');
}

export function instalmentReference(creditorId: number, instalmentId: number): string {
  return makeRfReference(`C${creditorId}I${instalmentId}`);
}

export function debtorReference(creditorId: number, debtorId: number): string {
  return makeRfReference(`C${creditorId}D${debtorId}`);
}

/** Decodes a valid RF reference issued by Riscossa; null for anything else. */
export function parseRiscossaReference(text: string): TRiscossaReference | null {
  if (!isValidRfReference(text)) return null;
  const match = /^C(\d{1,9})([ID])(\d{1,15})$/.exec(normalizeReference(text).slice(4));
  if (!match) return null;
  const creditorId = Number(match[1]);
  const id = Number(match[3]);
  return match[2] === 'I'
    ? { kind: 'instalment', creditorId, instalmentId: id }
    : { kind: 'debtor', creditorId, debtorId: id };
}

const RF_IN_TEXT = /RF\d{2}(?:\s?[A-Z0-9]){1,21}/gi;

/** RF references written in free remittance text (possibly grouped by spaces), valid ones only. */
export function findRfReferences(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(RF_IN_TEXT)) {
    // The greedy match may run into the next word: take the longest prefix whose check holds.
    const compact = normalizeReference(m[0]);
    for (let end = compact.length; end >= 5; end--) {
      if (isValidRfReference(compact.slice(0, end))) {
        found.push(compact.slice(0, end));
        break;
      }
    }
  }
  return found;
}
