import { parseVatNumber } from '../../core/ledger/tax-identifiers.ts';
import { AppError } from '../../core/shared/errors.ts';
import { findCreditorByVat } from '../../db/queries/creditors.ts';
import { setCreditorSetting } from '../../db/queries/interest.ts';
import { appendRegisterEntries } from '../register/append-register-entries.ts';
import type { TContext } from '../shared/context.ts';
import { FLAT_INDEMNITY_SETTING } from './invoice-accounts.ts';

/**
 * Switches the EUR 40 flat indemnity (art. 6 D.Lgs. 231/2002) on or off for a creditor: some
 * creditors waive it to keep the customer. On by default. The register records who and when.
 */
export async function setFlatIndemnity(
  ctx: TContext,
  input: { creditor: string; isEnabled: boolean },
): Promise<{ creditor: string; isEnabled: boolean }> {
  const vat = parseVatNumber(input.creditor, 'creditor').full;
  return ctx.db.transaction(async (db) => {
    const creditor = await findCreditorByVat(db, vat);
    if (!creditor) {
      throw new AppError('NOT_FOUND', `creditor: "${input.creditor}" is not a creditor`, {
        field: 'creditor',
        value: input.creditor,
      });
    }
    await setCreditorSetting(db, creditor.id, FLAT_INDEMNITY_SETTING, input.isEnabled);
    await appendRegisterEntries({ ...ctx, db }, creditor.id, [
      {
        action: 'creditor.flat-indemnity-set',
        subjectType: 'creditor',
        subjectId: creditor.id,
        data: { isEnabled: input.isEnabled },
      },
    ]);
    return { creditor: creditor.vat_number, isEnabled: input.isEnabled };
  });
}
