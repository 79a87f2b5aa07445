import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  debtorReference,
  findRfReferences,
  formatRfReference,
  instalmentReference,
  isValidRfReference,
  makeRfReference,
  parseRiscossaReference,
} from './rf-reference.ts';

describe('ISO 11649 RF references', () => {
  it('computes the check digits of the standard example', () => {
    // The example of ISO 11649 and the EPC guidance: RF18 5390 0754 7034.
    expect(makeRfReference('539007547034')).toBe('RF18539007547034');
    expect(isValidRfReference('RF18 5390 0754 7034')).toBe(true);
    expect(isValidRfReference('RF19539007547034')).toBe(false);
    expect(isValidRfReference('RF18539007547035')).toBe(false);
  });

  it("encodes Riscossa's instalment and debtor references and decodes them back", () => {
    const ref = instalmentReference(1, 4527);
    expect(ref).toMatch(/^RF\d{2}C1I4527$/);
    expect(parseRiscossaReference(ref)).toEqual({ kind: 'instalment', creditorId: 1, instalmentId: 4527 });
    expect(parseRiscossaReference(formatRfReference(debtorReference(12, 9)))).toEqual({
      kind: 'debtor',
      creditorId: 12,
      debtorId: 9,
    });
    expect(parseRiscossaReference('RF18539007547034')).toBeNull();
  });

  it('round-trips any ids and catches any single changed digit', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 999_999_999 }),
        fc.integer({ min: 1, max: 9_999_999_999 }),
        (c, i) => {
          const ref = instalmentReference(c, i);
          expect(ref.length).toBeLessThanOrEqual(25);
          expect(parseRiscossaReference(ref)).toEqual({ kind: 'instalment', creditorId: c, instalmentId: i });
          // MOD 97-10 catches every single substituted digit (letters are two-digit values).
          const digits = [...ref].map((ch, k) => (k >= 2 && /\d/.test(ch) ? k : -1)).filter((k) => k >= 0);
          const pos = digits[(c + i) % digits.length]!;
          const changed = ref.slice(0, pos) + (ref[pos] === '7' ? '8' : '7') + ref.slice(pos + 1);
          expect(isValidRfReference(changed)).toBe(false);
        },
      ),
    );
  });

  it('finds references in free text, grouped or not', () => {
    const ref = instalmentReference(1, 4527);
    expect(findRfReferences(`Pagamento fattura rif. ${formatRfReference(ref)} grazie`)).toEqual([ref]);
    expect(findRfReferences(`SALDO ${ref.toLowerCase()}`)).toEqual([ref]);
    expect(findRfReferences('RF99 nothing here')).toEqual([]);
  });
});
