import type { TImportIssue } from '../../adapters/import-rejection.ts';

export type TImportFormat = 'fatturapa' | 'csv' | 'camt053' | 'camt054' | 'cbi';
export type TImportStatus = 'imported' | 'duplicate' | 'rejected';

/** The JSON result of one file (docs/imports.md): a public shape, fields only ever added. */
export type TImportFileResult = {
  file: string;
  /** null when the file was refused before its format could be told (unreadable zip, unknown content). */
  format: TImportFormat | null;
  status: TImportStatus;
  counts: Record<string, number>;
  errors: TImportIssue[];
};

export type TImportOptions = {
  /** Create the seller of a FatturaPA file as a creditor when it is not one yet. */
  createCreditor?: boolean;
  /** Due date of invoices without DatiPagamento: issue date + this many days (else the creditor's setting). */
  paymentTermDays?: number | null;
  /** The creditor a bank statement or CSV file belongs to (VAT number), when the file does not say. */
  creditorVat?: string | null;
  /** CSV column mapping: a saved mapping's name or the mapping itself. */
  mapping?: string | Record<string, unknown> | null;
  /** Save the mapping given under this name for the next files of the same source. */
  saveMappingAs?: string | null;
  /**
   * FatturaPA files per transaction (default 500): each file is still accepted or refused whole.
   * 1 imports every file in its own transaction (the reference path the batch must agree with).
   */
  batchSize?: number;
  onProgress?: (event: TImportProgress) => void;
};

export type TImportProgress = { file: string; filesDone: number; filesTotal: number; status?: TImportStatus };

/**
 * The import_files row of the file being imported, created on first use (its creditor is known
 * only once the file is read) so that invoices and payments are inserted already linked to it.
 */
export type TFileRecord = { id(creditorId: number): Promise<number>; name?: string };

/** What a format's importer reports to the orchestrator, inside the file's transaction. */
export type TFileOutcome = {
  creditorId: number;
  status: 'imported' | 'duplicate';
  counts: Record<string, number>;
  invoiceIds: number[];
  paymentIds: number[];
};
