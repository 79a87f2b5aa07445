import { createHash } from 'node:crypto';
import { z } from 'zod';
import { logoMediaType } from '../../core/ledger/logo-image.ts';
import { parseIban, parseVatNumber } from '../../core/ledger/tax-identifiers.ts';
import { AppError, invalid } from '../../core/shared/errors.ts';
import {
  findCreditorByVat,
  findCreditorLogo,
  setCreditorLogo,
  type TCreditorChanges,
  updateCreditorRow,
} from '../../db/queries/creditors.ts';
import { appendRegisterEntries } from '../register/append-register-entries.ts';
import type { TContext } from '../shared/context.ts';
import { parseInput } from '../shared/parse-input.ts';
import { type TCreditorView, toCreditorView } from './creditor-view.ts';

/**
 * A field left out stays as it is; null or "" clears it (never the name). The logo is the image
 * bytes, or a base64 string (the API), or null to remove it. The VAT number is the creditor's
 * identity and cannot change.
 */
export const ZUpdateCreditor = z.object({
  creditor: z.string().min(1),
  name: z.string().optional(),
  street: z.string().nullish(),
  postalCode: z.string().nullish(),
  city: z.string().nullish(),
  province: z.string().nullish(),
  country: z.string().nullish(),
  pec: z.string().nullish(),
  email: z.string().nullish(),
  phone: z.string().nullish(),
  iban: z.string().nullish(),
  logo: z.union([z.custom<Uint8Array>((v) => v instanceof Uint8Array), z.string(), z.null()]).optional(),
});

export type TUpdateCreditor = z.input<typeof ZUpdateCreditor>;
export type TUpdateCreditorResult = TCreditorView & { changed: string[] };

const SIMPLE_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const ADDRESS_KEYS = ['street', 'postalCode', 'city', 'province', 'country'] as const;

/** undefined: unchanged; null: cleared; else the trimmed text ("" clears too). */
function text(value: string | null | undefined): string | null | undefined {
  if (value === undefined) return undefined;
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

function checkedEmail(field: string, value: string | null | undefined): string | null | undefined {
  const v = text(value);
  if (v && !SIMPLE_EMAIL.test(v)) throw invalid(field, value, 'is not an e-mail address');
  return v ? v.toLowerCase() : v;
}

function checkedPhone(value: string | null | undefined): string | null | undefined {
  const v = text(value);
  if (v && !/^\+?[\d\s./()-]{6,25}$/.test(v)) throw invalid('phone', value, 'is not a phone number');
  return v;
}

/** The postal address as letters print it (see addressOf in build-communication.ts). */
function checkedAddress(
  current: Record<string, unknown>,
  patch: Partial<Record<(typeof ADDRESS_KEYS)[number], string | null | undefined>>,
): Record<string, string> {
  const next: Record<string, string> = {};
  for (const key of ADDRESS_KEYS) {
    const given = text(patch[key]);
    const value = given === undefined ? current[key] : given;
    if (typeof value === 'string' && value !== '') next[key] = value;
  }
  if (next.country !== undefined) {
    if (!/^[A-Za-z]{2}$/.test(next.country))
      throw invalid('country', next.country, 'is not a two-letter country code');
    next.country = next.country.toUpperCase();
  }
  const isItalian = (next.country ?? 'IT') === 'IT';
  if (isItalian && next.postalCode !== undefined && !/^\d{5}$/.test(next.postalCode))
    throw invalid('postalCode', next.postalCode, 'is not an Italian postal code (CAP, five digits)');
  if (next.province !== undefined) {
    if (isItalian && !/^[A-Za-z]{2}$/.test(next.province))
      throw invalid('province', next.province, 'is not an Italian province code (two letters)');
    if (isItalian) next.province = next.province.toUpperCase();
  }
  return next;
}

function decodeLogo(logo: Uint8Array | string): Uint8Array {
  if (logo instanceof Uint8Array) return logo;
  const compact = logo.replace(/^data:[^,]*,/, '').replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 !== 0)
    throw invalid('logo', `${logo.slice(0, 20)}...`, 'is not base64');
  return Buffer.from(compact, 'base64');
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Changes a creditor's own data: name, postal address, PEC, e-mail, phone, IBAN and logo. Every
 * value is checked before anything is written; the change and a register row (the values, and of
 * the logo only its type, size and hash) commit together. Giving the current values changes
 * nothing and writes nothing.
 */
export async function updateCreditor(ctx: TContext, raw: TUpdateCreditor): Promise<TUpdateCreditorResult> {
  const input = parseInput(ZUpdateCreditor, raw);
  const vat = parseVatNumber(input.creditor, 'creditor');
  if (input.name !== undefined && input.name.trim() === '')
    throw invalid('name', input.name, 'cannot be empty');
  const ibanText = text(input.iban);
  const iban = ibanText ? parseIban(ibanText) : ibanText;
  const pec = checkedEmail('pec', input.pec);
  const email = checkedEmail('email', input.email);
  const phone = checkedPhone(input.phone);
  const logoBytes = input.logo === undefined || input.logo === null ? input.logo : decodeLogo(input.logo);
  const logo = logoBytes ? { bytes: Buffer.from(logoBytes), mediaType: logoMediaType(logoBytes) } : logoBytes;

  return ctx.db.transaction(async (db) => {
    const row = await findCreditorByVat(db, vat.full);
    if (
      !row ||
      (ctx.principal && ctx.principal.creditorIds !== null && !ctx.principal.creditorIds.includes(row.id))
    )
      throw new AppError('NOT_FOUND', `creditor: "${input.creditor}" is not a creditor`, {
        field: 'creditor',
        value: input.creditor,
      });
    const next: TCreditorChanges = {
      name: input.name?.trim() ?? row.name,
      iban: iban === undefined ? row.iban : iban,
      pec: pec === undefined ? row.pec : pec,
      email: email === undefined ? row.email : email,
      phone: phone === undefined ? row.phone : phone,
      address: checkedAddress(row.address, input),
    };
    const changed: Record<string, unknown> = {};
    for (const key of ['name', 'iban', 'pec', 'email', 'phone'] as const)
      if (next[key] !== row[key]) changed[key] = next[key];
    for (const key of ADDRESS_KEYS)
      if ((next.address[key] ?? null) !== ((row.address[key] as string | undefined) ?? null))
        changed[key] = next.address[key] ?? null;
    if (Object.keys(changed).length > 0) await updateCreditorRow(db, row.id, next);

    if (logo !== undefined) {
      const current = await findCreditorLogo(db, row.id);
      const isSame =
        logo === null
          ? current === null
          : current !== null && Buffer.compare(current.bytes, logo.bytes) === 0;
      if (!isSame) {
        await setCreditorLogo(db, row.id, logo);
        changed.logo = logo
          ? { mediaType: logo.mediaType, bytes: logo.bytes.length, sha256: sha256(logo.bytes) }
          : null;
      }
    }
    if (Object.keys(changed).length > 0) {
      await appendRegisterEntries({ ...ctx, db }, row.id, [
        { action: 'creditor.updated', subjectType: 'creditor', subjectId: row.id, data: { changed } },
      ]);
    }
    const after = (await findCreditorByVat(db, vat.full))!;
    return { ...toCreditorView(after), changed: Object.keys(changed) };
  });
}
