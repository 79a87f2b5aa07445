import {
  completeDebtor,
  findDebtorByIdentifiers,
  insertAddresses,
  insertDebtor,
  type TDebtorRow,
} from '../../db/queries/debtors.ts';
import { appendRegisterEntries } from '../register/append-register-entries.ts';
import type { TContext } from '../shared/context.ts';
import type { TDebtorInput } from './invoice-input.ts';
import { normalizeDebtor } from './normalize-debtor.ts';

/** Matches the debtor by VAT number or codice fiscale, creating it (and its register row) when new. */
export async function findOrCreateDebtor(
  ctx: TContext,
  creditorId: number,
  input: TDebtorInput,
  path: string,
): Promise<TDebtorRow> {
  const normalized = normalizeDebtor(input, path);
  const existing = await findDebtorByIdentifiers(
    ctx.db,
    creditorId,
    normalized.vatNumber,
    normalized.fiscalCode,
  );
  const debtor = existing
    ? await completeDebtor(ctx.db, existing, normalized)
    : await insertDebtor(ctx.db, creditorId, normalized);
  await insertAddresses(
    ctx.db,
    creditorId,
    debtor.id,
    input.addresses.map((a) => ({
      kind: a.kind,
      street: a.street,
      postalCode: a.postalCode ?? null,
      city: a.city,
      province: a.province ?? null,
      country: a.country.toUpperCase(),
    })),
  );
  for (const c of existing ? [] : input.contacts) {
    await ctx.db.query(
      'insert into debtor_contacts (creditor_id, debtor_id, name, role, email, phone) values ($1, $2, $3, $4, $5, $6)',
      [creditorId, debtor.id, c.name, c.role ?? null, c.email ?? null, c.phone ?? null],
    );
  }
  if (!existing) {
    await appendRegisterEntries(ctx, creditorId, [
      {
        action: 'debtor.created',
        subjectType: 'debtor',
        subjectId: debtor.id,
        debtorId: debtor.id,
        data: { name: debtor.name, vatNumber: debtor.vat_number, fiscalCode: debtor.fiscal_code },
      },
    ]);
  }
  return debtor;
}
