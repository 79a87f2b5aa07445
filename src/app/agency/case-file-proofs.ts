import type { TSql } from '../../db/database.ts';
import { listStoredProofs } from '../../db/queries/case-files.ts';
import { documentContent, listDocumentRows } from '../../db/queries/documents.ts';

/**
 * A proof that a communication was sent or delivered (a PEC acceptance/delivery receipt, a
 * registered-letter tracking slip, a postal receipt), as the case file carries it.
 */
export type TCaseFileProof = {
  /** Who supplied it: `document` (linked to an action), `prescription-interruption`, `recovery-cost`, or a communications source. */
  source: string;
  kind: string;
  date: string;
  reference: string;
  /** The action it proves, when known. */
  actionId: number | null;
  invoiceIds: number[];
  fileName: string;
  sha256: string;
  content: Uint8Array;
};

export type TProofQuery = { creditorId: number; caseId: number; invoiceIds: readonly number[]; asOf: string };

/** Where proofs come from. Communications (issue 5) registers its own with `registerProofSource`. */
export type TProofSource = (db: TSql, q: TProofQuery) => Promise<TCaseFileProof[]>;

/** Documents a person (or a sender) linked to one of the case's actions. */
const linkedDocuments: TProofSource = async (db, q) => {
  const [head] = await db.query<{ debtor_id: number }>(
    'select debtor_id from collection_cases where creditor_id = $1 and id = $2',
    [q.creditorId, q.caseId],
  );
  const rows = await listDocumentRows(db, q.creditorId, { debtorId: head?.debtor_id ?? null });
  const [actions] = await db.query<{ ids: number[] | null }>(
    'select json_agg(id) as ids from collection_actions where creditor_id = $1 and case_id = $2',
    [q.creditorId, q.caseId],
  );
  const ofCase = new Set(actions?.ids ?? []);
  const proofs: TCaseFileProof[] = [];
  for (const row of rows) {
    const actionId = row.action_ids.find((id) => ofCase.has(id));
    if (actionId === undefined || row.added_on > q.asOf) continue;
    proofs.push({
      source: 'document',
      kind: row.kind,
      date: row.added_on,
      reference: row.description,
      actionId,
      invoiceIds: row.invoice_ids,
      fileName: row.file_name,
      sha256: row.sha256,
      content: await documentContent(db, q.creditorId, row.id),
    });
  }
  return proofs;
};

/** Receipts of written demands delivered (prescription interruptions) and of recovery costs. */
const storedProofs: TProofSource = async (db, q) =>
  (await listStoredProofs(db, q.creditorId, q.invoiceIds, q.asOf)).map((r) => ({
    source: r.source,
    kind: r.kind,
    date: r.date,
    reference: r.reference,
    actionId: null,
    invoiceIds: [r.invoice_id],
    fileName: r.file_name,
    sha256: r.sha256,
    content: new Uint8Array(r.content),
  }));

const sources: TProofSource[] = [linkedDocuments, storedProofs];

/** The extension point: a sender registers how to find the proofs of what it sent. */
export function registerProofSource(source: TProofSource): void {
  if (!sources.includes(source)) sources.push(source);
}

/** Every proof of every source, once per file (the same receipt from two sources counts once). */
export async function collectProofs(db: TSql, q: TProofQuery): Promise<TCaseFileProof[]> {
  const seen = new Set<string>();
  const all: TCaseFileProof[] = [];
  for (const source of sources) {
    for (const proof of await source(db, q)) {
      if (seen.has(proof.sha256)) continue;
      seen.add(proof.sha256);
      all.push(proof);
    }
  }
  return all.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
