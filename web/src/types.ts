/** The API's JSON shapes the screens use (documented in docs/cli.md and docs/web.md). */
export type TTask = {
  id: number;
  caseId: number;
  dueDate: string;
  stepKey: string | null;
  kind: string;
  status: string;
  isLate: boolean;
  reason: string | null;
  hasBrokenPromise: boolean;
  riskClass: string | null;
  debtor: { id: number; name: string; vatNumber: string | null; fiscalCode: string | null };
  instalments: Array<{
    id: number;
    invoiceNumber: string;
    dueDate: string;
    outstanding: string;
    currency: string;
  }>;
  amount: string;
};

export type TAction = {
  id: number | null;
  stepKey: string;
  channel: string;
  status: string;
  debtor: { id: number; name: string };
  total: string;
  tasks: string[];
};

export type TRunResult = {
  isDryRun: boolean;
  stepsTaken: number;
  tasksCreated: number;
  casesOpened: number;
  actions: TAction[];
};

export type TTimelineEntry = {
  seq: number;
  at: string;
  actor: string;
  action: string;
  subject: string;
  reason: string | null;
  data: Record<string, unknown>;
};

export type TInvoice = {
  id: number;
  number: string;
  type: string;
  issueDate: string;
  currency: string;
  total: string;
  outstanding: string;
  instalments: Array<{
    id: number;
    seq: number;
    dueDate: string;
    amount: string;
    outstanding: string;
    status: string;
    daysOverdue: number;
  }>;
};

export type TOverview = {
  asOf: string;
  creditor: { id: number; name: string; vatNumber: string };
  debtor: {
    id: number;
    name: string;
    kind: string;
    vatNumber: string | null;
    fiscalCode: string | null;
    pec: string | null;
    emails: string[];
    phones: string[];
    language: string;
    addresses: Array<{
      kind: string;
      street: string;
      postal_code: string | null;
      city: string;
      province: string | null;
    }>;
    contacts: Array<{ name: string; role: string | null; email: string | null; phone: string | null }>;
  };
  invoices: TInvoice[];
  timeline: TTimelineEntry[];
  promises: Array<{
    id: number;
    planId: number | null;
    dueDate: string;
    amount: string;
    status: string;
    madeOn: string;
  }>;
  disputes: Array<{ id: number; invoiceNumber: string; status: string; reason: string; openedOn: string }>;
  holds: Array<{
    id: number;
    invoiceNumber: string | null;
    reason: string;
    startsOn: string;
    endsOn: string | null;
    isActive: boolean;
  }>;
  receipts: Array<{
    id: number;
    fileName: string;
    paidOn: string | null;
    note: string | null;
    receivedAt: string;
  }>;
  links: Array<{ id: number; state: string; expiresAt: string }>;
};

export type TRisk = {
  score: number | null;
  class: string;
  factors: Array<{ key: string; label?: string; measure?: number | null; points?: number }>;
  isChronicLatePayer: boolean;
  exposure: string;
  overdue: string;
  creditLimit: string | null;
};

export type TReport = {
  report: string;
  asOf: string;
  columns: Array<{ key: string; header: string; type: string }>;
  rows: Array<Record<string, string | number | boolean | null>>;
};
