/**
 * `casefile.json`: the machine-readable case file for an agency's system (docs/agency.md).
 * Amounts are decimal strings in the currency's units ("1220.00"), dates 'YYYY-MM-DD'. Every
 * file of the ZIP but casefile.json itself is listed in `files` with its SHA-256.
 */
export const CASE_FILE_FORMAT = 'riscossa-casefile';
export const CASE_FILE_VERSION = 1;

export type TCaseFileAmounts = {
  principal: string;
  capitalOutstanding: string;
  interestOutstanding: string;
  costsOutstanding: string;
  due: string;
};

export type TCaseFileManifest = {
  format: typeof CASE_FILE_FORMAT;
  version: typeof CASE_FILE_VERSION;
  asOf: string;
  builtAt: string;
  case: {
    id: number;
    status: string;
    policy: string;
    openedOn: string;
    anchorDueDate: string;
    handedOverOn: string | null;
    handedOverTo: string | null;
    assignee: string | null;
  };
  creditor: {
    name: string;
    vatNumber: string;
    fiscalCode: string | null;
    iban: string | null;
    pec: string | null;
  };
  debtor: {
    id: number;
    name: string;
    kind: string;
    country: string;
    language: string;
    vatNumber: string | null;
    fiscalCode: string | null;
    pec: string | null;
    emails: string[];
    phones: string[];
    addresses: Array<{
      kind: string;
      street: string;
      postalCode: string | null;
      city: string;
      province: string | null;
      country: string;
    }>;
  };
  invoices: Array<{
    id: number;
    number: string;
    type: string;
    documentType: string | null;
    issueDate: string;
    currency: string;
    total: string;
    paymentMethod: string | null;
    paymentIban: string | null;
    evidence: Record<string, string>;
    instalments: Array<{
      seq: number;
      dueDate: string;
      amount: string;
      capitalOutstanding: string;
      interestOutstanding: string;
    }>;
    totals: TCaseFileAmounts;
    files: { xml: string | null; pdf: string };
  }>;
  /** Per currency, at `asOf`: what the statement of account says is due. */
  amounts: Record<string, TCaseFileAmounts>;
  documents: Array<{
    id: number;
    kind: string;
    fileName: string;
    sha256: string;
    bytes: number;
    invoices: string[];
    path: string;
  }>;
  actions: Array<{
    id: number;
    date: string;
    doneOn: string | null;
    stepKey: string;
    channels: string[];
    tone: string;
    template: string;
    status: string;
    total: string;
    invoices: string[];
    tasks: Array<{
      id: number;
      kind: string;
      status: string;
      outcome: string | null;
      note: string | null;
      completedOn: string | null;
    }>;
    proofs: string[];
  }>;
  /** Tasks not tied to a step (tracing, asking for proof of payment). */
  tasks: Array<{
    id: number;
    kind: string;
    status: string;
    outcome: string | null;
    note: string | null;
    completedOn: string | null;
  }>;
  proofs: Array<{
    source: string;
    kind: string;
    date: string;
    reference: string;
    actionId: number | null;
    fileName: string;
    sha256: string;
    path: string;
  }>;
  register: {
    /** The whole chain of the creditor's register, recomputed when the file was built. */
    verification: {
      isValid: boolean;
      entries: number;
      firstBrokenSeq: number | null;
      problem: string | null;
    };
    extract: {
      path: string;
      entries: number;
      firstSeq: number | null;
      lastSeq: number | null;
      hashesMatch: boolean;
    };
  };
  statement: { date: string; pdf: string; json: string };
  progress: Array<{ date: string; stage: string; note: string; amount: string | null; recordedBy: string }>;
  files: Array<{ path: string; sha256: string; bytes: number }>;
};
