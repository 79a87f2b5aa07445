/**
 * The variables a template may use. Every value is already formatted for the debtor's language
 * (amounts exact to the cent, dates), so a template never computes. Strict rendering refuses any
 * name not in this shape: the sample below has every field, and saving a template renders it
 * against the sample, so a typo is an error at save time, never a blank in a letter.
 */
export type TTemplateInstalment = {
  invoice_number: string;
  instalment: number;
  invoice_date: string;
  due_date: string;
  amount: string;
  outstanding: string;
  days_overdue: number;
};

export type TTemplateContext = {
  language: string;
  today: string;
  deadline: string;
  reference: string;
  creditor: {
    name: string;
    vat_number: string;
    address: string;
    email: string;
    pec: string;
    phone: string;
    contacts: string;
  };
  debtor: { name: string; vat_number: string; fiscal_code: string; address: string };
  instalments: TTemplateInstalment[];
  instalment_count: number;
  total: string;
  interest: string | null;
  interest_basis: string;
  indemnity: string | null;
  total_due: string;
  payment: { iban: string; payee: string; reference: string; amount: string };
  step: { key: string; tone: string };
};

export const SAMPLE_CONTEXT: TTemplateContext = {
  language: 'it',
  today: '15/03/2026',
  deadline: '30/03/2026',
  reference: 'RF18 C1D2',
  creditor: {
    name: 'Acme Forniture S.r.l.',
    vat_number: 'IT01114601006',
    address: 'Via Roma 1, 20121 Milano (MI)',
    email: 'amministrazione@acme.example',
    pec: 'acme@pec.example',
    phone: '+39 02 1234567',
    contacts: 'e-mail amministrazione@acme.example, tel. +39 02 1234567',
  },
  debtor: {
    name: 'Rossi Costruzioni S.p.A.',
    vat_number: 'IT00488410010',
    fiscal_code: '',
    address: 'Via Garibaldi 10, 10122 Torino (TO)',
  },
  instalments: [
    {
      invoice_number: 'FT-2026/001',
      instalment: 1,
      invoice_date: '10/01/2026',
      due_date: '28/02/2026',
      amount: 'EUR 1.220,00',
      outstanding: 'EUR 1.220,00',
      days_overdue: 15,
    },
  ],
  instalment_count: 1,
  total: 'EUR 1.220,00',
  interest: 'EUR 5,10',
  interest_basis: 'D.Lgs. 231/2002',
  indemnity: 'EUR 40,00',
  total_due: 'EUR 1.265,10',
  payment: {
    iban: 'IT60 X054 2811 1010 0000 0123 456',
    payee: 'Acme Forniture S.r.l.',
    reference: 'RF18 C1D2',
    amount: 'EUR 1.220,00',
  },
  step: { key: 'letter-1', tone: 'friendly' },
};
