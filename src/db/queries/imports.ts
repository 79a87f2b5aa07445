import type { TSql } from '../database.ts';

export type TImportFileRow = {
  id: number;
  creditor_id: number;
  sha256: string;
  file_name: string;
  format: string;
  counts: Record<string, number>;
  imported_at: Date;
};

export async function findImportFileByHash(db: TSql, sha256: string): Promise<TImportFileRow | undefined> {
  const [row] = await db.query<TImportFileRow>(
    'select id, creditor_id, sha256, file_name, format, counts, imported_at from import_files where sha256 = $1',
    [sha256],
  );
  return row;
}

export async function insertImportFile(
  db: TSql,
  f: {
    creditorId: number;
    sha256: string;
    fileName: string;
    format: string;
    counts: Record<string, number>;
    actor: string;
  },
): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    `insert into import_files (creditor_id, sha256, file_name, format, counts, imported_by)
     values ($1, $2, $3, $4, $5, $6) returning id`,
    [f.creditorId, f.sha256, f.fileName, f.format, JSON.stringify(f.counts), f.actor],
  );
  return row!.id;
}

export async function setImportFileCounts(
  db: TSql,
  creditorId: number,
  id: number,
  counts: Record<string, number>,
): Promise<void> {
  await db.query('update import_files set counts = $3 where creditor_id = $1 and id = $2', [
    creditorId,
    id,
    JSON.stringify(counts),
  ]);
}

export async function linkImportFile(
  db: TSql,
  creditorId: number,
  fileId: number,
  ids: { invoiceIds: readonly number[]; paymentIds: readonly number[] },
): Promise<void> {
  if (ids.invoiceIds.length > 0) {
    await db.query(
      'update invoices set import_file_id = $2 where creditor_id = $1 and id = any($3::int8[])',
      [creditorId, fileId, ids.invoiceIds],
    );
  }
  if (ids.paymentIds.length > 0) {
    await db.query(
      'update payments set import_file_id = $2 where creditor_id = $1 and id = any($3::int8[])',
      [creditorId, fileId, ids.paymentIds],
    );
  }
}

export type TInvoiceImportDetails = {
  invoiceId: number;
  importFileId: number;
  recipientCode: string | null;
  recipientPec: string | null;
  documentTotalCents: number | null;
};

export async function setInvoiceImportDetails(
  db: TSql,
  creditorId: number,
  rows: readonly TInvoiceImportDetails[],
): Promise<void> {
  if (rows.length === 0) return;
  await db.query(
    `update invoices i set recipient_code = d.recipient_code, recipient_pec = d.recipient_pec,
            document_total_cents = d.document_total_cents, import_file_id = d.import_file_id
     from unnest($2::int8[], $3::text[], $4::text[], $5::int8[], $6::int8[])
       as d(id, recipient_code, recipient_pec, document_total_cents, import_file_id)
     where i.creditor_id = $1 and i.id = d.id`,
    [
      creditorId,
      rows.map((r) => r.invoiceId),
      rows.map((r) => r.recipientCode),
      rows.map((r) => r.recipientPec),
      rows.map((r) => r.documentTotalCents),
      rows.map((r) => r.importFileId),
    ],
  );
}

export type TInstalmentImportDetails = {
  invoiceId: number;
  seq: number;
  paymentMethod: string | null;
  paymentIban: string | null;
  latePenaltyCents: number | null;
  latePenaltyFrom: string | null;
};

export async function setInstalmentImportDetails(
  db: TSql,
  creditorId: number,
  rows: readonly TInstalmentImportDetails[],
): Promise<void> {
  if (rows.length === 0) return;
  await db.query(
    `update instalments t set payment_method = d.payment_method, payment_iban = d.payment_iban,
            late_penalty_cents = d.late_penalty_cents, late_penalty_from = d.late_penalty_from
     from unnest($2::int8[], $3::int[], $4::text[], $5::text[], $6::int8[], $7::date[])
       as d(invoice_id, seq, payment_method, payment_iban, late_penalty_cents, late_penalty_from)
     where t.creditor_id = $1 and t.invoice_id = d.invoice_id and t.seq = d.seq`,
    [
      creditorId,
      rows.map((r) => r.invoiceId),
      rows.map((r) => r.seq),
      rows.map((r) => r.paymentMethod),
      rows.map((r) => r.paymentIban),
      rows.map((r) => r.latePenaltyCents),
      rows.map((r) => r.latePenaltyFrom),
    ],
  );
}

export type TMappingRow = { name: string; kind: string; mapping: Record<string, unknown> };

export async function findMapping(db: TSql, name: string): Promise<TMappingRow | undefined> {
  const [row] = await db.query<TMappingRow>(
    'select name, kind, mapping from import_mappings where name = $1',
    [name],
  );
  return row;
}

export async function saveMapping(
  db: TSql,
  m: { name: string; kind: string; mapping: unknown; actor: string },
): Promise<void> {
  await db.query(
    `insert into import_mappings (name, kind, mapping, updated_by) values ($1, $2, $3, $4)
     on conflict (name) do update set kind = excluded.kind, mapping = excluded.mapping,
       updated_by = excluded.updated_by, updated_at = now()`,
    [m.name, m.kind, JSON.stringify(m.mapping), m.actor],
  );
}
