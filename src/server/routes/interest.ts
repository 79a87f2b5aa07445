import type { Context, Hono } from 'hono';
import { addRate } from '../../app/interest/add-rate.ts';
import { computeAmountInterest } from '../../app/interest/compute-amount-interest.ts';
import { computeInvoiceInterest } from '../../app/interest/compute-invoice-interest.ts';
import { toRateView } from '../../app/interest/rate-table.ts';
import { resolveDebtor } from '../../app/ledger/resolve-debtor.ts';
import { prescriptionClocks } from '../../app/prescription/prescription-clocks.ts';
import { recordInterruption, type TRecordInterruption } from '../../app/prescription/record-interruption.ts';
import { debtorStatement } from '../../app/statement/debtor-statement.ts';
import { statementPdfOf } from '../../app/statement/statement-pdf-of.ts';
import { dateInZone, parseDate } from '../../core/shared/calendar-date.ts';
import { invalid } from '../../core/shared/errors.ts';
import { listInterestRates } from '../../db/queries/interest.ts';
import type { TServerDeps } from '../app.ts';
import { jsonObject } from '../json-body.ts';
import { requestContext, scopeCreditorId, scopeCreditorVat } from '../security/tenant-scope.ts';

function flag(c: Context, name: string): boolean {
  const value = c.req.query(name);
  if (value === undefined || value === '' || value === 'false' || value === '0') return false;
  if (value === 'true' || value === '1') return true;
  throw invalid(name, value, 'must be true or false');
}

function optional(c: Context, name: string): string | undefined {
  const value = c.req.query(name);
  return value === '' ? undefined : value;
}

/**
 * GET|POST /api/v1/rates (POST: one semester or year with its Gazzetta Ufficiale source,
 * administrators only: rates are the same for every creditor), GET /api/v1/interest (an amount: amount, from, to, kind; or an invoice:
 * invoice, debtor, creditor, year, to), GET /api/v1/statement (debtor, creditor, date, format=json|pdf),
 * GET /api/v1/prescription (debtor, date, warnings), POST /api/v1/prescription/interruptions
 * {invoice, debtor?, creditor?, year?, instalmentSeq?, kind, deliveredOn, reference,
 * proof?: {fileName, base64}} (as `prescription interrupt`).
 * `to`/`date` default to today in Italy.
 */
export function registerInterestRoutes(app: Hono, deps: TServerDeps): void {
  const today = () => dateInZone(deps.clock?.() ?? new Date());

  app.get('/api/v1/rates', async (c) =>
    c.json((await listInterestRates(deps.db, optional(c, 'kind') ?? null)).map(toRateView)),
  );

  app.post('/api/v1/rates', async (c) => {
    const result = await addRate(requestContext(c, deps), (await jsonObject(c)) as never);
    return c.json(result, result.status === 'added' ? 201 : 200);
  });

  app.get('/api/v1/interest', async (c) => {
    const to = optional(c, 'to') ?? today();
    const common = {
      to,
      courtClaimFiledOn: optional(c, 'courtClaimFiledOn'),
      allowUnverifiedRates: flag(c, 'allowUnverifiedRates'),
    };
    const invoice = optional(c, 'invoice');
    if (invoice) {
      const year = optional(c, 'year');
      if (year !== undefined && !/^\d{4}$/.test(year)) throw invalid('year', year, 'is not a year');
      return c.json(
        await computeInvoiceInterest(deps.db, {
          ...common,
          invoice,
          debtor: optional(c, 'debtor'),
          creditor: await scopeCreditorVat(c, deps.db, optional(c, 'creditor')),
          year: year ? Number(year) : null,
          kind: optional(c, 'kind') as never,
          isPre2013Contract: c.req.query('pre2013') === undefined ? null : flag(c, 'pre2013'),
          imputation: optional(c, 'imputation') as never,
        }),
      );
    }
    const amount = optional(c, 'amount');
    if (!amount) throw invalid('amount', null, 'is required (or give invoice)');
    return c.json(
      await computeAmountInterest(deps.db, {
        ...common,
        amount,
        from: optional(c, 'from') ?? '',
        kind: (optional(c, 'kind') ?? 'commercial') as never,
        isPre2013Contract: flag(c, 'pre2013'),
        contractualRate: optional(c, 'contractualRate'),
        contractualFrom: optional(c, 'contractualFrom'),
      }),
    );
  });

  app.get('/api/v1/prescription', async (c) => {
    const debtorParam = optional(c, 'debtor');
    const creditorId = await scopeCreditorId(c, deps.db, optional(c, 'creditor'));
    const debtor = debtorParam ? await resolveDebtor(deps.db, debtorParam, creditorId) : null;
    const asOf = optional(c, 'date') ?? today();
    return c.json(
      await prescriptionClocks(deps.db, {
        asOf: parseDate(asOf, 'date'),
        creditorId: debtor?.creditor_id ?? creditorId,
        debtorId: debtor?.id ?? null,
        isWarningsOnly: flag(c, 'warnings'),
      }),
    );
  });

  app.post('/api/v1/prescription/interruptions', async (c) => {
    const body = await jsonObject(c);
    const proof = body.proof as { fileName?: unknown; base64?: unknown } | null | undefined;
    if (proof != null && (typeof proof.fileName !== 'string' || typeof proof.base64 !== 'string'))
      throw invalid('proof', proof, 'must be {fileName, base64}');
    return c.json(
      // The use case validates every field (zod), naming the one that is wrong.
      await recordInterruption(requestContext(c, deps), {
        ...(body as unknown as TRecordInterruption),
        creditor: await scopeCreditorVat(c, deps.db, body.creditor),
        proof: proof
          ? {
              fileName: proof.fileName as string,
              bytes: new Uint8Array(Buffer.from(proof.base64 as string, 'base64')),
            }
          : null,
      }),
      201,
    );
  });

  app.get('/api/v1/statement', async (c) => {
    const format = optional(c, 'format') ?? 'json';
    if (format !== 'json' && format !== 'pdf') throw invalid('format', format, 'must be json or pdf');
    const statement = await debtorStatement(deps.db, {
      debtor: optional(c, 'debtor') ?? '',
      creditor: await scopeCreditorVat(c, deps.db, optional(c, 'creditor')),
      date: optional(c, 'date') ?? today(),
      allowUnverifiedRates: flag(c, 'allowUnverifiedRates'),
    });
    if (format === 'json') return c.json(statement);
    const pdf = await statementPdfOf(deps.db, statement, deps.clock?.() ?? new Date());
    return c.body(new Uint8Array(pdf), 200, {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `inline; filename="estratto-conto-${statement.date}.pdf"`,
    });
  });
}
