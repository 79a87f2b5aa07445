import {
  runCollection,
  type TRunCollection,
  type TRunHooks,
} from '../../src/app/collection/run-collection.ts';
import { addCreditor } from '../../src/app/ledger/add-creditor.ts';
import { addInvoices } from '../../src/app/ledger/add-invoices.ts';
import { italianVatCheckDigit } from '../../src/core/ledger/tax-identifiers.ts';
import type { TSql } from '../../src/db/database.ts';
import { ctxOn } from '../support/fixtures.ts';

/**
 * Each test works on its own creditor (runs are limited to it), so tests of one file share a
 * database without seeing each other's cases. VAT numbers are generated with valid check digits.
 */
let serial = 0;
const uniquePrefix = String(Date.now() % 10_000).padStart(4, '0');

export function newVat(): string {
  serial += 1;
  const firstTen = `${uniquePrefix}${String(serial).padStart(6, '0')}`;
  return `IT${firstTen}${italianVatCheckDigit(firstTen)}`;
}

export const ALL_YES = {
  termsAgreed: 'yes',
  invoiceAccurate: 'yes',
  receiptConfirmed: 'yes',
  deliveryProof: 'yes',
  paymentInstructions: 'yes',
} as const;

export type TWorld = { creditorId: number; creditorVat: string; debtorVat: string };

export async function newWorld(db: TSql): Promise<TWorld> {
  const creditorVat = newVat();
  const c = await addCreditor(ctxOn(db, '2026-01-02'), {
    name: `Creditore ${creditorVat}`,
    vatNumber: creditorVat,
  });
  return { creditorId: c.id, creditorVat, debtorVat: newVat() };
}

export async function addInvoice(
  db: TSql,
  w: TWorld,
  number: string,
  instalments: Array<{ dueDate: string; amount: string }>,
  over: { debtorVat?: string; evidence?: Record<string, string>; issueDate?: string } = {},
): Promise<void> {
  const total = instalments.reduce((s, i) => s + Math.round(Number(i.amount) * 100), 0);
  const [r] = await addInvoices(ctxOn(db, '2026-01-10'), {
    number,
    type: 'invoice',
    issueDate: over.issueDate ?? '2026-01-10',
    currency: 'EUR',
    total: (total / 100).toFixed(2),
    paymentMethod: 'MP05',
    debtor: { name: `Debitore ${over.debtorVat ?? w.debtorVat}`, vatNumber: over.debtorVat ?? w.debtorVat },
    creditor: { vatNumber: w.creditorVat },
    instalments,
    evidence: over.evidence ?? ALL_YES,
  });
  if (r?.status !== 'imported') throw new Error(`invoice ${number} not imported`);
}

export function runOn(
  db: TSql,
  w: TWorld,
  day: string,
  options: Omit<TRunCollection, 'creditorId'> = {},
  hooks: TRunHooks = {},
) {
  return runCollection(ctxOn(db, day), { ...options, creditorId: w.creditorId }, hooks);
}

export async function actionSteps(db: TSql, w: TWorld): Promise<Array<[string, string, string]>> {
  const rows = await db.query<{ created_on: string; step_key: string; status: string }>(
    `select created_on, step_key, status from collection_actions where creditor_id = $1 order by id`,
    [w.creditorId],
  );
  return rows.map((r) => [r.created_on, r.step_key, r.status]);
}
