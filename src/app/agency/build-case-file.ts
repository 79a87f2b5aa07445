import { createHash } from 'node:crypto';
import { renderCaseIndexPdf } from '../../adapters/case-file/render-case-index-pdf.ts';
import { renderInvoicePdf } from '../../adapters/case-file/render-invoice-pdf.ts';
import { safeName, type TZipEntry, writeZip } from '../../adapters/case-file/write-zip.ts';
import { expectedRegisterHash } from '../../core/register/register-hash.ts';
import type { TCalendarDate } from '../../core/shared/calendar-date.ts';
import { AppError } from '../../core/shared/errors.ts';
import { formatAmount } from '../../core/shared/money.ts';
import {
  findCaseHead,
  findDebtorById,
  listCaseActions,
  listCaseInvoices,
  listCaseLooseTasks,
  listCaseProgress,
  listDebtorAddresses,
  listRegisterExtract,
  type TCaseHeadRow,
} from '../../db/queries/case-files.ts';
import { findCreditorById } from '../../db/queries/creditors.ts';
import { documentContent, listDocumentRows } from '../../db/queries/documents.ts';
import { storedRow, verifyRegister } from '../register/verify-register.ts';
import type { TContext } from '../shared/context.ts';
import { assertReachesCreditor } from '../shared/tenant-scope.ts';
import { debtorStatement } from '../statement/debtor-statement.ts';
import { statementPdfOf } from '../statement/statement-pdf-of.ts';
import { CASE_FILE_FORMAT, CASE_FILE_VERSION, type TCaseFileManifest } from './case-file-manifest.ts';
import { collectProofs } from './case-file-proofs.ts';

export type TBuiltCaseFile = { fileName: string; sha256: string; bytes: Buffer; manifest: TCaseFileManifest };

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** The case by id, within a tenant when one is named; a clear refusal otherwise. */
export async function requireCase(
  ctx: TContext,
  caseId: number,
  creditorId: number | null,
): Promise<TCaseHeadRow> {
  const head = await findCaseHead(ctx.db, creditorId, caseId);
  const notFound = () =>
    new AppError('NOT_FOUND', `case: ${caseId} is not a case`, { field: 'case', value: caseId });
  if (!head) throw notFound();
  // Another tenant's case answers exactly as a missing one.
  assertReachesCreditor(ctx, head.creditor_id, notFound);
  return head;
}

/**
 * Builds the case file of a case on a date (the handover day, for the file the handover step
 * stores): a ZIP with a PDF index, the original invoices (FatturaPA XML when it was imported,
 * and a readable PDF of each), the evidence documents, every action with its tasks and proofs,
 * the debtor's register extract with the chain verified, the statement of account with interest
 * at the date, and casefile.json for an agency's system. Read-only.
 */
export async function buildCaseFile(
  ctx: TContext,
  head: TCaseHeadRow,
  asOf: TCalendarDate,
  options: { allowUnverifiedRates?: boolean } = {},
): Promise<TBuiltCaseFile> {
  const db = ctx.db;
  const creditorId = head.creditor_id;
  const creditor = (await findCreditorById(db, creditorId))!;
  const debtor = (await findDebtorById(db, creditorId, head.debtor_id))!;
  const addresses = await listDebtorAddresses(db, creditorId, debtor.id);
  const invoices = await listCaseInvoices(db, creditorId, head.id);
  const invoiceIds = invoices.map((i) => i.id);
  const numberOf = new Map(invoices.map((i) => [i.id, i.number]));
  const entries: TZipEntry[] = [];
  const add = (path: string, content: Uint8Array) => {
    entries.push({ path, content });
    return path;
  };

  const statement = await debtorStatement(db, {
    debtor: (debtor.vat_number ?? debtor.fiscal_code)!,
    creditor: creditor.vat_number,
    date: asOf,
    invoiceIds,
    allowUnverifiedRates: options.allowUnverifiedRates ?? false,
  });
  const accountOf = new Map(statement.invoices.map((a) => [a.invoice.id, a]));

  const documents = (await listDocumentRows(db, creditorId, { debtorId: debtor.id, invoiceIds })).filter(
    (d) => d.added_on <= asOf && (d.invoice_ids.length === 0 || d.invoice_ids.some((id) => numberOf.has(id))),
  );
  const manifestInvoices: TCaseFileManifest['invoices'] = [];
  for (const inv of invoices) {
    const account = accountOf.get(inv.id);
    const base = `invoices/${safeName(`${inv.issue_date.slice(0, 4)}-${inv.number}`)}`;
    const xmlDoc = documents.find((d) => d.kind === 'fatturapa-xml' && d.invoice_ids.includes(inv.id));
    const xmlPath = xmlDoc ? add(`${base}.xml`, await documentContent(db, creditorId, xmlDoc.id)) : null;
    const view: TCaseFileManifest['invoices'][number] = {
      id: inv.id,
      number: inv.number,
      type: inv.type,
      documentType: inv.document_type,
      issueDate: inv.issue_date,
      currency: inv.currency,
      total: formatAmount(inv.total_cents, inv.currency),
      paymentMethod: inv.payment_method,
      paymentIban: inv.payment_iban,
      evidence: {
        termsAgreed: inv.terms_agreed,
        invoiceAccurate: inv.invoice_accurate,
        receiptConfirmed: inv.receipt_confirmed,
        deliveryProof: inv.delivery_proof,
        paymentInstructions: inv.payment_instructions,
      },
      instalments: (account?.instalments ?? []).map((t) => ({
        seq: t.seq,
        dueDate: t.dueDate,
        amount: t.amount,
        capitalOutstanding: t.capitalOutstanding,
        interestOutstanding: t.interestOutstanding,
      })),
      totals: {
        principal: account?.totals.principal ?? formatAmount(0, inv.currency),
        capitalOutstanding: account?.totals.capitalOutstanding ?? formatAmount(0, inv.currency),
        interestOutstanding: account?.totals.interestOutstanding ?? formatAmount(0, inv.currency),
        costsOutstanding: account?.totals.costsOutstanding ?? formatAmount(0, inv.currency),
        due: account?.totals.due ?? formatAmount(0, inv.currency),
      },
      files: { xml: xmlPath, pdf: `${base}.pdf` },
    };
    add(
      `${base}.pdf`,
      await renderInvoicePdf(
        {
          invoice: view,
          creditor: statement.creditor,
          debtor: statement.debtor,
          xmlSha256: xmlDoc?.sha256 ?? null,
          recipientPec: inv.recipient_pec,
          recipientCode: inv.recipient_code,
        },
        ctx.now,
      ),
    );
    manifestInvoices.push(view);
  }

  const manifestDocuments: TCaseFileManifest['documents'] = [];
  for (const d of documents.filter((x) => x.kind !== 'fatturapa-xml' && x.action_ids.length === 0)) {
    const path = add(
      `evidence/${d.id}-${d.kind}-${safeName(d.file_name)}`,
      await documentContent(db, creditorId, d.id),
    );
    manifestDocuments.push({
      id: d.id,
      kind: d.kind,
      fileName: d.file_name,
      sha256: d.sha256,
      bytes: d.size_bytes,
      invoices: d.invoice_ids.map((id) => numberOf.get(id)).filter((n): n is string => n !== undefined),
      path,
    });
  }

  const proofs = await collectProofs(db, { creditorId, caseId: head.id, invoiceIds, asOf });
  const manifestProofs: TCaseFileManifest['proofs'] = proofs.map((p, i) => ({
    source: p.source,
    kind: p.kind,
    date: p.date,
    reference: p.reference,
    actionId: p.actionId,
    fileName: p.fileName,
    sha256: p.sha256,
    path: add(`proofs/${String(i + 1).padStart(3, '0')}-${p.kind}-${safeName(p.fileName)}`, p.content),
  }));

  const task = (k: {
    id: number;
    kind: string;
    status: string;
    outcome: string | null;
    note: string | null;
    completed_on: string | null;
  }) => ({
    id: k.id,
    kind: k.kind,
    status: k.status,
    outcome: k.outcome,
    note: k.note,
    completedOn: k.completed_on,
  });
  const actions: TCaseFileManifest['actions'] = (await listCaseActions(db, creditorId, head.id, asOf)).map(
    (a) => ({
      id: a.id,
      date: a.created_on,
      doneOn: a.done_on,
      stepKey: a.step_key,
      channels: a.channels,
      tone: a.tone,
      template: a.template,
      status: a.status,
      total: formatAmount(a.total_cents, a.instalments[0]?.currency ?? 'EUR'),
      invoices: [...new Set(a.instalments.map((i) => i.invoiceNumber))],
      tasks: a.tasks.map(task),
      proofs: manifestProofs.filter((p) => p.actionId === a.id).map((p) => p.path),
    }),
  );
  const looseTasks = (await listCaseLooseTasks(db, creditorId, head.id, asOf)).map(task);

  const verification = await verifyRegister(db, creditorId);
  const extractRows = await listRegisterExtract(db, creditorId, debtor.id, asOf);
  // Each entry carries what a recipient needs to recompute its hash (register-hash.ts): format 1
  // hashes the content, format 2 the salted digest of reason and data (emptied once erased).
  const extract = extractRows.map((r) => {
    const { isErased, ...content } = storedRow(creditorId, r);
    const expected = expectedRegisterHash(r.prev_hash, { ...content, isErased }, r.hash);
    return {
      ...content,
      erased: isErased,
      prevHash: r.prev_hash,
      hash: r.hash,
      hashMatches: expected === r.hash,
    };
  });
  const extractPath = add('register/register-extract.json', json(extract));

  const statementPdf = add('statement/statement.pdf', await statementPdfOf(ctx.db, statement, ctx.now));
  const statementJson = add('statement/statement.json', json(statement));

  const progress = (await listCaseProgress(db, creditorId, head.id))
    .filter((p) => p.recorded_on <= asOf)
    .map((p) => ({
      date: p.recorded_on,
      stage: p.stage,
      note: p.note,
      amount: p.amount_cents === null ? null : formatAmount(p.amount_cents, invoices[0]?.currency ?? 'EUR'),
      recordedBy: p.recorded_by,
    }));

  const manifest: TCaseFileManifest = {
    format: CASE_FILE_FORMAT,
    version: CASE_FILE_VERSION,
    asOf,
    builtAt: ctx.now.toISOString(),
    case: {
      id: head.id,
      status: head.status,
      policy: head.policy_key,
      openedOn: head.opened_on,
      anchorDueDate: head.anchor_due_date,
      handedOverOn: head.handed_over_on,
      handedOverTo: head.handed_over_to,
      assignee: head.assignee,
    },
    creditor: { ...statement.creditor, fiscalCode: creditor.fiscal_code },
    debtor: {
      id: debtor.id,
      name: debtor.name,
      kind: debtor.kind,
      country: debtor.country,
      language: debtor.language,
      vatNumber: debtor.vat_number,
      fiscalCode: debtor.fiscal_code,
      pec: debtor.pec,
      emails: debtor.emails,
      phones: debtor.phones,
      addresses: addresses.map((a) => ({
        kind: a.kind,
        street: a.street,
        postalCode: a.postal_code,
        city: a.city,
        province: a.province,
        country: a.country,
      })),
    },
    invoices: manifestInvoices,
    amounts: Object.fromEntries(
      Object.entries(statement.totals).map(([currency, t]) => [
        currency,
        {
          principal: t.principal,
          capitalOutstanding: t.capitalOutstanding,
          interestOutstanding: t.interestOutstanding,
          costsOutstanding: t.costsOutstanding,
          due: t.due,
        },
      ]),
    ),
    documents: manifestDocuments,
    actions,
    tasks: looseTasks,
    proofs: manifestProofs,
    register: {
      verification: {
        isValid: verification.isValid,
        entries: verification.entries,
        firstBrokenSeq: verification.firstBrokenSeq,
        problem: verification.problem,
      },
      extract: {
        path: extractPath,
        entries: extract.length,
        firstSeq: extract[0]?.seq ?? null,
        lastSeq: extract.at(-1)?.seq ?? null,
        hashesMatch: extract.every((e) => e.hashMatches),
      },
    },
    statement: { date: asOf, pdf: statementPdf, json: statementJson },
    progress,
    files: [],
  };
  // The index lists every other file; it is itself listed, then casefile.json lists them all.
  const indexPdf = await renderCaseIndexPdf(
    {
      ...manifest,
      files: entries.map((e) => ({ path: e.path, sha256: sha256(e.content), bytes: e.content.length })),
    },
    ctx.now,
  );
  entries.unshift({ path: 'index.pdf', content: indexPdf });
  manifest.files = entries.map((e) => ({ path: e.path, sha256: sha256(e.content), bytes: e.content.length }));
  entries.push({ path: 'casefile.json', content: json(manifest) });

  const bytes = await writeZip(entries, new Date(`${asOf}T12:00:00Z`));
  return {
    fileName: `casefile-${head.id}-${asOf}.zip`,
    sha256: sha256(bytes),
    bytes,
    manifest,
  };
}

function json(value: unknown): Uint8Array {
  return new TextEncoder().encode(`${JSON.stringify(value, null, 2)}\n`);
}
