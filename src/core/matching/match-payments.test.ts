import { describe, expect, it } from 'vitest';
import { findExactCombination } from './combination.ts';
import {
  MatchIndex,
  matchCredit,
  normalizeName,
  type TBankCredit,
  type TOpenInstalment,
} from './match-payments.ts';
import { instalmentReference } from './rf-reference.ts';

// Creditor 1. Rossi (debtor 10) owes FT-2026/001 in two instalments and FT-2026/002;
// Bianchi (debtor 20) owes 45/2026.
const OPEN: TOpenInstalment[] = [
  {
    instalmentId: 1,
    invoiceId: 100,
    invoiceNumber: 'FT-2026/001',
    issueYear: 2026,
    debtorId: 10,
    dueDate: '2026-02-28',
    currency: 'EUR',
    outstandingCents: 122_000,
  },
  {
    instalmentId: 2,
    invoiceId: 100,
    invoiceNumber: 'FT-2026/001',
    issueYear: 2026,
    debtorId: 10,
    dueDate: '2026-03-31',
    currency: 'EUR',
    outstandingCents: 122_000,
  },
  {
    instalmentId: 3,
    invoiceId: 101,
    invoiceNumber: 'FT-2026/002',
    issueYear: 2026,
    debtorId: 10,
    dueDate: '2026-03-04',
    currency: 'EUR',
    outstandingCents: 61_000,
  },
  {
    instalmentId: 4,
    invoiceId: 200,
    invoiceNumber: '45/2026',
    issueYear: 2026,
    debtorId: 20,
    dueDate: '2026-03-10',
    currency: 'EUR',
    outstandingCents: 61_000,
  },
];
const DEBTORS = [
  { id: 10, name: 'Rossi Costruzioni S.p.A.' },
  { id: 20, name: 'Bianchi & Figli S.r.l.' },
];

function index() {
  return new MatchIndex(1, OPEN, DEBTORS, [{ iban: 'IT02L1234512345123456789012', debtorId: 20 }]);
}
function credit(over: Partial<TBankCredit>): TBankCredit {
  return {
    amountCents: 10_000,
    currency: 'EUR',
    payerName: null,
    payerIban: null,
    remittance: '',
    creditorReference: null,
    ...over,
  };
}

describe('matching bank credits to open instalments', () => {
  it('1. follows a Riscossa RF reference to its instalment, the excess stays as credit', () => {
    const d = matchCredit(
      index(),
      credit({ amountCents: 130_000, creditorReference: instalmentReference(1, 2) }),
    );
    expect(d).toEqual({
      status: 'matched',
      rule: 'rf-reference',
      debtorId: 10,
      allocations: [{ instalmentId: 2, amountCents: 122_000 }],
      remainderCents: 8_000,
    });
    // Another creditor's reference is not ours.
    expect(matchCredit(index(), credit({ creditorReference: instalmentReference(2, 2) })).status).toBe(
      'unmatched',
    );
  });

  it('2. finds invoice numbers in the text and settles their instalments oldest first', () => {
    const d = matchCredit(
      index(),
      credit({ amountCents: 150_000, remittance: 'SALDO FATT. 1/2026 E FT2026002' }),
    );
    expect(d).toEqual({
      status: 'matched',
      rule: 'invoice-number',
      debtorId: 10,
      allocations: [
        { instalmentId: 1, amountCents: 122_000 },
        { instalmentId: 3, amountCents: 28_000 },
      ],
      remainderCents: 0,
    });
  });

  it('3. matches the exact amount of a known payer: one instalment or a combination', () => {
    const byName = matchCredit(
      index(),
      credit({ amountCents: 183_000, payerName: 'ROSSI COSTRUZIONI SPA', remittance: 'bonifico' }),
    );
    expect(byName).toMatchObject({
      rule: 'exact-amount',
      debtorId: 10,
      allocations: [{ instalmentId: 1 }, { instalmentId: 3 }],
    });
    const byIban = matchCredit(
      index(),
      credit({ amountCents: 61_000, payerIban: 'IT02L1234512345123456789012' }),
    );
    expect(byIban).toMatchObject({
      rule: 'exact-amount',
      debtorId: 20,
      allocations: [{ instalmentId: 4, amountCents: 61_000 }],
    });
  });

  it('leaves the rest for a person, with suggestions', () => {
    const d = matchCredit(
      index(),
      credit({ amountCents: 61_000, payerName: 'Sconosciuto', remittance: 'pagamento' }),
    );
    expect(d.status).toBe('unmatched');
    expect(d.status === 'unmatched' && d.suggestions.map((s) => [s.invoiceNumber, s.reason])).toEqual([
      ['FT-2026/002', 'same amount as an open instalment'],
      ['45/2026', 'same amount as an open instalment'],
    ]);
  });

  it('never settles the same cents twice within one statement', () => {
    const ix = index();
    const c = credit({ amountCents: 61_000, payerIban: 'IT02L1234512345123456789012' });
    const first = matchCredit(ix, c);
    ix.apply(first, c);
    const second = matchCredit(ix, c);
    expect(first.status).toBe('matched');
    expect(second.status).toBe('unmatched');
  });

  it('normalises company names and finds exact combinations', () => {
    expect(normalizeName('Rossi Costruzioni S.p.A.')).toBe(normalizeName('ROSSI COSTRUZIONI SPA'));
    const items = [
      { outstandingCents: 500 },
      { outstandingCents: 300 },
      { outstandingCents: 200 },
      { outstandingCents: 700 },
    ];
    expect(findExactCombination(900, items)).toEqual([items[2], items[3]]);
    expect(findExactCombination(800, items)).toEqual([items[0], items[1]]);
    expect(findExactCombination(1, items)).toBeNull();
  });
});
