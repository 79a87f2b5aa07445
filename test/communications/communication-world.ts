import { addCreditor } from '../../src/app/ledger/add-creditor.ts';
import { addInvoices } from '../../src/app/ledger/add-invoices.ts';
import type { TSql } from '../../src/db/database.ts';
import { ALL_YES, newVat } from '../collection/collection-fixtures.ts';
import { ctxOn } from '../support/fixtures.ts';

export const CREDITOR_IBAN = 'IT60X0542811101000000123456';

export type TCommWorld = { creditorId: number; creditorVat: string; debtorVat: string };

/**
 * A creditor with bank details and contacts, and a debtor (Italian unless `language` says
 * otherwise) with an address, an e-mail and a PEC, owing two invoices:
 * FT-1 1220.00 due 2026-02-02, FT-2 in two instalments 300.50 due 2026-02-10 and 2026-04-10.
 */
export async function commWorld(
  db: TSql,
  over: { language?: string; email?: string; pec?: string | null; policy?: string } = {},
): Promise<TCommWorld> {
  const creditorVat = newVat();
  const debtorVat = newVat();
  const c = await addCreditor(ctxOn(db, '2026-01-02'), {
    name: `Acme Forniture ${creditorVat} S.r.l.`,
    vatNumber: creditorVat,
    iban: CREDITOR_IBAN,
    email: 'amministrazione@acme.example',
    phone: '+39 02 1234567',
    pec: 'acme@pec.example',
  });
  const debtor = {
    name: `Rossi Costruzioni ${debtorVat} S.p.A.`,
    vatNumber: debtorVat,
    language: over.language ?? 'it',
    emails: [over.email ?? 'contabilita@rossi.example'],
    pec: over.pec === undefined ? 'rossi@pec.example' : over.pec,
    addresses: [{ street: 'Via Garibaldi 10', postalCode: '10122', city: 'Torino', province: 'TO' }],
  };
  const base = {
    type: 'invoice',
    issueDate: '2026-01-10',
    currency: 'EUR',
    paymentMethod: 'MP05',
    debtor,
    creditor: { vatNumber: creditorVat },
    evidence: ALL_YES,
  };
  const results = await addInvoices(ctxOn(db, '2026-01-10'), [
    {
      ...base,
      number: 'FT-1',
      total: '1220.00',
      instalments: [{ dueDate: '2026-02-02', amount: '1220.00' }],
    },
    {
      ...base,
      number: 'FT-2',
      total: '601.00',
      instalments: [
        { dueDate: '2026-02-10', amount: '300.50' },
        { dueDate: '2026-04-10', amount: '300.50' },
      ],
    },
  ] as never);
  if (results.some((r) => r.status !== 'imported')) throw new Error(JSON.stringify(results));
  return { creditorId: c.id, creditorVat, debtorVat };
}
