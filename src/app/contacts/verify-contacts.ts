import type { TPecDirectory } from '../../adapters/pec-directory/pec-directory.ts';
import { normalizeAddress, normalizePec } from '../../core/contacts/normalize-address.ts';
import { completeTask } from '../collection/complete-task.ts';
import { resolveCreditorIdOrNull } from '../collection/resolve-creditor.ts';
import { resolveDebtor } from '../ledger/resolve-debtor.ts';
import { appendRegisterEntries } from '../register/append-register-entries.ts';
import type { TContext } from '../shared/context.ts';

export type TContactVerification = {
  debtorId: number;
  date: string;
  pec: {
    status: 'confirmed' | 'added' | 'changed' | 'not-found' | 'not-applicable';
    before: string | null;
    after: string | null;
    source: string;
  };
  addresses: Array<{
    id: number;
    street: string;
    postalCode: string | null;
    city: string;
    province: string | null;
    country: string;
    issues: string[];
    changed: boolean;
  }>;
  /** The `verify-details` review task of the debtor's open case, approved by this verification. */
  approvedTaskId: number | null;
};

/**
 * Verifies a debtor's contact details before the first letter (seed 002): the PEC against the
 * public directory (a business has one; a consumer is `not-applicable`), each address normalised
 * (abbreviations, CAP, province). A PEC the directory gives replaces a missing or different one,
 * the old value kept in the verification row and the register. When the debtor's open case waits
 * on its `verify-details` review and nothing is left to fix, that review is approved.
 */
export async function verifyContacts(
  ctx: TContext,
  input: { debtor: string; creditor?: string | null },
  directory: TPecDirectory,
): Promise<TContactVerification> {
  const debtor = await resolveDebtor(
    ctx.db,
    input.debtor,
    await resolveCreditorIdOrNull(ctx.db, input.creditor),
  );
  const lookup =
    debtor.kind === 'business' && (debtor.vat_number || debtor.fiscal_code)
      ? await directory.lookup((debtor.vat_number ?? debtor.fiscal_code)!)
      : null;
  const before = normalizePec(debtor.pec);
  const found = lookup?.pec ?? null;
  const status: TContactVerification['pec']['status'] = !lookup
    ? 'not-applicable'
    : !found
      ? 'not-found'
      : !before
        ? 'added'
        : before === found
          ? 'confirmed'
          : 'changed';
  const after = found ?? before;
  return ctx.db.transaction(async (db) => {
    const tx: TContext = { ...ctx, db };
    if (after !== debtor.pec)
      await db.query('update debtors set pec = $3, updated_at = now() where creditor_id = $1 and id = $2', [
        debtor.creditor_id,
        debtor.id,
        after,
      ]);
    const rows = await db.query<{
      id: number;
      street: string;
      postal_code: string | null;
      city: string;
      province: string | null;
      country: string;
    }>(
      'select id, street, postal_code, city, province, country from debtor_addresses where creditor_id = $1 and debtor_id = $2 order by id',
      [debtor.creditor_id, debtor.id],
    );
    const addresses: TContactVerification['addresses'] = [];
    for (const r of rows) {
      const check = normalizeAddress({
        street: r.street,
        postalCode: r.postal_code,
        city: r.city,
        province: r.province,
        country: r.country,
      });
      if (check.changed)
        await db.query(
          'update debtor_addresses set street = $3, postal_code = $4, city = $5, province = $6, country = $7 where creditor_id = $1 and id = $2',
          [
            debtor.creditor_id,
            r.id,
            check.address.street,
            check.address.postalCode,
            check.address.city,
            check.address.province,
            check.address.country,
          ],
        );
      addresses.push({ id: r.id, ...check.address, issues: check.issues, changed: check.changed });
    }
    const issues = addresses.flatMap((a) => a.issues.map((issue) => ({ addressId: a.id, issue })));
    const source = lookup?.source ?? 'none';
    await db.query(
      `insert into contact_verifications (creditor_id, debtor_id, verified_on, pec_status, pec_before, pec_after, address_issues, addresses_normalised, source, verified_by)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        debtor.creditor_id,
        debtor.id,
        ctx.today,
        status,
        debtor.pec,
        after,
        JSON.stringify(issues),
        addresses.filter((a) => a.changed).length,
        source,
        ctx.actor,
      ],
    );
    await appendRegisterEntries(tx, debtor.creditor_id, [
      {
        action: 'contacts.verified',
        subjectType: 'debtor',
        subjectId: debtor.id,
        debtorId: debtor.id,
        data: { pecStatus: status, pecBefore: debtor.pec, pecAfter: after, source, addressIssues: issues },
      },
    ]);
    let approvedTaskId: number | null = null;
    const isReachable = Boolean(after) || (addresses.length > 0 && issues.length === 0);
    if (isReachable) {
      const [task] = await db.query<{ id: number }>(
        `select k.id from collection_tasks k join collection_cases c on c.creditor_id = k.creditor_id and c.id = k.case_id
         where k.creditor_id = $1 and c.debtor_id = $2 and c.status = 'open' and k.status = 'open'
           and k.kind = 'review' and k.step_key = 'verify-details' order by k.id limit 1`,
        [debtor.creditor_id, debtor.id],
      );
      if (task) {
        await completeTask(tx, {
          taskId: task.id,
          outcome: 'approved',
          note: `contact details verified (PEC ${status})`,
        });
        approvedTaskId = task.id;
      }
    }
    return {
      debtorId: debtor.id,
      date: ctx.today,
      pec: { status, before: debtor.pec, after, source },
      addresses,
      approvedTaskId,
    };
  });
}
