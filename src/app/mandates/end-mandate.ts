import { z } from 'zod';
import { parseDate } from '../../core/shared/calendar-date.ts';
import { AppError } from '../../core/shared/errors.ts';
import { appendRegisterEntries } from '../register/append-register-entries.ts';
import { eraseRegisterPayloads } from '../register/erase-register-payloads.ts';
import type { TContext } from '../shared/context.ts';
import { parseInput } from '../shared/parse-input.ts';
import { resolveMandate } from './resolve-agency.ts';

export const ZEndMandate = z.object({
  agency: z.string().nullish(),
  mandate: z.string(),
  date: z.string().nullish(),
});

export type TMandateEnd = {
  mandate: string;
  endedOn: string;
  returnedCases: number[];
  anonymised: {
    progressNotes: number;
    taskNotes: number;
    tracingResults: number;
    phonesRemoved: number;
    pecHistory: number;
    registerEntries: number;
  };
  kept: string[];
};

/** What stays after the end of a mandate, and why (shown to the operator and in docs/agency.md). */
export const KEPT_AFTER_MANDATE = [
  "the client's ledger (invoices, payments, allocations): the client's accounting records, kept 10 years (art. 2220 c.c.)",
  "the activity register: append-only and hash-chained, the proof of what was done (seed 001) and of lawful conduct; the personal payload of the agency's tracing, contact verification and task-note entries is erased, the chain still verifies",
  'the mandate, the cases taken, collections, commissions, fees and remittances: the trust accounting and the register of operations of a licensed agency (art. 115 TULPS, art. 120 R.D. 635/1940)',
  'legal stages and closing outcomes with amounts: court and tax evidence',
  "the debtor's identity, tax code or VAT number, amount and contacts in the client's own records: the client still holds the credit",
];

/**
 * Ends a mandate on its last day or later (one without an end date ends on the day given): the cases still open go back to the client (the
 * escalation does not resume by itself: they stay handed over to be decided), and the personal
 * data the agency gathered for its work and no longer needs (Garante 2005: only the data needed,
 * deleted at mandate end) is anonymised: free-text notes on progress and on the agency's tasks,
 * the findings of tracing (addresses and phones found, with the phones removed from the debtor),
 * the PEC history of verifications, and the same data where the activity register repeats them
 * (the payload of tracing results, contact verifications and task notes: see
 * erase-register-payloads.ts; the chain still verifies). Once per mandate; recorded in the client's register.
 */
export async function endMandate(ctx: TContext, raw: z.input<typeof ZEndMandate>): Promise<TMandateEnd> {
  const input = parseInput(ZEndMandate, raw);
  const { agency, mandate } = await resolveMandate(ctx.db, input.agency, input.mandate);
  const on = input.date ? parseDate(input.date, 'date') : ctx.today;
  if (mandate.ends_on && on < mandate.ends_on)
    throw new AppError(
      'CONFLICT',
      `mandate: ${mandate.reference} runs until ${mandate.ends_on}: it cannot end on ${on}`,
      {
        field: 'mandate',
        value: mandate.reference,
      },
    );
  return ctx.db.transaction(async (db) => {
    const keys = [agency.id, mandate.id, mandate.creditor_id];
    // A mandate without an end date ends now.
    await db.query('update mandates set ends_on = $3 where agency_id = $1 and id = $2 and ends_on is null', [
      agency.id,
      mandate.id,
      on,
    ]);
    const cases = `select case_id from mandate_cases where agency_id = $1 and mandate_id = $2 and creditor_id = $3`;
    const returned = await db.query<{ case_id: number }>(
      `update mandate_cases mc set returned_on = $4::date
       from collection_cases c
       where mc.agency_id = $1 and mc.mandate_id = $2 and mc.creditor_id = $3 and mc.returned_on is null
         and c.creditor_id = mc.creditor_id and c.id = mc.case_id and c.status = 'open'
       returning mc.case_id`,
      [...keys, on],
    );
    const progress = await db.query(
      `update case_progress set note = '' where creditor_id = $3 and case_id in (${cases}) and note <> '' returning id`,
      keys,
    );
    const tasks = await db.query(
      `update collection_tasks k set note = null from mandate_cases mc
       where mc.agency_id = $1 and mc.mandate_id = $2 and mc.creditor_id = $3
         and k.creditor_id = mc.creditor_id and k.case_id = mc.case_id and k.created_on >= mc.taken_on and k.note is not null
       returning k.id`,
      keys,
    );
    const phones = await db.query<{ debtor_id: number; phone: string }>(
      `select r.debtor_id, r.detail->>'phone' as phone from tracing_results r
       join collection_tasks k on k.creditor_id = r.creditor_id and k.id = r.task_id
       where r.creditor_id = $3 and k.case_id in (${cases}) and r.detail ? 'phone'`,
      keys,
    );
    for (const p of phones)
      await db.query(
        'update debtors set phones = array_remove(phones, $3) where creditor_id = $1 and id = $2',
        [mandate.creditor_id, p.debtor_id, p.phone],
      );
    const tracing = await db.query(
      `update tracing_results r set detail = '{"anonymised": true}', note = ''
       from collection_tasks k
       where r.creditor_id = $3 and k.creditor_id = r.creditor_id and k.id = r.task_id and k.case_id in (${cases})
         and r.detail <> '{"anonymised": true}'
       returning r.id`,
      keys,
    );
    const pec = await db.query(
      `update contact_verifications v set pec_before = null
       from collection_cases c
       where v.creditor_id = $3 and c.creditor_id = v.creditor_id and c.debtor_id = v.debtor_id and c.id in (${cases})
         and v.pec_before is not null
       returning v.id`,
      keys,
    );
    // The register repeats what was just anonymised: the payload of those entries goes too.
    const registerSeqs = await db.query<{ seq: number }>(
      `select distinct r.seq from register_entries r
       join mandate_cases mc on mc.agency_id = $1 and mc.mandate_id = $2 and mc.creditor_id = $3
       join collection_cases c on c.creditor_id = mc.creditor_id and c.id = mc.case_id
       where r.creditor_id = $3 and r.erased_at is null and r.occurred_at >= mc.taken_on
         and ((r.action in ('tracing.result', 'contacts.verified') and r.debtor_id = c.debtor_id)
           or (r.action = 'task.completed' and r.reason is not null and r.subject_type = 'task'
               and r.subject_id in (select k.id from collection_tasks k where k.creditor_id = mc.creditor_id
                                    and k.case_id = mc.case_id and k.created_on >= mc.taken_on)))`,
      keys,
    );
    const registerEntries = await eraseRegisterPayloads(
      db,
      mandate.creditor_id,
      registerSeqs.map((r) => r.seq),
      ctx.now,
    );
    const result: TMandateEnd = {
      mandate: mandate.reference,
      endedOn: on,
      returnedCases: returned.map((r) => r.case_id),
      anonymised: {
        progressNotes: progress.length,
        taskNotes: tasks.length,
        tracingResults: tracing.length,
        phonesRemoved: phones.length,
        pecHistory: pec.length,
        registerEntries,
      },
      kept: KEPT_AFTER_MANDATE,
    };
    const inserted = await db.query(
      `insert into mandate_closures (agency_id, mandate_id, ended_on, counts, closed_by) values ($1, $2, $3, $4, $5)
       on conflict do nothing returning mandate_id`,
      [agency.id, mandate.id, on, JSON.stringify(result.anonymised), ctx.actor],
    );
    if (inserted.length === 0)
      throw new AppError('CONFLICT', `mandate: ${mandate.reference} has already ended`, {
        field: 'mandate',
        value: mandate.reference,
      });
    await appendRegisterEntries({ ...ctx, db }, mandate.creditor_id, [
      {
        action: 'mandate.ended',
        subjectType: 'mandate',
        subjectId: mandate.id,
        data: {
          agency: agency.vat_number,
          mandate: mandate.reference,
          endedOn: on,
          returnedCases: result.returnedCases,
          anonymised: result.anonymised,
        },
      },
    ]);
    return result;
  });
}
