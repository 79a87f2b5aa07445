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
  settings: Record<string, unknown>;
  created_at: Date;
};

const COLUMNS = 'id, name, country, vat_number, fiscal_code, iban, pec, email, phone, settings, created_at';

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
