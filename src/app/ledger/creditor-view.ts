import type { TCreditorRow } from '../../db/queries/creditors.ts';

export type TCreditorView = {
  id: number;
  name: string;
  country: string;
  vatNumber: string;
  fiscalCode: string | null;
  iban: string | null;
  pec: string | null;
  email: string | null;
  phone: string | null;
};

export function toCreditorView(row: TCreditorRow): TCreditorView {
  return {
    id: row.id,
    name: row.name,
    country: row.country,
    vatNumber: row.vat_number,
    fiscalCode: row.fiscal_code,
    iban: row.iban,
    pec: row.pec,
    email: row.email,
    phone: row.phone,
  };
}
