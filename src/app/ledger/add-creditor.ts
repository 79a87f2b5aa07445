import { z } from 'zod';
import { parseFiscalCode, parseIban, parseVatNumber } from '../../core/ledger/tax-identifiers.ts';
import { AppError } from '../../core/shared/errors.ts';
import { findCreditorByVat, insertCreditor } from '../../db/queries/creditors.ts';
import { appendRegisterEntries } from '../register/append-register-entries.ts';
import type { TContext } from '../shared/context.ts';
import { parseInput } from '../shared/parse-input.ts';
import { type TCreditorView, toCreditorView } from './creditor-view.ts';

export const ZAddCreditor = z.object({
  name: z.string().trim().min(1),
  vatNumber: z.string().min(1),
  fiscalCode: z.string().nullish(),
  iban: z.string().nullish(),
  pec: z.string().nullish(),
  email: z.string().nullish(),
  phone: z.string().nullish(),
});

export type TAddCreditor = z.input<typeof ZAddCreditor>;

export async function addCreditor(ctx: TContext, raw: TAddCreditor): Promise<TCreditorView> {
  const input = parseInput(ZAddCreditor, raw);
  const vat = parseVatNumber(input.vatNumber);
  const fiscalCode = input.fiscalCode ? parseFiscalCode(input.fiscalCode) : null;
  const iban = input.iban ? parseIban(input.iban) : null;
  return ctx.db.transaction(async (db) => {
    if (await findCreditorByVat(db, vat.full)) {
      throw new AppError('DUPLICATE', `vatNumber: "${input.vatNumber}" is already a creditor`, {
        field: 'vatNumber',
        value: input.vatNumber,
      });
    }
    const row = await insertCreditor(db, {
      name: input.name,
      country: vat.country,
      vatNumber: vat.full,
      fiscalCode,
      iban,
      pec: input.pec ?? null,
      email: input.email ?? null,
      phone: input.phone ?? null,
    });
    await appendRegisterEntries({ ...ctx, db }, row.id, [
      {
        action: 'creditor.created',
        subjectType: 'creditor',
        subjectId: row.id,
        data: { name: row.name, vatNumber: row.vat_number },
      },
    ]);
    return toCreditorView(row);
  });
}
