import { AppError } from '../core/shared/errors.ts';
import type { TSql } from '../db/database.ts';

/**
 * Integrity of a bulk load, checked either row by row (the schema's foreign-key and
 * allocation-bound triggers fire for every row, as in normal use) or once per set: the load runs
 * with `session_replication_role = replica` (the triggers do not fire for this transaction only;
 * the schema is untouched and primary keys, unique and check constraints still apply), then ONE
 * query per foreign key and per bound checks every loaded row, and any violation rolls the whole
 * load back. Same guarantees, and on PGlite the per-row triggers are most of the load time
 * (see BENCHMARKS.md).
 *
 * The set-based mode is used only when it is complete: every user trigger on the loaded tables
 * must have a set-based equivalent below, and the role must be allowed to change the setting.
 */
export type TIntegrityMode = 'per-row' | 'set-based';

/**
 * User triggers whose work is repeated set-wise by `verifyLoadedTenant` (keep in step with the
 * schema): the allocation bounds are checked; the worklist keys of the tenant's open tasks are
 * recomputed (a bulk load creates no task, but allocations may touch the cases of existing ones).
 */
const SET_BASED_EQUIVALENTS = new Set([
  'allocations.allocations_bounds',
  'allocations.task_priorities_on_allocation',
  'allocations.task_priorities_on_allocation_delete',
]);

export async function chooseIntegrityMode(
  sql: TSql,
  tables: readonly string[],
  preferSetBased: boolean,
): Promise<{ mode: TIntegrityMode; reason: string }> {
  if (!preferSetBased) return { mode: 'per-row', reason: 'asked for per-row checks' };
  const [role] = await sql.query<{ isSuperuser: boolean }>(
    `select current_setting('is_superuser') = 'on' as "isSuperuser"`,
  );
  if (!role!.isSuperuser) return { mode: 'per-row', reason: 'the role may not set session_replication_role' };
  const triggers = await sql.query<{ name: string }>(
    `select c.relname || '.' || t.tgname as name from pg_trigger t join pg_class c on c.oid = t.tgrelid
     where not t.tgisinternal and c.relname = any($1::text[]) and c.relnamespace = 'public'::regnamespace`,
    [tables],
  );
  const unknown = triggers.map((t) => t.name).filter((n) => !SET_BASED_EQUIVALENTS.has(n));
  if (unknown.length > 0) return { mode: 'per-row', reason: `no set-based check for ${unknown.join(', ')}` };
  return { mode: 'set-based', reason: 'foreign keys and allocation bounds verified once per set' };
}

type TForeignKey = {
  name: string;
  child: string;
  parent: string;
  childColumns: string;
  parentColumns: string;
};

/** Checks every foreign key of `tables` and the allocation bounds for one tenant's rows. */
export async function verifyLoadedTenant(sql: TSql, creditorId: number, tables: readonly string[]) {
  // Read from the catalogue, so a foreign key added to the schema later is checked too.
  const keys = await sql.query<TForeignKey>(
    `select c.conname as name, c.conrelid::regclass::text as child, c.confrelid::regclass::text as parent,
       (select string_agg(quote_ident(a.attname), ',' order by k.o) from unnest(c.conkey) with ordinality k(n, o)
          join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n) as "childColumns",
       (select string_agg(quote_ident(a.attname), ',' order by k.o) from unnest(c.confkey) with ordinality k(n, o)
          join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.n) as "parentColumns"
     from pg_constraint c where c.contype = 'f' and c.conrelid::regclass::text = any($1::text[]) order by 1`,
    [tables],
  );
  // Every check reads whole tenants, which the planner cannot know before the tables are analysed:
  // hash joins over sequential scans, in memory, instead of the index plans it picks for "few rows".
  await sql.query(`select set_config('work_mem', '64MB', true), set_config('enable_bitmapscan', 'off', true),
    set_config('enable_indexscan', 'off', true), set_config('enable_indexonlyscan', 'off', true)`);
  const violations: string[] = [];
  for (const key of keys) {
    const child = key.childColumns.split(',');
    const parent = key.parentColumns.split(',');
    // MATCH SIMPLE: a row with a null in the key references nothing.
    const [row] = await sql.query<{ n: number }>(
      `select count(*)::int8 as n from ${key.child} x
       where x.creditor_id = $1 and ${child.map((c) => `x.${c} is not null`).join(' and ')}
         and not exists (select 1 from ${key.parent} p where ${child.map((c, i) => `p.${parent[i]} = x.${c}`).join(' and ')})`,
      [creditorId],
    );
    if (row!.n > 0) violations.push(`${row!.n} rows break ${key.name}`);
  }
  const [bounds] = await sql.query<{ instalments: number; payments: number; creditNotes: number }>(
    `with settled as (select instalment_id as id, sum(amount_cents) as s from allocations where creditor_id = $1 group by 1),
          spent as (select payment_id as id, sum(amount_cents) as s from allocations where creditor_id = $1 and payment_id is not null group by 1),
          credited as (select credit_note_id as id, sum(amount_cents) as s from allocations where creditor_id = $1 and credit_note_id is not null group by 1)
     select (select count(*) from settled join instalments i on i.creditor_id = $1 and i.id = settled.id where settled.s > i.amount_cents)::int8 as instalments,
            (select count(*) from spent join payments p on p.creditor_id = $1 and p.id = spent.id where spent.s > p.amount_cents)::int8 as payments,
            (select count(*) from credited join invoices n on n.creditor_id = $1 and n.id = credited.id where credited.s > n.total_cents)::int8 as "creditNotes"`,
    [creditorId],
  );
  await sql.exec(
    'reset work_mem; reset enable_bitmapscan; reset enable_indexscan; reset enable_indexonlyscan',
  );
  await sql.query(
    `select refresh_task_priorities(array_agg(creditor_id), array_agg(case_id))
     from collection_tasks where creditor_id = $1 and status = 'open'`,
    [creditorId],
  );
  if (bounds!.instalments > 0)
    violations.push(`${bounds!.instalments} instalments settled beyond their amount`);
  if (bounds!.payments > 0) violations.push(`${bounds!.payments} payments spent beyond their amount`);
  if (bounds!.creditNotes > 0)
    violations.push(`${bounds!.creditNotes} credit notes spent beyond their amount`);
  if (violations.length > 0) {
    throw new AppError('INTERNAL', `the bulk load breaks integrity: ${violations.join('; ')}`, {
      violations,
    });
  }
  return { foreignKeys: keys.length };
}
