import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateCreditor } from '../../src/app/ledger/update-creditor.ts';
import { verifyRegister } from '../../src/app/register/verify-register.ts';
import { findCreditorLogo } from '../../src/db/queries/creditors.ts';
import { CREDITOR_VAT, ctxOn, seedCreditor } from '../support/fixtures.ts';
import { GIF_IMAGE, PNG_LOGO } from '../support/logo-images.ts';
import { createTestDatabase, type TTestDatabase } from '../support/test-database.ts';

let t: TTestDatabase;
let creditorId: number;

beforeAll(async () => {
  t = await createTestDatabase();
  creditorId = await seedCreditor(t.db);
});
afterAll(() => t.drop());

async function snapshot() {
  const [row] = await t.db.query<Record<string, unknown>>(
    `select name, iban, pec, email, phone, address, logo_media_type, octet_length(logo) as logo_bytes,
            (select count(*) from register_entries where action = 'creditor.updated')::int as updates
     from creditors where id = $1`,
    [creditorId],
  );
  return row!;
}

const CHANGE = {
  creditor: CREDITOR_VAT,
  name: 'Acme Forniture S.p.A.',
  street: 'Via Roma 1',
  postalCode: '20121',
  city: 'Milano',
  province: 'mi',
  pec: 'Acme@PEC.example.it',
  email: 'crediti@acme.example.it',
  phone: '+39 02 1234567',
  iban: 'it61 x030 6909 6061 0000 0012 345',
  logo: PNG_LOGO,
};

describe('updateCreditor', () => {
  it('stores every value, the logo and one register row without the logo bytes', async () => {
    const result = await updateCreditor(ctxOn(t.db), CHANGE);
    expect(result.changed).toEqual([
      'name',
      'iban',
      'pec',
      'email',
      'phone',
      'street',
      'postalCode',
      'city',
      'province',
      'logo',
    ]);
    expect(result).toMatchObject({
      vatNumber: CREDITOR_VAT,
      hasLogo: true,
      iban: 'IT61X0306909606100000012345',
    });
    expect(await snapshot()).toEqual({
      name: 'Acme Forniture S.p.A.',
      iban: 'IT61X0306909606100000012345',
      pec: 'acme@pec.example.it',
      email: 'crediti@acme.example.it',
      phone: '+39 02 1234567',
      address: { street: 'Via Roma 1', postalCode: '20121', city: 'Milano', province: 'MI' },
      logo_media_type: 'image/png',
      logo_bytes: PNG_LOGO.length,
      updates: 1,
    });
    expect((await findCreditorLogo(t.db, creditorId))!.bytes.equals(PNG_LOGO)).toBe(true);
    const [entry] = await t.db.query<{ data: { changed: Record<string, unknown> } }>(
      `select data from register_entries where action = 'creditor.updated'`,
    );
    expect(entry!.data.changed.logo).toEqual({
      mediaType: 'image/png',
      bytes: PNG_LOGO.length,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect((await verifyRegister(t.db, creditorId)).isValid).toBe(true);
  });

  it('a repeat changes nothing more and writes no register row', async () => {
    const before = await snapshot();
    const result = await updateCreditor(ctxOn(t.db), CHANGE);
    expect(result.changed).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a bad IBAN, a GIF logo, a bad postal code, naming the field; nothing is written', async () => {
    const before = await snapshot();
    await expect(
      updateCreditor(ctxOn(t.db), { creditor: CREDITOR_VAT, city: 'Roma', iban: 'IT00X123' }),
    ).rejects.toThrow('iban: "IT00X123" is not a valid IBAN');
    await expect(
      updateCreditor(ctxOn(t.db), { creditor: CREDITOR_VAT, city: 'Roma', logo: GIF_IMAGE }),
    ).rejects.toThrow(/^logo: .*GIF89.* is not a PNG or JPEG image/);
    await expect(updateCreditor(ctxOn(t.db), { creditor: CREDITOR_VAT, postalCode: '2012' })).rejects.toThrow(
      'postalCode: "2012" is not an Italian postal code',
    );
    await expect(
      updateCreditor(ctxOn(t.db), {
        creditor: CREDITOR_VAT,
        logo: Buffer.concat([PNG_LOGO, Buffer.alloc(600_000)]),
      }),
    ).rejects.toThrow(/^logo: .* is larger than 524288 bytes/);
    expect(await snapshot()).toEqual(before);
  });

  it('clears a field with "" and removes the logo with null', async () => {
    const result = await updateCreditor(ctxOn(t.db), {
      creditor: CREDITOR_VAT,
      phone: '',
      province: '',
      logo: null,
    });
    expect(result.changed).toEqual(['phone', 'province', 'logo']);
    const after = await snapshot();
    expect(after).toMatchObject({
      phone: null,
      address: { street: 'Via Roma 1', postalCode: '20121', city: 'Milano' },
      logo_media_type: null,
      logo_bytes: null,
      updates: 2,
    });
  });
});
