import type { TTemplateText } from './default-templates.ts';

/** English defaults: the same letters as the Italian ones, for debtors who read English. */
const SIGNATURE = `Kind regards

{{ creditor.name }}
Accounts department{% if creditor.contacts != "" %} – {{ creditor.contacts }}{% endif %}`;

const NEUTRAL_SUBJECT = '{{ creditor.name }} – account information ref. {{ reference }}';

export const DEFAULT_TEMPLATES_EN: Record<string, TTemplateText> = {
  'pre-due-reminder': {
    subject: '{{ creditor.name }} – upcoming due dates',
    body: `Dear {{ debtor.name }},

for your convenience, here are the upcoming due dates of our invoices, listed below. If payment has already been arranged, there is nothing to do: thank you.`,
    closing: `If anything in these documents looks wrong to you, please write to us: we would rather clear it up before the due date.

${SIGNATURE}`,
  },
  'friendly-reminder-with-payment-details': {
    subject: NEUTRAL_SUBJECT,
    body: `Dear {{ debtor.name }},

our records show the documents listed below as still open. An invoice can go astray, land in the wrong mailbox, or a transfer can go to a different account: if you have already paid, please disregard this message and, if you can, send us the payment confirmation so that we can match it correctly.

If you never received the invoice, or it contains a mistake, just reply: we will send a copy or correct it at once.`,
    closing: `You can pay by bank transfer to the account below, or scan the QR code with your banking app: amount and reference are already filled in.

${SIGNATURE}`,
  },
  'payment-instructions': {
    subject: '{{ creditor.name }} – payment details',
    body: `Dear {{ debtor.name }},

as agreed on the phone, here are the correct payment details for the documents listed below. Please quote the reference {{ reference }} with your transfer: it lets us match it without delay.`,
    closing: `Thank you for your cooperation.

${SIGNATURE}`,
  },
  'reminder-letter': {
    subject: NEUTRAL_SUBJECT,
    body: `Dear {{ debtor.name }},

our records show that the documents listed below, for a total of {{ total }}, have not been paid yet. We trust this is a simple oversight.

Please arrange payment by {{ deadline }}. If you have already paid, please disregard this letter and send us a copy of the payment confirmation.`,
    closing: `We remain at your disposal for any question.

${SIGNATURE}`,
  },
  'letter-1-pay-within-10-days': {
    subject: NEUTRAL_SUBJECT,
    body: `Dear {{ debtor.name }},

following our recent telephone call, the documents listed below, for a total of {{ total }}, are still open.

We kindly ask you to settle them within 10 days of receiving this letter (by {{ deadline }}). If you dispute the supply or the invoice, please tell us in writing straight away: we will look into it carefully.`,
    closing: `If payment has already been made, please disregard this letter.

${SIGNATURE}`,
  },
  'final-notice': {
    subject: NEUTRAL_SUBJECT,
    body: `Dear {{ debtor.name }},

despite our previous reminders, the documents listed below, for a total of {{ total }}, remain unpaid.

We ask you to pay no later than {{ deadline }}. If that date passes without payment, we will have to send you a formal notice of default, charging the late-payment interest and recovery costs provided by law.`,
    closing: `If paying in one instalment is difficult, contact us before that date: we will look at a repayment plan together.

${SIGNATURE}`,
  },
  'second-reminder-letter': {
    subject: NEUTRAL_SUBJECT,
    body: `Dear {{ debtor.name }},

having had no reply to our previous letters, we remind you that the documents listed below, for a total of {{ total }}, are still unpaid.

Payment must reach us no later than {{ deadline }}. Otherwise, without further notice, we will send a formal demand and take the steps needed to protect our claim, with interest and costs charged to you.`,
    closing: `If you believe that all or part of these amounts is not due, please tell us in writing by the same date.

${SIGNATURE}`,
  },
  'letter-2-agency-in-10-days': {
    subject: NEUTRAL_SUBJECT,
    body: `Registered letter with return receipt

Dear {{ debtor.name }},

despite our previous letter and telephone calls, the documents listed below, for a total of {{ total }}, are still unpaid.

Please settle the whole amount within 10 days of receiving this letter (by {{ deadline }}). If that date passes without payment, we will hand the matter to an out-of-court collection agency, with further costs charged to you{% if indemnity %}, in addition to the flat indemnity of {{ indemnity }} under art. 6 of Legislative Decree 231/2002{% endif %}{% if interest %} and late-payment interest, {{ interest }} as of today{% endif %}.`,
    closing: `This letter is our last amicable request.

${SIGNATURE}`,
  },
  'formal-demand-letter': {
    subject: NEUTRAL_SUBJECT,
    body: `Registered letter with return receipt

To {{ debtor.name }}{% if debtor.vat_number != "" %} (VAT {{ debtor.vat_number }}){% endif %}

Subject: formal notice of default under art. 1219 of the Italian Civil Code

{{ creditor.name }} (VAT {{ creditor.vat_number }}) holds a claim against you of {{ total }} in principal, for the supplies documented by the invoices listed below, due and unpaid despite our repeated reminders.

By this letter we formally demand payment and place you in default under art. 1219 of the Civil Code. You must pay no later than {{ deadline }}:
- the principal of {{ total }};{% if interest %}
- late-payment interest under {{ interest_basis }}, {{ interest }} as of today, which continues to accrue until payment;{% endif %}{% if indemnity %}
- the flat sum of {{ indemnity }} for recovery costs (art. 6 Legislative Decree 231/2002), without prejudice to proof of greater damage;{% endif %}
in all {{ total_due }} as of today.

Failing payment, without further notice, we will take legal action to recover the claim, including an application for a payment order, with costs charged to you. This letter also interrupts the limitation period under art. 2943 of the Civil Code.`,
    closing: `Yours faithfully

{{ creditor.name }}`,
  },
  'diffida-legale': {
    subject: NEUTRAL_SUBJECT,
    body: `To {{ debtor.name }}{% if debtor.vat_number != "" %} (VAT {{ debtor.vat_number }}){% endif %}

Subject: formal demand and notice of default under art. 1219 of the Italian Civil Code

on behalf of {{ creditor.name }} (VAT {{ creditor.vat_number }}) we inform you that the documents listed below, for a principal of {{ total }}, are due and unpaid despite previous letters and telephone calls.

We therefore formally demand payment and place you in default under art. 1219 of the Civil Code: please pay by {{ deadline }} the principal of {{ total }}{% if interest %}, late-payment interest under {{ interest_basis }} of {{ interest }} as of today, which continues to accrue until payment{% endif %}{% if indemnity %} and the flat sum of {{ indemnity }} for recovery costs (art. 6 Legislative Decree 231/2002){% endif %}: in all {{ total_due }} as of today.

Failing payment, without further notice, an application for a payment order (art. 633 Code of Civil Procedure) will be filed, with legal costs charged to you. This letter interrupts the limitation period under art. 2943 of the Civil Code.`,
    closing: `Yours faithfully

{{ creditor.name }}`,
  },
};

export const DEFAULT_SMS_EN = {
  subject: '{{ creditor.name }}',
  body: '{{ creditor.name }}: {{ instalment_count }} documents for {{ total }} are open. Bank transfer to IBAN {{ payment.iban }}, reference {{ reference }}. If you have paid, please disregard.',
  closing: '',
};
