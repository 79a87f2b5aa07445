import type { AppError } from '../../core/shared/errors.ts';
import type { TSql } from '../../db/database.ts';
import { analyzeIfGrown } from '../../db/queries/table-statistics.ts';
import { appendRegisterEntries, type TRegisterEntryInput } from '../register/append-register-entries.ts';
import type { TContext } from '../shared/context.ts';
import type { TDebtorInput } from './invoice-input.ts';
import { invoiceAddedData, invoiceFingerprint, type TAddInvoiceResult } from './invoice-rules.ts';
import type { TDebtorOp, TDebtorState, TGroupPlan, TInvoiceOp, TPlanOp } from './plan-invoice-groups.ts';

export type TRegisterEntryOf = { creditorId: number; entry: TRegisterEntryInput };

export type TWrittenGroup =
  | { ok: true; imported: boolean; results: TAddInvoiceResult[]; registerEntries: TRegisterEntryOf[] }
  | { ok: false; error: AppError };

/** Appends entries of several tenants, each tenant's in the order given (one chain per tenant). */
export async function appendRegisterEntriesOf(
  ctx: TContext,
  entries: readonly TRegisterEntryOf[],
): Promise<void> {
  const byCreditor = new Map<number, TRegisterEntryInput[]>();
  for (const e of entries) {
    const list = byCreditor.get(e.creditorId) ?? [];
    list.push(e.entry);
    byCreditor.set(e.creditorId, list);
  }
  for (const [creditorId, list] of byCreditor) await appendRegisterEntries(ctx, creditorId, list);
}

const json = (values: readonly unknown[]) => JSON.stringify(values);
const debtorId = (d: TDebtorState) => d.id!;

async function insertNewDebtors(db: TSql, ops: readonly TDebtorOp[]) {
  if (ops.length === 0) return;
  const rows = await db.query<{
    creditor_id: number;
    id: number;
    vat_number: string | null;
    fiscal_code: string | null;
  }>(
    `insert into debtors (creditor_id, name, kind, country, vat_number, fiscal_code, pec, emails, phones, language, customer_group, notes)
     select d.creditor_id, d.name, d.kind, d.country, d.vat_number, d.fiscal_code, d.pec,
            array(select jsonb_array_elements_text(d.emails::jsonb)), array(select jsonb_array_elements_text(d.phones::jsonb)),
            d.language, d.customer_group, d.notes
     from unnest($1::int8[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
                 $10::text[], $11::text[], $12::text[]) with ordinality
       as d(creditor_id, name, kind, country, vat_number, fiscal_code, pec, emails, phones, language, customer_group, notes, ord)
     order by d.ord
     returning creditor_id, id, vat_number, fiscal_code`,
    [
      ops.map((o) => o.debtor.creditorId),
      ops.map((o) => o.normalized.name),
      ops.map((o) => o.normalized.kind),
      ops.map((o) => o.normalized.country),
      ops.map((o) => o.normalized.vatNumber),
      ops.map((o) => o.normalized.fiscalCode),
      ops.map((o) => o.normalized.pec),
      ops.map((o) => json(o.normalized.emails)),
      ops.map((o) => json(o.normalized.phones)),
      ops.map((o) => o.normalized.language),
      ops.map((o) => o.normalized.customerGroup),
      ops.map((o) => o.normalized.notes),
    ],
  );
  const key = (c: number, vat: string | null, fiscal: string | null) => `${c}|${vat ?? ''}|${fiscal ?? ''}`;
  const ids = new Map(rows.map((r) => [key(r.creditor_id, r.vat_number, r.fiscal_code), r.id]));
  for (const o of ops) {
    o.debtor.id = ids.get(key(o.debtor.creditorId, o.normalized.vatNumber, o.normalized.fiscalCode))!;
  }
}

/** completeDebtor's rules applied once per debtor: the first codice fiscale, the last PEC, every e-mail and phone. */
async function completeDebtors(db: TSql, ops: readonly TDebtorOp[]) {
  if (ops.length === 0) return;
  const byDebtor = new Map<
    TDebtorState,
    { fiscal: string | null; pec: string | null; emails: string[]; phones: string[] }
  >();
  for (const o of ops) {
    const c = byDebtor.get(o.debtor) ?? { fiscal: null, pec: null, emails: [], phones: [] };
    c.fiscal ??= o.normalized.fiscalCode;
    c.pec = o.normalized.pec ?? c.pec;
    c.emails.push(...o.normalized.emails);
    c.phones.push(...o.normalized.phones);
    byDebtor.set(o.debtor, c);
  }
  const list = [...byDebtor.entries()];
  await db.query(
    `update debtors t set
       fiscal_code = coalesce(t.fiscal_code, d.fiscal_code),
       pec = coalesce(d.pec, t.pec),
       emails = (select coalesce(array_agg(distinct e), '{}') from unnest(t.emails || array(select jsonb_array_elements_text(d.emails::jsonb))) e),
       phones = (select coalesce(array_agg(distinct p), '{}') from unnest(t.phones || array(select jsonb_array_elements_text(d.phones::jsonb))) p),
       updated_at = now()
     from unnest($1::int8[], $2::int8[], $3::text[], $4::text[], $5::text[], $6::text[])
       as d(creditor_id, id, fiscal_code, pec, emails, phones)
     where t.creditor_id = d.creditor_id and t.id = d.id`,
    [
      list.map(([d]) => d.creditorId),
      list.map(([d]) => debtorId(d)),
      list.map(([, c]) => c.fiscal),
      list.map(([, c]) => c.pec),
      list.map(([, c]) => json(c.emails)),
      list.map(([, c]) => json(c.phones)),
    ],
  );
}

async function insertAddressesAndContacts(db: TSql, ops: readonly TPlanOp[]) {
  const seen = new Set<string>();
  const addresses: Array<{ d: TDebtorState; a: TDebtorInput['addresses'][number] }> = [];
  const contacts: Array<{ d: TDebtorState; c: TDebtorInput['contacts'][number] }> = [];
  for (const o of ops) {
    if (o.kind === 'invoice') continue;
    for (const a of o.input.addresses) {
      const key = `${o.debtor.creditorId}|${debtorId(o.debtor)}|${a.kind}|${a.street}|${a.city}`;
      if (seen.has(key)) continue;
      seen.add(key);
      addresses.push({ d: o.debtor, a });
    }
    if (o.kind === 'debtor-new') for (const c of o.input.contacts) contacts.push({ d: o.debtor, c });
  }
  if (addresses.length > 0) {
    await db.query(
      `insert into debtor_addresses (creditor_id, debtor_id, kind, street, postal_code, city, province, country)
       select a.creditor_id, a.debtor_id, a.kind, a.street, a.postal_code, a.city, a.province, a.country
       from unnest($1::int8[], $2::int8[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[]) with ordinality
         as a(creditor_id, debtor_id, kind, street, postal_code, city, province, country, ord)
       where not exists (select 1 from debtor_addresses x where x.creditor_id = a.creditor_id and x.debtor_id = a.debtor_id
                         and x.kind = a.kind and x.street = a.street and x.city = a.city)
       order by a.ord`,
      [
        addresses.map((x) => x.d.creditorId),
        addresses.map((x) => debtorId(x.d)),
        addresses.map((x) => x.a.kind),
        addresses.map((x) => x.a.street),
        addresses.map((x) => x.a.postalCode ?? null),
        addresses.map((x) => x.a.city),
        addresses.map((x) => x.a.province ?? null),
        addresses.map((x) => x.a.country.toUpperCase()),
      ],
    );
  }
  if (contacts.length > 0) {
    await db.query(
      `insert into debtor_contacts (creditor_id, debtor_id, name, role, email, phone)
       select c.creditor_id, c.debtor_id, c.name, c.role, c.email, c.phone
       from unnest($1::int8[], $2::int8[], $3::text[], $4::text[], $5::text[], $6::text[]) with ordinality
         as c(creditor_id, debtor_id, name, role, email, phone, ord)
       order by c.ord`,
      [
        contacts.map((x) => x.d.creditorId),
        contacts.map((x) => debtorId(x.d)),
        contacts.map((x) => x.c.name),
        contacts.map((x) => x.c.role ?? null),
        contacts.map((x) => x.c.email ?? null),
        contacts.map((x) => x.c.phone ?? null),
      ],
    );
  }
}

async function insertInvoicesAndInstalments(db: TSql, ops: readonly TInvoiceOp[]) {
  if (ops.length === 0) return;
  for (const o of ops) o.invoice.fingerprint = invoiceFingerprint(debtorId(o.debtor), o.v, null);
  const rows = await db.query<{ creditor_id: number; id: number; issue_year: number; number: string }>(
    `insert into invoices (creditor_id, debtor_id, number, type, document_type, issue_date, issue_year, currency,
       total_cents, payment_method, payment_iban, related_invoice_id, terms_agreed, invoice_accurate, receipt_confirmed,
       delivery_proof, payment_instructions, source, fingerprint)
     select i.creditor_id, i.debtor_id, i.number, i.type, i.document_type, i.issue_date, extract(year from i.issue_date)::int,
            i.currency, i.total_cents, i.payment_method, i.payment_iban, null, i.terms_agreed, i.invoice_accurate,
            i.receipt_confirmed, i.delivery_proof, i.payment_instructions, i.source, i.fingerprint
     from unnest($1::int8[], $2::int8[], $3::text[], $4::text[], $5::text[], $6::date[], $7::text[], $8::int8[], $9::text[],
                 $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[], $17::text[]) with ordinality
       as i(creditor_id, debtor_id, number, type, document_type, issue_date, currency, total_cents, payment_method, payment_iban,
            terms_agreed, invoice_accurate, receipt_confirmed, delivery_proof, payment_instructions, source, fingerprint, ord)
     order by i.ord
     returning creditor_id, id, issue_year, number`,
    [
      ops.map((o) => o.creditor.id),
      ops.map((o) => debtorId(o.debtor)),
      ops.map((o) => o.v.input.number),
      ops.map((o) => o.v.input.type),
      ops.map((o) => o.v.input.documentType ?? null),
      ops.map((o) => o.v.issueDate),
      ops.map((o) => o.v.currency),
      ops.map((o) => o.v.totalCents),
      ops.map((o) => o.v.input.paymentMethod ?? null),
      ops.map((o) => o.v.paymentIban),
      ops.map((o) => o.v.input.evidence.termsAgreed),
      ops.map((o) => o.v.input.evidence.invoiceAccurate),
      ops.map((o) => o.v.input.evidence.receiptConfirmed),
      ops.map((o) => o.v.input.evidence.deliveryProof),
      ops.map((o) => o.v.input.evidence.paymentInstructions),
      ops.map((o) => o.source),
      ops.map((o) => o.invoice.fingerprint),
    ],
  );
  const ids = new Map(rows.map((r) => [`${r.creditor_id}|${r.issue_year}|${r.number}`, r.id]));
  for (const o of ops) o.invoice.id = ids.get(o.invoice.key)!;
  // Each instalment's foreign-key check looks its invoice up: the planner must know the table grew.
  await analyzeIfGrown(db, { invoices: ops.length });
  const instalments = ops.flatMap((o) =>
    o.v.instalments.map((t, i) => ({
      creditorId: o.creditor.id,
      invoiceId: o.invoice.id!,
      seq: i + 1,
      ...t,
    })),
  );
  if (instalments.length === 0) return;
  await db.query(
    `insert into instalments (creditor_id, invoice_id, seq, due_date, amount_cents)
     select s.creditor_id, s.invoice_id, s.seq, s.due_date, s.amount_cents
     from unnest($1::int8[], $2::int8[], $3::int[], $4::date[], $5::int8[]) with ordinality
       as s(creditor_id, invoice_id, seq, due_date, amount_cents, ord)
     order by s.ord`,
    [
      instalments.map((t) => t.creditorId),
      instalments.map((t) => t.invoiceId),
      instalments.map((t) => t.seq),
      instalments.map((t) => t.dueDate),
      instalments.map((t) => t.amountCents),
    ],
  );
  await analyzeIfGrown(db, { instalments: instalments.length });
}

/**
 * Writes the accepted groups of a plan in a handful of statements (debtors, their completion,
 * addresses and contacts, invoices, instalments), in the caller's transaction. Returns, per
 * group, the results with their ids and the register entries the one-by-one path would have
 * appended, in its order; the caller appends them (with its own) in one go.
 */
export async function writeInvoicePlan(
  ctx: TContext,
  plans: readonly TGroupPlan[],
): Promise<TWrittenGroup[]> {
  const ops = plans.flatMap((p) => (p.ok ? p.ops : []));
  const newDebtors = ops.filter((o): o is TDebtorOp => o.kind === 'debtor-new');
  await insertNewDebtors(ctx.db, newDebtors);
  await analyzeIfGrown(ctx.db, { debtors: newDebtors.length });
  await completeDebtors(
    ctx.db,
    ops.filter((o): o is TDebtorOp => o.kind === 'debtor-complete'),
  );
  await insertAddressesAndContacts(ctx.db, ops);
  await insertInvoicesAndInstalments(
    ctx.db,
    ops.filter((o): o is TInvoiceOp => o.kind === 'invoice'),
  );
  return plans.map((p) => {
    if (!p.ok) {
      if (p.conflictWith?.id != null) p.error.details.existingId = p.conflictWith.id;
      return { ok: false, error: p.error };
    }
    const registerEntries: TRegisterEntryOf[] = [];
    for (const o of p.ops) {
      if (o.kind === 'debtor-new') {
        registerEntries.push({
          creditorId: o.debtor.creditorId,
          entry: {
            action: 'debtor.created',
            subjectType: 'debtor',
            subjectId: debtorId(o.debtor),
            debtorId: debtorId(o.debtor),
            data: {
              name: o.normalized.name,
              vatNumber: o.normalized.vatNumber,
              fiscalCode: o.normalized.fiscalCode,
            },
          },
        });
      } else if (o.kind === 'invoice') {
        registerEntries.push({
          creditorId: o.creditor.id,
          entry: {
            action: 'invoice.added',
            subjectType: 'invoice',
            subjectId: o.invoice.id,
            debtorId: debtorId(o.debtor),
            data: invoiceAddedData(o.v, o.source, 0),
          },
        });
      }
    }
    return {
      ok: true,
      imported: p.imported,
      results: p.results.map(({ invoice, ...r }) => ({ ...r, id: invoice.id! })),
      registerEntries,
    };
  });
}
