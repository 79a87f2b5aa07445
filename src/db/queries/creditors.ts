import type { TSql } from '../database.ts';

export type TCreditorRow = {
  id: number;
  name: string;
  country: string;
  vat_number: string;
  fiscal_code: string | null;
  iban: string | null;
  pec: string | null;
  email: string | null;
  phone: string | null;
  address: Record<string, unknown>;
  /** Whether a logo is stored (the bytes are read on their own: findCreditorLogo). */
  has_logo: boolean;
  settings: Record<string, unknown>;
  created_at: Date;
};

const COLUMNS =
  'id, name, country, vat_number, fiscal_code, iban, pec, email, phone, address, logo is not null as has_logo, settings, created_at';

export async function findCreditorByVat(db: TSql, vatNumber: string): Promise<TCreditorRow | undefined> {
  const [row] = await db.query<TCreditorRow>(`select ${COLUMNS} from creditors where vat_number = $1`, [
    vatNumber,
  ]);
  return row;
}

export async function findCreditorById(db: TSql, id: number): Promise<TCreditorRow | undefined> {
  const [row] = await db.query<TCreditorRow>(`select ${COLUMNS} from creditors where id = $1`, [id]);
  return row;
}

export async function listCreditorRows(db: TSql): Promise<TCreditorRow[]> {
  return db.query<TCreditorRow>(`select ${COLUMNS} from creditors order by id`);
}

export type TNewCreditor = {
  name: string;
  country: string;
  vatNumber: string;
  fiscalCode: string | null;
  iban: string | null;
  pec: string | null;
  email: string | null;
  phone: string | null;
};

export async function insertCreditor(db: TSql, c: TNewCreditor): Promise<TCreditorRow> {
  const [row] = await db.query<TCreditorRow>(
    `insert into creditors (name, country, vat_number, fiscal_code, iban, pec, email, phone)
     values ($1, $2, $3, $4, $5, $6, $7, $8) returning ${COLUMNS}`,
    [c.name, c.country, c.vatNumber, c.fiscalCode, c.iban, c.pec, c.email, c.phone],
  );
  return row!;
}

export type TCreditorLogo = { bytes: Buffer; mediaType: 'image/png' | 'image/jpeg' };

export async function findCreditorLogo(db: TSql, creditorId: number): Promise<TCreditorLogo | null> {
  const [row] = await db.query<{
    logo: Uint8Array | null;
    logo_media_type: TCreditorLogo['mediaType'] | null;
  }>('select logo, logo_media_type from creditors where id = $1', [creditorId]);
  if (!row?.logo || !row.logo_media_type) return null;
  return { bytes: Buffer.from(row.logo), mediaType: row.logo_media_type };
}

export type TCreditorChanges = {
  name: string;
  iban: string | null;
  pec: string | null;
  email: string | null;
  phone: string | null;
  address: Record<string, string>;
};

export async function updateCreditorRow(db: TSql, id: number, c: TCreditorChanges): Promise<void> {
  await db.query(
    `update creditors set name = $2, iban = $3, pec = $4, email = $5, phone = $6, address = $7::jsonb
     where id = $1`,
    [id, c.name, c.iban, c.pec, c.email, c.phone, JSON.stringify(c.address)],
  );
}

/** Replaces (or with null removes) the logo. */
export async function setCreditorLogo(db: TSql, id: number, logo: TCreditorLogo | null): Promise<void> {
  await db.query('update creditors set logo = $2, logo_media_type = $3 where id = $1', [
    id,
    logo?.bytes ?? null,
    logo?.mediaType ?? null,
  ]);
}
