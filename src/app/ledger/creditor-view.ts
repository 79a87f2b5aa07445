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
  /** Postal address printed on letters: street, postalCode, city, province, country. */
  address: Record<string, string>;
  hasLogo: boolean;
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
    address: Object.fromEntries(
      Object.entries(row.address ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string'),
    ),
    hasLogo: row.has_logo,
  };
}
