import type { TBulkRows } from './bulk-session.ts';
import {
  SYNTHETIC_INVOICE_CONSTANTS as INVOICE,
  SYNTHETIC_PAYMENT_CONSTANTS as PAYMENT,
  type TDebtorColumns,
  type TInvoiceChunk,
} from './synthetic-portfolio.ts';

/** Where each generated column goes: the synthetic portfolio's columns mapped onto the ledger tables. */

export function debtorRows(creditorId: number, chunk: TDebtorColumns): TBulkRows[] {
  return [
    {
      table: 'debtors',
      columns: [
        { name: 'creditor_id', type: 'int8', constant: creditorId },
        { name: 'id', type: 'int8', values: chunk.id },
        { name: 'name', type: 'text', values: chunk.name },
        { name: 'vat_number', type: 'text', values: chunk.vatNumber },
        { name: 'fiscal_code', type: 'text', values: chunk.fiscalCode },
        { name: 'pec', type: 'text', values: chunk.pec },
      ],
    },
  ];
}

/** Parents first: invoices, instalments, payments, allocations. */
export function invoiceRows(creditorId: number, chunk: TInvoiceChunk): TBulkRows[] {
  const tenant = { name: 'creditor_id', type: 'int8', constant: creditorId } as const;
  const { invoices, instalments, payments, allocations } = chunk;
  return [
    {
      table: 'invoices',
      columns: [
        tenant,
        { name: 'id', type: 'int8', values: invoices.id },
        { name: 'debtor_id', type: 'int8', values: invoices.debtorId },
        { name: 'number', type: 'text', values: invoices.number },
        { name: 'type', type: 'text', constant: INVOICE.type },
        { name: 'document_type', type: 'text', constant: INVOICE.documentType },
        { name: 'issue_date', type: 'date', values: invoices.issueDate },
        { name: 'issue_year', type: 'int4', values: invoices.issueYear },
        { name: 'currency', type: 'text', constant: INVOICE.currency },
        { name: 'total_cents', type: 'int8', values: invoices.totalCents },
        { name: 'payment_method', type: 'text', constant: INVOICE.paymentMethod },
        { name: 'source', type: 'text', constant: INVOICE.source },
        { name: 'fingerprint', type: 'text', values: invoices.fingerprint },
      ],
    },
    {
      table: 'instalments',
      columns: [
        tenant,
        { name: 'id', type: 'int8', values: instalments.id },
        { name: 'invoice_id', type: 'int8', values: instalments.invoiceId },
        { name: 'seq', type: 'int2', values: instalments.seq },
        { name: 'due_date', type: 'date', values: instalments.dueDate },
        { name: 'amount_cents', type: 'int8', values: instalments.amountCents },
      ],
    },
    {
      table: 'payments',
      columns: [
        tenant,
        { name: 'id', type: 'int8', values: payments.id },
        { name: 'debtor_id', type: 'int8', values: payments.debtorId },
        { name: 'amount_cents', type: 'int8', values: payments.amountCents },
        { name: 'currency', type: 'text', constant: PAYMENT.currency },
        { name: 'value_date', type: 'date', values: payments.valueDate },
        { name: 'method', type: 'text', constant: PAYMENT.method },
        { name: 'reference', type: 'text', values: payments.reference },
        { name: 'payer_name', type: 'text', values: payments.payerName },
        { name: 'source', type: 'text', constant: PAYMENT.source },
      ],
    },
    {
      table: 'allocations',
      columns: [
        tenant,
        { name: 'id', type: 'int8', values: allocations.id },
        { name: 'instalment_id', type: 'int8', values: allocations.instalmentId },
        { name: 'payment_id', type: 'int8', values: allocations.paymentId },
        { name: 'amount_cents', type: 'int8', values: allocations.amountCents },
        { name: 'allocated_on', type: 'date', values: allocations.allocatedOn },
      ],
    },
  ];
}
