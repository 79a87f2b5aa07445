import type { TTemplateChannel } from '../../core/communications/channels.ts';
import { epcQrPayload } from '../../core/communications/epc-qr.ts';
import {
  formatDateFor,
  formatMoneyFor,
  type TTemplateLanguage,
  templateLanguage,
} from '../../core/communications/language.ts';
import { renderTemplate, type TRenderedText } from '../../core/communications/render-template.ts';
import type { TTemplateContext } from '../../core/communications/template-context.ts';
import { debtorReference, formatRfReference, instalmentReference } from '../../core/matching/rf-reference.ts';
import { addDays, daysBetween, type TCalendarDate } from '../../core/shared/calendar-date.ts';
import { AppError } from '../../core/shared/errors.ts';
import { parseAmount, sumCents, type TCents } from '../../core/shared/money.ts';
import type { TSql } from '../../db/database.ts';
import {
  findCreditorAddress,
  findDebtorPostalAddress,
  listInstalmentBalances,
  type TOwedInstalmentRow,
} from '../../db/queries/communication-sources.ts';
import { findCreditorById, findCreditorLogo, type TCreditorRow } from '../../db/queries/creditors.ts';
import type { TDebtorRow } from '../../db/queries/debtors.ts';
import { invoiceAccounts } from '../interest/invoice-accounts.ts';
import { effectiveTemplate } from './effective-template.ts';

/**
 * Days the debtor is given from the date of a communication: 10 days from receipt (seed 003)
 * plus 5 for the post to deliver it. One figure for every channel keeps letters and e-mails of
 * the same step consistent.
 */
export const PAYMENT_DEADLINE_DAYS = 15;

const INTEREST_BASIS: Record<TTemplateLanguage, Record<string, string>> = {
  it: { commercial: 'D.Lgs. 231/2002', legal: 'tasso legale (art. 1284 c.c.)', contractual: 'contratto' },
  en: {
    commercial: 'Legislative Decree 231/2002',
    legal: 'the legal rate (art. 1284 Civil Code)',
    contractual: 'the contract',
  },
};

export type TCommunicationInstalment = TOwedInstalmentRow;

export type TCommunication = {
  creditor: TCreditorRow;
  creditorAddressLines: string[];
  /** The letterhead logo, when the creditor has one. */
  creditorLogo: Buffer | null;
  debtor: TDebtorRow;
  /** The envelope window: name, street, postal code and city, country when abroad. */
  debtorAddressLines: string[];
  language: TTemplateLanguage;
  channel: TTemplateChannel;
  templateKey: string;
  isCustomTemplate: boolean;
  date: TCalendarDate;
  instalments: TCommunicationInstalment[];
  currency: string;
  totalCents: TCents;
  rfReference: string;
  /** EPC069-12 payload; null when the creditor has no IBAN or the currency is not EUR. */
  qrPayload: string | null;
  context: TTemplateContext;
  text: TRenderedText;
};

export type TBuildCommunication = {
  creditorId: number;
  debtor: TDebtorRow;
  templateKey: string;
  stepKey: string;
  tone: string;
  channel: TTemplateChannel;
  /** Instalments the communication chases; settled ones are left out here, at render time. */
  instalmentIds: readonly number[];
  date: TCalendarDate;
  language?: TTemplateLanguage | null;
  /** A text not saved yet, rendered instead of the stored one (the template editor's preview). */
  draft?: { subject: string; body: string; closing: string } | null;
};

function addressOf(a: Record<string, unknown>): string[] {
  const text = (k: string) => (typeof a[k] === 'string' ? (a[k] as string) : '');
  const city = [text('postalCode'), text('city'), text('province') ? `(${text('province')})` : '']
    .filter(Boolean)
    .join(' ');
  return [text('street'), city].filter(Boolean);
}

async function interestFor(
  db: TSql,
  creditorId: number,
  instalments: readonly TOwedInstalmentRow[],
  date: TCalendarDate,
): Promise<{ interestCents: TCents; indemnityCents: TCents; kind: string } | null> {
  const invoiceIds = [...new Set(instalments.map((i) => i.invoice_id))];
  try {
    const accounts = await invoiceAccounts(db, creditorId, { invoiceIds }, { to: date });
    const indemnities = accounts.flatMap((a) =>
      a.indemnity ? [parseAmount(a.indemnity.amount, 'indemnity', 'EUR')] : [],
    );
    return {
      interestCents: sumCents(accounts.map((a) => a.cents.interestOutstandingCents)),
      indemnityCents: sumCents(indemnities),
      kind: accounts[0]?.regime.kind ?? 'commercial',
    };
  } catch (error) {
    // A semester without a published rate: the letter states no interest rather than a wrong one.
    if (error instanceof AppError && error.code === 'MISSING_RATE') return null;
    throw error;
  }
}

/**
 * Everything one communication says, from the ledger as it is now: the instalments still owed
 * (with their current balance), interest and indemnity to the date, the RF reference and the
 * SEPA QR payload, and the template rendered in the debtor's language. Null when nothing the
 * communication chases is owed any more.
 */
export async function buildCommunication(db: TSql, b: TBuildCommunication): Promise<TCommunication | null> {
  const creditor = (await findCreditorById(db, b.creditorId))!;
  const rows = await listInstalmentBalances(db, b.creditorId, b.instalmentIds);
  const instalments = rows.filter((r) => r.outstanding_cents > 0);
  if (instalments.length === 0) return null;
  const language = b.language ?? templateLanguage(b.debtor.language);
  const currency = instalments[0]!.currency;
  const money = (c: TCents) => formatMoneyFor(c, currency, language);
  const date = (d: string) => formatDateFor(d, language);
  const totalCents = sumCents(instalments.map((i) => i.outstanding_cents));
  const rfReference =
    instalments.length === 1
      ? instalmentReference(b.creditorId, instalments[0]!.id)
      : debtorReference(b.creditorId, b.debtor.id);
  const interest = await interestFor(db, b.creditorId, instalments, b.date);
  const postal = await findDebtorPostalAddress(db, b.creditorId, b.debtor.id);
  const debtorAddressLines = [
    b.debtor.name,
    ...(postal
      ? [
          postal.street,
          [postal.postal_code, postal.city, postal.province ? `(${postal.province})` : '']
            .filter(Boolean)
            .join(' '),
          ...(postal.country !== 'IT' ? [postal.country] : []),
        ]
      : []),
  ];
  const creditorAddressLines = addressOf(await findCreditorAddress(db, b.creditorId));
  const contacts = [
    creditor.email ? `${language === 'it' ? 'e-mail' : 'e-mail'} ${creditor.email}` : '',
    creditor.phone ? `${language === 'it' ? 'tel.' : 'phone'} ${creditor.phone}` : '',
    creditor.pec ? `PEC ${creditor.pec}` : '',
  ].filter(Boolean);
  const iban = creditor.iban ?? '';
  const context: TTemplateContext = {
    language,
    today: date(b.date),
    deadline: date(addDays(b.date, PAYMENT_DEADLINE_DAYS)),
    reference: formatRfReference(rfReference),
    creditor: {
      name: creditor.name,
      vat_number: creditor.vat_number,
      address: creditorAddressLines.join(', '),
      email: creditor.email ?? '',
      pec: creditor.pec ?? '',
      phone: creditor.phone ?? '',
      contacts: contacts.join(', '),
    },
    debtor: {
      name: b.debtor.name,
      vat_number: b.debtor.vat_number ?? '',
      fiscal_code: b.debtor.fiscal_code ?? '',
      address: debtorAddressLines.slice(1).join(', '),
    },
    instalments: instalments.map((i) => ({
      invoice_number: i.invoice_number,
      instalment: i.seq,
      invoice_date: date(i.issue_date),
      due_date: date(i.due_date),
      amount: money(i.amount_cents),
      outstanding: money(i.outstanding_cents),
      days_overdue: Math.max(0, daysBetween(i.due_date as TCalendarDate, b.date)),
    })),
    instalment_count: instalments.length,
    total: money(totalCents),
    interest: interest && interest.interestCents > 0 ? money(interest.interestCents) : null,
    interest_basis: INTEREST_BASIS[language][interest?.kind ?? 'commercial'] ?? '',
    indemnity: interest && interest.indemnityCents > 0 ? money(interest.indemnityCents) : null,
    total_due: money(totalCents + (interest?.interestCents ?? 0) + (interest?.indemnityCents ?? 0)),
    payment: {
      iban: iban.replace(/(.{4})(?=.)/g, '$1 '),
      payee: creditor.name,
      reference: formatRfReference(rfReference),
      amount: money(totalCents),
    },
    step: { key: b.stepKey, tone: b.tone },
  };
  const template = b.draft
    ? { ...b.draft, isCustom: true }
    : await effectiveTemplate(db, b.creditorId, { templateKey: b.templateKey, language, channel: b.channel });
  return {
    creditor,
    creditorAddressLines,
    creditorLogo: creditor.has_logo ? ((await findCreditorLogo(db, b.creditorId))?.bytes ?? null) : null,
    debtor: b.debtor,
    debtorAddressLines,
    language,
    channel: b.channel,
    templateKey: b.templateKey,
    isCustomTemplate: template.isCustom,
    date: b.date,
    instalments,
    currency,
    totalCents,
    rfReference,
    qrPayload:
      iban && currency === 'EUR'
        ? epcQrPayload({ payee: creditor.name, iban, amountCents: totalCents, rfReference })
        : null,
    context,
    text: renderTemplate(template, context),
  };
}

/**
 * For the senders: a communication that cannot be made (no template for its key and channel, a
 * template broken since) is a problem for a person on that one message, not a failure of the run.
 */
export async function buildOrExplain(
  db: TSql,
  b: TBuildCommunication,
): Promise<{ comm: TCommunication | null; problem: string | null }> {
  try {
    return { comm: await buildCommunication(db, b), problem: null };
  } catch (error) {
    if (error instanceof AppError) return { comm: null, problem: error.message };
    throw error;
  }
}
