import { addCreditor } from '../../src/app/ledger/add-creditor.ts';
import { makeContext, type TContext } from '../../src/app/shared/context.ts';
import { parseDate } from '../../src/core/shared/calendar-date.ts';
import type { TSql } from '../../src/db/database.ts';

export const CREDITOR_VAT = 'IT01114601006';
// Valid Italian VAT numbers (check digit verified) for test debtors.
export const DEBTOR_VAT = 'IT00488410010';
export const OTHER_DEBTOR_VAT = 'IT02438750586';

export function ctxOn(db: TSql, day = '2026-03-15'): TContext {
  return makeContext(db, 'test', new Date(`${day}T10:00:00Z`), parseDate(day));
}

export async function seedCreditor(db: TSql): Promise<number> {
  const c = await addCreditor(ctxOn(db), {
    name: 'Acme Forniture S.r.l.',
    vatNumber: CREDITOR_VAT,
    iban: 'IT60X0542811101000000123456',
  });
  return c.id;
}

export function invoice(overrides: Record<string, unknown> = {}) {
  return {
    number: 'FT-2026/001',
    type: 'invoice',
    issueDate: '2026-01-10',
    currency: 'EUR',
    total: '1220.00',
    paymentMethod: 'MP05',
    debtor: { name: 'Rossi Costruzioni S.p.A.', vatNumber: DEBTOR_VAT },
    creditor: { vatNumber: CREDITOR_VAT },
    instalments: [{ dueDate: '2026-02-28', amount: '1220.00' }],
    ...overrides,
  };
}
