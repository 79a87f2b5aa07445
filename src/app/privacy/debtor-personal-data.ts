import { AppError } from '../../core/shared/errors.ts';
import type { TSql } from '../../db/database.ts';
import { findDebtorRowById } from '../../db/queries/risk.ts';
import { debtorRegisterSeqs, eraseRegisterPayloads } from '../register/erase-register-payloads.ts';
import { recordSecurityEvent } from '../security/security-events.ts';
import type { TContext } from '../shared/context.ts';

/** Tables holding rows about a debtor, found from the schema so that new tables are included. */
async function relatedTables(
  db: TSql,
): Promise<Array<{ table: string; via: 'debtor_id' | 'case_id' | 'invoice_id' }>> {
  const rows = await db.query<{ table_name: string; column_name: string }>(
    `select c.table_name, c.column_name from information_schema.columns c
     join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
     where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
       and c.column_name in ('debtor_id', 'case_id', 'invoice_id')
       and exists (select 1 from information_schema.columns k where k.table_schema = c.table_schema
                   and k.table_name = c.table_name and k.column_name = 'creditor_id')
     order by c.table_name, c.column_name`,
  );
  const byTable = new Map<string, 'debtor_id' | 'case_id' | 'invoice_id'>();
  for (const row of rows) {
    const current = byTable.get(row.table_name);
    // debtor_id is the most direct link; then case_id; then invoice_id.
    const rank = { debtor_id: 0, case_id: 1, invoice_id: 2 } as const;
    const column = row.column_name as keyof typeof rank;
    if (!current || rank[column] < rank[current]) byTable.set(row.table_name, column);
  }
  return [...byTable].map(([table, via]) => ({ table, via }));
}

async function requireDebtor(ctx: TContext, creditorId: number | null, debtorId: number) {
  const debtor = await findDebtorRowById(ctx.db, debtorId, creditorId);
  if (!debtor || (ctx.principal?.creditorIds && !ctx.principal.creditorIds.includes(debtor.creditor_id)))
    throw new AppError('NOT_FOUND', `debtor: ${debtorId} is not a known debtor`, {
      field: 'debtor',
      value: debtorId,
    });
  return debtor;
}

/**
 * A debtor's access request (GDPR art. 15): every row about them, table by table, as JSON. The
 * export itself is a security event in the creditor's register.
 */
export async function exportDebtorPersonalData(
  ctx: TContext,
  creditorId: number | null,
  debtorId: number,
): Promise<{
  exportedAt: string;
  creditorId: number;
  debtor: Record<string, unknown>;
  tables: Record<string, unknown[]>;
}> {
  const debtor = await requireDebtor(ctx, creditorId, debtorId);
  const tables: Record<string, unknown[]> = {};
  for (const { table, via } of await relatedTables(ctx.db)) {
    const filter =
      via === 'debtor_id'
        ? 'x.debtor_id = $2'
        : via === 'case_id'
          ? 'x.case_id in (select id from collection_cases where creditor_id = $1 and debtor_id = $2)'
          : 'x.invoice_id in (select id from invoices where creditor_id = $1 and debtor_id = $2)';
    const rows = await ctx.db.query(`select * from "${table}" x where x.creditor_id = $1 and ${filter}`, [
      debtor.creditor_id,
      debtor.id,
    ]);
    if (rows.length > 0) tables[table] = rows;
  }
  await recordSecurityEvent(ctx, 'personal-data.exported', {
    subjectType: 'debtor',
    subjectId: debtor.id,
    debtorId: debtor.id,
    creditorIds: [debtor.creditor_id],
    data: { tables: Object.keys(tables) },
  });
  return { exportedAt: ctx.now.toISOString(), creditorId: debtor.creditor_id, debtor, tables };
}

/** Accounting records are kept ten years (art. 2220 c.c.): no erasure before that. */
export const RETENTION_YEARS = 10;

function yearsAfter(date: string, years: number): string {
  const until = `${Number(date.slice(0, 4)) + years}${date.slice(4)}`;
  return until.endsWith('-02-29') ? `${until.slice(0, 8)}28` : until;
}

/**
 * Erasure where no legal retention applies (GDPR art. 17): when the debtor's last invoice and
 * payment are older than the retention, their identifying fields are replaced, addresses and
 * contacts removed and payer names cleared; the amounts stay (they are the creditor's books).
 * The register keeps its entries (what was done, when, by whom) but their personal payload (reason
 * and data: notes, addresses, phones, PEC) is erased; its hash chain still verifies (format 2).
 */
export async function anonymiseDebtor(
  ctx: TContext,
  creditorId: number | null,
  debtorId: number,
): Promise<{ creditorId: number; debtorId: number; anonymisedAt: string; registerEntriesErased: number }> {
  const debtor = await requireDebtor(ctx, creditorId, debtorId);
  const [last] = await ctx.db.query<{ last: string | null }>(
    `select greatest(
       (select max(issue_date) from invoices where creditor_id = $1 and debtor_id = $2),
       (select max(value_date) from payments where creditor_id = $1 and debtor_id = $2))::text as last`,
    [debtor.creditor_id, debtor.id],
  );
  if (last?.last) {
    const until = yearsAfter(last.last, RETENTION_YEARS);
    if (until > ctx.today)
      throw new AppError(
        'CONFLICT',
        `debtor: ${debtor.id} has accounting records to keep until ${until} (ten years, art. 2220 c.c.)`,
        { field: 'debtor', value: debtor.id, retainedUntil: until },
      );
  }
  const registerEntriesErased = await ctx.db.transaction(async (tx) => {
    const p = [debtor.creditor_id, debtor.id];
    await tx.query('delete from debtor_addresses where creditor_id = $1 and debtor_id = $2', p);
    await tx.query('delete from debtor_contacts where creditor_id = $1 and debtor_id = $2', p);
    await tx.query(
      `update debtors set name = 'anonimizzato ' || id, vat_number = null, fiscal_code = 'ANON' || id, pec = null,
         emails = '{}', phones = '{}', notes = null, customer_group = null, updated_at = $3
       where creditor_id = $1 and id = $2`,
      [...p, ctx.now],
    );
    await tx.query(
      'update payments set payer_name = null, payer_iban = null where creditor_id = $1 and debtor_id = $2',
      p,
    );
    const erased = await eraseRegisterPayloads(
      tx,
      debtor.creditor_id,
      await debtorRegisterSeqs(tx, debtor.creditor_id, debtor.id),
      ctx.now,
    );
    // Recorded after the erasure: this entry holds ids and counts only, and stays whole.
    await recordSecurityEvent({ ...ctx, db: tx }, 'debtor.anonymised', {
      subjectType: 'debtor',
      subjectId: debtor.id,
      debtorId: debtor.id,
      creditorIds: [debtor.creditor_id],
      data: { registerEntriesErased: erased },
    });
    return erased;
  });
  return {
    creditorId: debtor.creditor_id,
    debtorId: debtor.id,
    anonymisedAt: ctx.now.toISOString(),
    registerEntriesErased,
  };
}
