import { z } from 'zod';

/**
 * The shape `invoices add` accepts: the same as one element of `invoices list --json`. Fields the
 * listing derives (id, outstanding, status) are accepted and ignored, so a listing can be fed back.
 * Domain checks (check digits, dates, sums) happen in the use case, which names field and value.
 */
const ZEvidenceAnswer = z.enum(['yes', 'no', 'unknown']);

export const ZAddressInput = z.object({
  kind: z.enum(['registered', 'billing', 'shipping', 'other']).default('registered'),
  street: z.string().min(1),
  postalCode: z.string().nullish(),
  city: z.string().min(1),
  province: z.string().nullish(),
  country: z.string().length(2).default('IT'),
});

export const ZDebtorInput = z.object({
  name: z.string().trim().min(1),
  kind: z.enum(['business', 'consumer', 'public-administration']).default('business'),
  country: z.string().length(2).default('IT'),
  vatNumber: z.string().nullish(),
  fiscalCode: z.string().nullish(),
  pec: z.string().nullish(),
  emails: z.array(z.string()).default([]),
  phones: z.array(z.string()).default([]),
  language: z.string().min(2).max(5).default('it'),
  customerGroup: z.string().nullish(),
  notes: z.string().nullish(),
  addresses: z.array(ZAddressInput).default([]),
  contacts: z
    .array(
      z.object({
        name: z.string().min(1),
        role: z.string().nullish(),
        email: z.string().nullish(),
        phone: z.string().nullish(),
      }),
    )
    .default([]),
});

export const ZInvoiceInput = z.object({
  number: z.string().trim().min(1),
  type: z.enum(['invoice', 'credit-note', 'debit-note', 'other']).default('invoice'),
  documentType: z.string().nullish(),
  issueDate: z.string(),
  currency: z.string().default('EUR'),
  total: z.union([z.string(), z.number()]),
  paymentMethod: z.string().nullish(),
  paymentIban: z.string().nullish(),
  relatedInvoice: z.object({ number: z.string(), issueDate: z.string().nullish() }).nullish(),
  debtor: ZDebtorInput,
  creditor: z.object({ vatNumber: z.string(), name: z.string().optional() }),
  instalments: z
    .array(z.object({ dueDate: z.string(), amount: z.union([z.string(), z.number()]) }))
    .default([]),
  evidence: z
    .object({
      termsAgreed: ZEvidenceAnswer.default('unknown'),
      invoiceAccurate: ZEvidenceAnswer.default('unknown'),
      receiptConfirmed: ZEvidenceAnswer.default('unknown'),
      deliveryProof: z.enum(['yes', 'no', 'unknown', 'not-applicable']).default('unknown'),
      paymentInstructions: ZEvidenceAnswer.default('unknown'),
    })
    .default({
      termsAgreed: 'unknown',
      invoiceAccurate: 'unknown',
      receiptConfirmed: 'unknown',
      deliveryProof: 'unknown',
      paymentInstructions: 'unknown',
    }),
});

export type TInvoiceInput = z.infer<typeof ZInvoiceInput>;
export type TDebtorInput = z.infer<typeof ZDebtorInput>;
