import type { TCents } from '../../core/shared/money.ts';

/** A credit on the creditor's account, as every bank format is read into (camt, CBI, CSV). */
export type TBankEntry = {
  /** Where the entry is in its file: an XML path or "line N". */
  where: string;
  /** The bank's own reference of the entry, prefixed by the account: importing it again is a no-op. */
  externalId: string;
  amountCents: TCents;
  currency: string;
  bookingDate: string;
  valueDate: string;
  payerName: string | null;
  payerIban: string | null;
  remittance: string;
  creditorReference: string | null;
};

export type TBankStatement = {
  accountIban: string | null;
  entries: TBankEntry[];
  /** Debits, reversals and entries not yet booked: not payments received. */
  skipped: number;
};
