import type { TSql } from '../database.ts';

export type TDebtorLinkRow = {
  creditor_id: number;
  id: number;
  debtor_id: number;
  expires_at: Date;
  revoked_at: Date | null;
  created_at: Date;
};

const LINK_COLUMNS = 'creditor_id, id, debtor_id, expires_at, revoked_at, created_at';

export async function insertDebtorLink(
  db: TSql,
  l: { creditorId: number; debtorId: number; tokenHash: string; expiresAt: Date; createdBy: string },
): Promise<TDebtorLinkRow> {
  const [row] = await db.query<TDebtorLinkRow>(
    `insert into debtor_links (creditor_id, debtor_id, token_hash, expires_at, created_by)
     values ($1, $2, $3, $4, $5) returning ${LINK_COLUMNS}`,
    [l.creditorId, l.debtorId, l.tokenHash, l.expiresAt.toISOString(), l.createdBy],
  );
  return row!;
}

export async function findLinkByTokenHash(db: TSql, tokenHash: string): Promise<TDebtorLinkRow | undefined> {
  const [row] = await db.query<TDebtorLinkRow>(
    `select ${LINK_COLUMNS} from debtor_links where token_hash = $1`,
    [tokenHash],
  );
  return row;
}

export async function findLinkById(
  db: TSql,
  creditorId: number | null,
  id: number,
): Promise<TDebtorLinkRow | undefined> {
  const [row] = await db.query<TDebtorLinkRow>(
    `select ${LINK_COLUMNS} from debtor_links where ($1::int8 is null or creditor_id = $1) and id = $2`,
    [creditorId, id],
  );
  return row;
}

export async function revokeLinkRow(db: TSql, creditorId: number, id: number, at: Date): Promise<boolean> {
  const rows = await db.query(
    `update debtor_links set revoked_at = $3 where creditor_id = $1 and id = $2 and revoked_at is null returning id`,
    [creditorId, id, at.toISOString()],
  );
  return rows.length > 0;
}

export async function listDebtorLinkRows(
  db: TSql,
  creditorId: number,
  debtorId: number,
): Promise<TDebtorLinkRow[]> {
  return db.query<TDebtorLinkRow>(
    `select ${LINK_COLUMNS} from debtor_links where creditor_id = $1 and debtor_id = $2 order by id desc limit 50`,
    [creditorId, debtorId],
  );
}

export async function insertReceipt(
  db: TSql,
  r: {
    creditorId: number;
    debtorId: number;
    linkId: number;
    fileName: string;
    contentType: string;
    bytes: Uint8Array;
    paidOn: string | null;
    note: string | null;
  },
): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    `insert into debtor_receipts (creditor_id, debtor_id, link_id, file_name, content_type, bytes, paid_on, note)
     values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
    [r.creditorId, r.debtorId, r.linkId, r.fileName, r.contentType, Buffer.from(r.bytes), r.paidOn, r.note],
  );
  return row!.id;
}

export type TReceiptRow = {
  id: number;
  debtor_id: number;
  file_name: string;
  content_type: string;
  paid_on: string | null;
  note: string | null;
  created_at: Date;
};

export async function listReceiptRows(
  db: TSql,
  creditorId: number,
  debtorId: number,
): Promise<TReceiptRow[]> {
  return db.query<TReceiptRow>(
    `select id, debtor_id, file_name, content_type, paid_on, note, created_at from debtor_receipts
     where creditor_id = $1 and debtor_id = $2 order by id desc limit 100`,
    [creditorId, debtorId],
  );
}

export async function findReceiptFile(
  db: TSql,
  creditorId: number,
  debtorId: number,
  id: number,
): Promise<{ file_name: string; content_type: string; bytes: Uint8Array } | undefined> {
  const [row] = await db.query<{ file_name: string; content_type: string; bytes: Uint8Array }>(
    `select file_name, content_type, bytes from debtor_receipts where creditor_id = $1 and debtor_id = $2 and id = $3`,
    [creditorId, debtorId, id],
  );
  return row;
}

/** The debtor's open case, if any: where self-service promises and review tasks belong. */
export async function findOpenCase(
  db: TSql,
  creditorId: number,
  debtorId: number,
): Promise<{ id: number } | undefined> {
  const [row] = await db.query<{ id: number }>(
    `select id from collection_cases where creditor_id = $1 and debtor_id = $2 and status = 'open'`,
    [creditorId, debtorId],
  );
  return row;
}
