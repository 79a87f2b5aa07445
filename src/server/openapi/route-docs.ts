import { z } from '@hono/zod-openapi';
import { ZClearHold } from '../../app/collection/clear-hold.ts';
import { ZCloseDispute } from '../../app/collection/close-dispute.ts';

/**
 * What the OpenAPI document says about each route beyond its path: the query parameters it
 * reads and its success answer. Routes read their query with `c.req.query(name)`;
 * test/security/openapi.test.ts checks that every name a route reads is listed here, so a new
 * parameter cannot stay undocumented. Keys are "METHOD /path" as registered on the router.
 */
export type TSuccess = {
  /** The usual status; `also` lists the others a success can have (e.g. 200 when nothing new was created). */
  status: 200 | 201 | 204;
  also?: readonly (200 | 201)[];
  /** Media types of the body (default JSON); several when ?format= chooses. */
  media?: readonly string[];
  description: string;
};

export type TRouteDoc = {
  query?: z.ZodObject<z.ZodRawShape>;
  success?: TSuccess;
  /** The error statuses, when the general rule (openapi-document.ts errorStatuses) does not fit. */
  errors?: readonly number[];
};

export const JSON_TYPE = 'application/json';
const CSV = 'text/csv';
const PDF = 'application/pdf';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const text = (description: string) => z.string().optional().describe(description);
const flag = (description: string) => z.enum(['true', 'false']).optional().describe(description);
const date = (description: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional()
    .describe(description);

const creditor = {
  creditor: text('VAT number of the creditor; needed when the caller reaches several, checked against them'),
};
const page = {
  after: text('cursor: the last id of the previous page (default 0)'),
  limit: text('page size, 1 to 1000 (default 100)'),
};
const asOf = { asOf: date('the day the answer is computed on (default: today in Italy)') };
const agency = { agency: text('the agency (VAT number); needed when the caller reaches several') };
const byDate = { date: date('the day (default: today in Italy)') };
const unverifiedRates = {
  allowUnverifiedRates: flag('compute with interest rates not yet verified against the official source'),
};

/** Every field of a body schema as a text query parameter (DELETE routes accept either). */
function queryFromBody(schema: z.ZodObject<z.ZodRawShape>): z.ZodObject<z.ZodRawShape> {
  return z.object(
    Object.fromEntries(Object.keys(schema.shape).map((k) => [k, text(`as the body field ${k}`)])),
  );
}

const json = (description: string, status: 200 | 201 = 200): TSuccess => ({ status, description });
const created = (description: string): TSuccess => ({ status: 201, description });

export const ROUTE_DOCS: Record<string, TRouteDoc> = {
  'GET /api/health': { success: json('the process answers'), errors: [500] },
  'GET /api/ready': {
    success: json('the database answers and migrations ran (503 otherwise)'),
    errors: [500, 503],
  },
  'GET /api/v1/openapi.json': { success: json('this document') },
  'GET /api/v1/reference': {
    success: { status: 200, media: ['text/html'], description: 'the reference page' },
  },

  'POST /api/v1/session': {
    success: json('logged in: {user}, session and CSRF cookies set'),
    errors: [400, 401, 413, 429, 500],
  },
  'GET /api/v1/session': { success: json('the user of the session: {user}'), errors: [401, 500] },
  'DELETE /api/v1/session': {
    success: { status: 204, description: 'logged out, cookies cleared' },
    errors: [500],
  },

  'GET /api/v1/creditors': { success: json('the creditors the caller reaches') },
  'POST /api/v1/creditors': { query: z.object({ ...asOf }), success: created('the creditor added') },
  'PATCH /api/v1/creditors/:vat': {
    query: z.object({ ...asOf }),
    success: json(
      'the creditor with its data changed and `changed`, the fields that differed (logo as base64)',
    ),
  },
  'GET /api/v1/creditors/:vat/logo': {
    success: {
      status: 200,
      media: ['image/png', 'image/jpeg'],
      description: 'the letterhead logo (404 when none)',
    },
  },
  'GET /api/v1/debtors': {
    query: z.object({ ...creditor, ...asOf, q: text('search in name, VAT number, codice fiscale'), ...page }),
    success: json('a page of debtors with their open balance'),
  },
  'GET /api/v1/invoices': {
    query: z.object({
      ...creditor,
      ...asOf,
      debtor: text('VAT number or codice fiscale of the debtor'),
      ...page,
    }),
    success: json('a page of invoices with what is still owed'),
  },
  'POST /api/v1/invoices': {
    query: z.object({ ...asOf }),
    success: { status: 201, also: [200], description: 'one result per invoice; 200 when none was new' },
  },
  'POST /api/v1/payments': {
    query: z.object({ ...asOf }),
    success: { status: 201, also: [200], description: 'the payment recorded; 200 when it was already' },
  },

  'POST /api/v1/imports': {
    query: z.object({
      name: text('file name of a raw (non-multipart) upload: required then'),
      ...creditor,
      mapping: text('the saved column mapping to read a CSV/XLSX with'),
      paymentTermDays: text('payment term in days for invoices without a due date'),
      createCreditor: flag('create an unknown creditor (needs the "admin" permission)'),
    }),
    success: {
      status: 201,
      also: [200],
      media: [JSON_TYPE, 'text/event-stream'],
      description:
        'one result per file, 200 when none was new; Accept: text/event-stream streams progress, then the results',
    },
  },
  'GET /api/v1/payments/unmatched': {
    query: z.object({ ...creditor, ...page }),
    success: json('a page of payments not matched to invoices'),
  },
  'POST /api/v1/payments/:id/match': { success: json('the payment allocated to the invoices') },

  'POST /api/v1/runs': { success: { status: 201, also: [200], description: 'the run; 200 for a dry run' } },
  'GET /api/v1/tasks': {
    query: z.object({
      ...creditor,
      debtor: text('VAT number or codice fiscale of the debtor'),
      ...byDate,
      assignee: text('only tasks assigned to this person (a specialist always sees only theirs)'),
      done: flag('include completed tasks'),
      withPrescription: flag(
        'answer {date, tasks, prescriptionWarnings}: the tasks plus the instalments whose prescription expires within 180 days',
      ),
      limit: page.limit,
    }),
    success: json('the worklist: tasks due by the date, most urgent first'),
  },
  'POST /api/v1/tasks/:id/complete': { success: json('the outcome recorded and what followed') },
  'GET /api/v1/actions': {
    query: z.object({
      ...creditor,
      debtor: text('VAT number or codice fiscale of the debtor'),
      on: date('only actions taken on this day'),
      ...page,
    }),
    success: json('a page of actions taken'),
  },
  'GET /api/v1/cases': {
    query: z.object({
      ...creditor,
      debtor: text('VAT number or codice fiscale of the debtor'),
      status: z.enum(['open', 'closed', 'all']).optional().describe('default open'),
      ...page,
    }),
    success: json('a page of cases'),
  },
  'GET /api/v1/policies': {
    query: z.object({ ...creditor }),
    success: json('the policies and assignment rules'),
  },
  'POST /api/v1/policies/assignments': {
    success: created('the assignment stored (per debtor, per invoice, a rule, or the default)'),
  },
  'GET /api/v1/policies/overrides': {
    query: z.object({
      ...creditor,
      debtor: text('VAT number or codice fiscale of the debtor: only their overrides'),
      limit: text('at most this many, 1 to 1000 (default 100)'),
    }),
    success: json('the per-debtor and per-invoice policy overrides'),
  },
  'POST /api/v1/disputes': { success: created('the dispute opened') },
  'DELETE /api/v1/disputes': { query: queryFromBody(ZCloseDispute), success: json('the dispute closed') },
  'POST /api/v1/holds': { success: created('the hold set') },
  'DELETE /api/v1/holds': { query: queryFromBody(ZClearHold), success: json('the hold cleared') },

  'GET /api/v1/templates': { query: z.object({ ...creditor }), success: json('the templates in force') },
  'PUT /api/v1/templates/:key': { success: json('the template saved') },
  'POST /api/v1/templates/preview': {
    success: { status: 200, media: [JSON_TYPE, PDF], description: 'the rendered template (PDF for letters)' },
  },

  'GET /api/v1/outbox': {
    query: z.object({
      ...creditor,
      status: text('only messages in this status'),
      attention: flag('only messages that need a person'),
      ...page,
    }),
    success: json('a page of outgoing messages'),
  },
  'GET /api/v1/conduct': {
    query: z.object({ ...creditor }),
    success: json('the conduct rules in force: quiet hours (Europe/Rome) and the weekly cap per debtor'),
  },
  'PUT /api/v1/conduct': { success: json('the conduct rules after the change') },
  'POST /api/v1/outbox/send': { success: json('what was sent') },
  'POST /api/v1/outbox/:id/retry': { success: json('the message queued again') },
  'POST /api/v1/letters/batch': {
    success: { status: 200, media: [JSON_TYPE, PDF, CSV], description: 'the print batch: PDF, CSV or JSON' },
  },
  'POST /api/v1/letters/:id/tracking': { success: json('the tracking recorded') },
  'POST /api/v1/pec/receipts': { query: z.object({ ...creditor }), success: json('the receipts read') },
  'GET /api/v1/outbox/:id/receipts': {
    query: z.object({ ...creditor }),
    success: json('the receipts of the message'),
  },
  'GET /api/v1/pec/receipts/:id': {
    query: z.object({ ...creditor, outbox: text('the outbox message the receipt belongs to') }),
    success: { status: 200, media: ['message/rfc822'], description: 'the receipt as received' },
  },

  'GET /api/v1/reports/:name': {
    query: z.object({
      ...creditor,
      ...asOf,
      by: text('grouping (aging: creditor, debtor, class, currency)'),
      from: date('start of the period (reports over a period)'),
      months: text('overdue-trend: how many dates, the month ends before asOf then asOf (1-60, default 12)'),
      format: z.enum(['json', 'csv', 'xlsx']).optional().describe('default json'),
    }),
    success: { status: 200, media: [JSON_TYPE, CSV, XLSX], description: 'the report' },
  },
  'GET /api/v1/debtors/:id/risk': {
    query: z.object({ ...creditor, ...asOf }),
    success: json('score, class, factors, exposure and the ERP flags (canBuyOnCredit)'),
  },

  'GET /api/v1/rates': {
    query: z.object({ kind: text('commercial or legal') }),
    success: json('the interest rate table'),
  },
  'GET /api/v1/interest': {
    query: z.object({
      amount: text('an amount (or give invoice)'),
      from: date('interest runs from this day (with amount)'),
      to: date('up to this day (default today)'),
      kind: text('commercial (default) or legal'),
      pre2013: flag('contract before 2013 (old late-payment rules)'),
      contractualRate: text('an agreed rate instead of the statutory one'),
      contractualFrom: date('the agreed rate applies from this day'),
      courtClaimFiledOn: date('day the claim was filed in court (rate changes from then)'),
      invoice: text('an invoice number (instead of amount)'),
      debtor: text('the invoice debtor'),
      ...creditor,
      year: text('the invoice year, when numbers repeat across years'),
      imputation: text('how payments are imputed'),
      ...unverifiedRates,
    }),
    success: json('interest, period by period'),
  },
  'GET /api/v1/prescription': {
    query: z.object({
      debtor: text('VAT number or codice fiscale of the debtor'),
      ...creditor,
      ...byDate,
      warnings: flag('only clocks close to running out'),
    }),
    success: json('prescription clocks per invoice'),
  },
  'GET /api/v1/statement': {
    query: z.object({
      debtor: text('VAT number or codice fiscale of the debtor'),
      ...creditor,
      ...byDate,
      format: z.enum(['json', 'pdf']).optional().describe('default json'),
      ...unverifiedRates,
    }),
    success: { status: 200, media: [JSON_TYPE, PDF], description: 'the statement of account' },
  },

  'GET /api/v1/debtors/:id/overview': {
    query: z.object({ ...asOf }),
    success: json("the debtor page's overview"),
  },
  'GET /api/v1/debtors/:id/timeline': {
    query: z.object({
      ...asOf,
      before: text('cursor: the register sequence number to page back from'),
      limit: page.limit,
    }),
    success: json("a page of the debtor's history, newest first"),
  },
  'GET /api/v1/debtors/:id/receipts/:receiptId': {
    success: {
      status: 200,
      media: ['application/octet-stream'],
      description: 'the stored file, with its own type',
    },
  },
  'POST /api/v1/debtors/:id/links': {
    query: z.object({ ...asOf }),
    success: created('the self-service link'),
  },
  'DELETE /api/v1/links/:id': { success: json('the link revoked') },

  'GET /api/v1/debtors/:id/personal-data': {
    query: z.object({ ...creditor }),
    success: json('everything held on the debtor'),
  },
  'POST /api/v1/debtors/:id/anonymise': {
    query: z.object({ ...creditor }),
    success: json('what was anonymised and what is kept'),
  },

  'GET /api/v1/cases/:id/casefile': {
    query: z.object({
      ...creditor,
      ...byDate,
      ...unverifiedRates,
      format: z.enum(['json', 'zip']).optional().describe('json: the manifest only; default the ZIP'),
    }),
    success: { status: 200, media: ['application/zip', JSON_TYPE], description: 'the case file' },
  },
  'GET /api/v1/cases/:id/progress': {
    query: z.object({ ...creditor }),
    success: json("the agency's progress notes"),
  },
  'POST /api/v1/cases/:id/progress': { success: json('the progress note recorded') },
  'GET /api/v1/cases/:id/legal': {
    query: z.object({ ...creditor, ...byDate }),
    success: json('the legal phase'),
  },
  'POST /api/v1/cases/:id/legal': { success: json('the legal stage recorded') },
  'POST /api/v1/cases/:id/close': { success: json('the case closed') },
  'GET /api/v1/cases/:id/petition': {
    query: z.object({
      ...creditor,
      ...byDate,
      ...unverifiedRates,
      format: z.enum(['json', 'pdf']).optional().describe('default pdf'),
    }),
    success: { status: 200, media: [PDF, JSON_TYPE], description: 'the draft petition' },
  },
  'POST /api/v1/mandates/:ref/take': { success: created('the cases taken under the mandate') },
  'POST /api/v1/mandates/:ref/end': { success: json('the mandate ended') },
  'GET /api/v1/mandates/:ref/trust': {
    query: z.object({ ...agency, ...byDate }),
    success: json('the trust account'),
  },
  'GET /api/v1/mandates/:ref/remittance': {
    query: z.object({
      ...agency,
      month: text('the month, YYYY-MM'),
      format: z.enum(['json', 'csv', 'pdf']).optional().describe('default json'),
    }),
    success: { status: 200, media: [JSON_TYPE, CSV, PDF], description: 'the remittance statement' },
  },
  'GET /api/v1/specialists/:name/worklist': {
    query: z.object({ ...agency }),
    success: json("the specialist's worklist"),
  },
  'GET /api/v1/agency/operations': {
    query: z.object({
      ...agency,
      from: date('first day'),
      to: date('last day'),
      format: z.enum(['json', 'csv']).optional().describe('default json'),
    }),
    success: { status: 200, media: [JSON_TYPE, CSV], description: 'the register of operations' },
  },
  'POST /api/v1/debtors/:vat/verify-contacts': {
    query: z.object({ ...creditor }),
    success: json('the contacts checked'),
  },
  'POST /api/v1/tasks/:id/tracing': { success: json('the tracing outcome recorded') },
  'GET /api/v1/documents': {
    query: z.object({ ...creditor, debtor: text('VAT number or codice fiscale of the debtor') }),
    success: json("the debtor's documents"),
  },
  'POST /api/v1/documents': { success: json('the document stored') },

  'GET /api/v1/public/links/:token': { success: json('what the debtor sees on the self-service page') },
  'GET /api/v1/public/links/:token/statement.pdf': {
    success: { status: 200, media: [PDF], description: 'the statement of account' },
  },
  'GET /api/v1/public/links/:token/qr.svg': {
    success: { status: 200, media: ['image/svg+xml'], description: 'the payment QR code' },
  },
  'POST /api/v1/public/links/:token/disputes': { success: created('the dispute opened by the debtor') },
  'POST /api/v1/public/links/:token/promises': { success: created('the promise recorded') },
  'POST /api/v1/public/links/:token/paid': { success: created('the "I have paid" notice recorded') },

  'GET /api/v1/users': { success: json('the users') },
  'POST /api/v1/users': { success: created('the user added') },
  'POST /api/v1/users/:email/disable': { success: json('the user disabled') },
  'POST /api/v1/users/:email/enable': { success: json('the user enabled again') },
  'POST /api/v1/users/:email/password': { success: json('the password changed') },
  'GET /api/v1/api-keys': { query: z.object({ ...creditor }), success: json('the API keys (prefixes only)') },
  'POST /api/v1/api-keys': { success: created('the key: its token is shown once') },
  'DELETE /api/v1/api-keys/:id': {
    query: z.object({ ...creditor }),
    success: { status: 204, description: 'the key revoked' },
  },

  'GET /api/v1/webhooks': { success: json('the webhook endpoints') },
  'POST /api/v1/webhooks': { success: created('the endpoint: its secret is shown once') },
  'GET /api/v1/webhooks/deliveries': {
    query: z.object({ endpoint: text('only deliveries to this endpoint id') }),
    success: json('the delivery log'),
  },
  'POST /api/v1/webhooks/deliveries/:id/redeliver': { success: json('{id, status: "pending"}') },
  'DELETE /api/v1/webhooks/:id': { success: json('the endpoint disabled') },
};

export const DEFAULT_SUCCESS: TSuccess = { status: 200, description: 'success' };
