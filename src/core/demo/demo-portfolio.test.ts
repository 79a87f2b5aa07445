import { describe, expect, it } from 'vitest';
import { parseFiscalCode, parseVatNumber } from '../ledger/tax-identifiers.ts';
import { compareDates, parseDate } from '../shared/calendar-date.ts';
import { parseAmount, sumCents } from '../shared/money.ts';
import { percentOf, splitEvenly } from './demo-amounts.ts';
import { personalFiscalCode } from './demo-identifiers.ts';
import { DEMO_CREDITOR, DEMO_INVOICE_COUNT, generateDemoPortfolio } from './demo-portfolio.ts';

const TODAY = parseDate('2026-06-15');
const SEEDS = [1, 2, 7, 2026];

describe('generateDemoPortfolio', () => {
  it('gives the same portfolio for the same seed and day, and another for another seed', () => {
    const a = generateDemoPortfolio(1, TODAY);
    expect(generateDemoPortfolio(1, TODAY)).toEqual(a);
    expect(generateDemoPortfolio(2, TODAY).invoices).not.toEqual(a.invoices);
  });

  it('has 50 debtors with distinct identifiers that pass their check digits', () => {
    for (const seed of SEEDS) {
      const { debtors } = generateDemoPortfolio(seed, TODAY);
      expect(debtors).toHaveLength(50);
      expect(debtors.filter((d) => d.kind === 'consumer')).toHaveLength(4);
      expect(debtors.filter((d) => d.country !== 'IT').map((d) => d.country)).toEqual(['DE', 'FR']);
      const ids = debtors.map((d) => d.vatNumber ?? d.fiscalCode);
      expect(new Set(ids).size).toBe(50);
      expect(new Set(debtors.map((d) => d.name)).size).toBe(50);
      for (const d of debtors) {
        if (d.vatNumber) expect(parseVatNumber(d.vatNumber, 'vat', d.country).full).toBe(d.vatNumber);
        if (d.country === 'IT') expect(parseFiscalCode(d.fiscalCode!)).toBe(d.fiscalCode);
      }
    }
    expect(parseVatNumber(DEMO_CREDITOR.vatNumber).full).toBe(DEMO_CREDITOR.vatNumber);
  });

  it('computes the codice fiscale of the well-known example person', () => {
    // Mario Rossi, male, born 1 January 1980 in Roma (H501).
    const code = personalFiscalCode({
      surname: 'Rossi',
      givenName: 'Mario',
      isFemale: false,
      birthDate: '1980-01-01',
      belfiore: 'H501',
    });
    expect(code).toBe('RSSMRA80A01H501U');
  });

  it('adds 22% VAT in whole cents and splits instalments that sum to the total', () => {
    expect(percentOf(100_000, 22)).toBe(22_000);
    expect(percentOf(12_345, 22)).toBe(2_716); // 2715.9 rounds half up
    expect(splitEvenly(100_001, 3)).toEqual([33_333, 33_333, 33_335]);
    for (const seed of SEEDS) {
      const { invoices } = generateDemoPortfolio(seed, TODAY);
      const regular = invoices.filter((i) => i.type === 'invoice');
      expect(regular).toHaveLength(DEMO_INVOICE_COUNT);
      for (const inv of regular) {
        const total = parseAmount(inv.total);
        expect(sumCents(inv.instalments.map((t) => parseAmount(t.amount)))).toBe(total);
        expect(compareDates(parseDate(inv.issueDate), TODAY)).toBeLessThan(0);
      }
      expect(regular.some((i) => i.instalments.length === 2)).toBe(true);
      expect(regular.some((i) => i.instalments.length === 3)).toBe(true);
      expect(new Set(invoices.map((i) => i.number)).size).toBe(invoices.length);
    }
  });

  it('issues credit notes after their invoice, for at most its total, never after today', () => {
    const { invoices } = generateDemoPortfolio(1, TODAY);
    const byNumber = new Map(invoices.map((i, index) => [i.number, { i, index }]));
    const notes = invoices.filter((i) => i.type === 'credit-note');
    expect(notes.length).toBeGreaterThan(0);
    for (const [index, note] of invoices.entries()) {
      if (note.type !== 'credit-note') continue;
      const related = byNumber.get(note.relatedInvoice!.number)!;
      expect(related.index).toBeLessThan(index);
      expect(related.i.debtor.name).toBe(note.debtor.name);
      expect(parseAmount(note.total)).toBeLessThanOrEqual(parseAmount(related.i.total));
      expect(note.issueDate >= related.i.issueDate && note.issueDate <= TODAY).toBe(true);
    }
  });

  it('pays no invoice more than it owes after credit notes, on dates between issue and today', () => {
    for (const seed of SEEDS) {
      const { invoices, payments } = generateDemoPortfolio(seed, TODAY);
      const owed = new Map<string, number>();
      for (const i of invoices) {
        if (i.type === 'invoice') owed.set(i.number, parseAmount(i.total));
      }
      for (const i of invoices) {
        if (i.type === 'credit-note') {
          const n = i.relatedInvoice!.number;
          owed.set(n, owed.get(n)! - parseAmount(i.total));
        }
      }
      const issued = new Map(invoices.map((i) => [i.number, i.issueDate]));
      for (const p of payments) {
        const n = p.invoices[0]!;
        owed.set(n, owed.get(n)! - parseAmount(p.amount));
        expect(p.date >= issued.get(n)! && p.date <= TODAY).toBe(true);
      }
      expect([...owed.values()].every((left) => left >= 0)).toBe(true);
      expect(new Set(payments.map((p) => p.externalId)).size).toBe(payments.length);
      expect([...payments].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))).toEqual(
        payments,
      );
    }
  });
});
