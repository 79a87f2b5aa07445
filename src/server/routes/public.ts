import type { Context, Hono } from 'hono';
import QRCode from 'qrcode';
import { linkPage } from '../../app/self-service/link-page.ts';
import { MAX_RECEIPT_BYTES, reportPaid } from '../../app/self-service/report-paid.ts';
import { resolveLink } from '../../app/self-service/resolve-link.ts';
import { selfServiceDispute } from '../../app/self-service/self-service-dispute.ts';
import { selfServicePromise } from '../../app/self-service/self-service-promise.ts';
import { linkActor } from '../../app/self-service/self-service-task.ts';
import { makeContext, type TContext } from '../../app/shared/context.ts';
import { debtorStatement } from '../../app/statement/debtor-statement.ts';
import { statementPdfOf } from '../../app/statement/statement-pdf-of.ts';
import { epcQrText } from '../../core/self-service/epc-qr.ts';
import { AppError, invalid } from '../../core/shared/errors.ts';
import { parseAmount } from '../../core/shared/money.ts';
import { findCreditorById } from '../../db/queries/creditors.ts';
import { findDebtorRowById } from '../../db/queries/risk.ts';
import type { TServerDeps } from '../app.ts';
import { clientAddress, createRateLimiter, type TRateLimit } from '../rate-limit.ts';

/** Per client address, every public request; per link, what writes. */
export const DEFAULT_PUBLIC_LIMITS: { perAddress: TRateLimit; writesPerLink: TRateLimit } = {
  perAddress: { requests: 120, windowMs: 60_000 },
  writesPerLink: { requests: 20, windowMs: 3_600_000 },
};

async function jsonObject(c: Context): Promise<Record<string, unknown>> {
  const body = (await c.req.json()) as unknown;
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw invalid('body', body, 'must be a JSON object');
  return body as Record<string, unknown>;
}

/**
 * The debtor's self-service API: GET /api/v1/public/links/:token (the page), the statement PDF,
 * and POST .../paid (multipart, receipt), .../disputes, .../promises. No login: the token is the
 * key, scoped to one debtor of one creditor; nothing else is reachable from it.
 */
export function registerPublicRoutes(app: Hono, deps: TServerDeps): void {
  const limits = deps.publicLimits ?? DEFAULT_PUBLIC_LIMITS;
  const perAddress = createRateLimiter(limits.perAddress);
  const perLink = createRateLimiter(limits.writesPerLink);
  const now = () => deps.clock?.() ?? new Date();

  app.use('/api/v1/public/*', async (c, next) => {
    perAddress(clientAddress(c));
    await next();
    c.header('Referrer-Policy', 'no-referrer');
  });

  const open = async (c: Context, isWrite: boolean) => {
    const link = await resolveLink(deps.db, c.req.param('token') ?? '', now());
    if (isWrite) perLink(String(link.id));
    const ctx: TContext = makeContext(deps.db, linkActor(link), now());
    return { link, ctx };
  };

  app.get('/api/v1/public/links/:token', async (c) => {
    const { link, ctx } = await open(c, false);
    return c.json(await linkPage(deps.db, link, ctx.today));
  });

  app.get('/api/v1/public/links/:token/statement.pdf', async (c) => {
    const { link, ctx } = await open(c, false);
    const creditor = (await findCreditorById(deps.db, link.creditor_id))!;
    const debtor = (await findDebtorRowById(deps.db, link.debtor_id, link.creditor_id))!;
    const statement = await debtorStatement(deps.db, {
      debtor: debtor.vat_number ?? debtor.fiscal_code ?? '',
      creditor: creditor.vat_number,
      date: ctx.today,
      // A debtor is never shown interest computed on a rate nobody has checked.
      allowUnverifiedRates: false,
    });
    const pdf = await statementPdfOf(deps.db, statement, ctx.now);
    return c.body(new Uint8Array(pdf), 200, {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="estratto-conto-${statement.date}.pdf"`,
    });
  });

  /** SEPA QR code (EPC) for the overdue amount, or the whole balance when nothing is overdue yet. */
  app.get('/api/v1/public/links/:token/qr.svg', async (c) => {
    const { link, ctx } = await open(c, false);
    const { payment } = await linkPage(deps.db, link, ctx.today);
    const amount = parseAmount(payment.overdue, 'overdue', payment.currency, { allowZero: true });
    const cents =
      amount > 0 ? amount : parseAmount(payment.total, 'total', payment.currency, { allowZero: true });
    if (!payment.iban || cents === 0 || payment.currency !== 'EUR')
      throw new AppError('NOT_FOUND', 'nothing to pay by SEPA credit transfer', { field: 'token' });
    const svg = await QRCode.toString(
      epcQrText({
        name: payment.beneficiary,
        iban: payment.iban,
        amountCents: cents,
        reference: payment.reference,
      }),
      { type: 'svg', errorCorrectionLevel: 'M', margin: 2 },
    );
    return c.body(svg, 200, { 'Content-Type': 'image/svg+xml' });
  });

  app.post('/api/v1/public/links/:token/disputes', async (c) => {
    const { link, ctx } = await open(c, true);
    return c.json(await selfServiceDispute(ctx, link, await jsonObject(c)), 201);
  });

  app.post('/api/v1/public/links/:token/promises', async (c) => {
    const { link, ctx } = await open(c, true);
    return c.json(await selfServicePromise(ctx, link, (await jsonObject(c)) as never), 201);
  });

  app.post('/api/v1/public/links/:token/paid', async (c) => {
    const { link, ctx } = await open(c, true);
    const length = Number(c.req.header('content-length') ?? 0);
    if (length > MAX_RECEIPT_BYTES + 64 * 1024)
      throw invalid('receipt', length, `is larger than ${MAX_RECEIPT_BYTES} bytes`);
    const body = await c.req.parseBody();
    const file = body.receipt;
    const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : null);
    const result = await reportPaid(ctx, link, {
      paidOn: text('paidOn'),
      note: text('note'),
      receipt:
        file instanceof File
          ? { name: file.name || 'receipt', bytes: new Uint8Array(await file.arrayBuffer()) }
          : null,
    });
    return c.json(result, 201);
  });
}
