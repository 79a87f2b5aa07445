import type { Context, Hono } from 'hono';
import {
  operationsCsv,
  remittanceCsv,
  renderRemittancePdf,
} from '../../adapters/case-file/remittance-files.ts';
import { filePecDirectory } from '../../adapters/pec-directory/pec-directory.ts';
import { getCaseFile } from '../../app/agency/get-case-file.ts';
import { listProgress, recordProgress } from '../../app/agency/record-progress.ts';
import { recordTracing } from '../../app/contacts/record-tracing.ts';
import { verifyContacts } from '../../app/contacts/verify-contacts.ts';
import { addDocument } from '../../app/documents/add-document.ts';
import { listDocuments } from '../../app/documents/list-documents.ts';
import { closeCase } from '../../app/legal/close-case.ts';
import { draftPetition } from '../../app/legal/draft-petition.ts';
import { recordLegalStage } from '../../app/legal/record-legal-stage.ts';
import { showLegal } from '../../app/legal/show-legal.ts';
import { endMandate } from '../../app/mandates/end-mandate.ts';
import { operationsRegister } from '../../app/mandates/operations-register.ts';
import { specialistWorklist } from '../../app/mandates/specialist-worklist.ts';
import { takeCases } from '../../app/mandates/take-cases.ts';
import { remittanceStatement, trustAccount } from '../../app/mandates/trust-account.ts';
import { invalid } from '../../core/shared/errors.ts';
import type { TServerDeps } from '../app.ts';
import { requestContext, scopeCreditorVat } from '../security/tenant-scope.ts';

function caseId(c: Context): number {
  const id = c.req.param('id') ?? '';
  if (!/^\d+$/.test(id) || Number(id) < 1) throw invalid('id', id, 'is not a case id');
  return Number(id);
}

async function jsonBody(c: Context): Promise<Record<string, unknown>> {
  const text = await c.req.text();
  const body = text.trim() ? (JSON.parse(text) as unknown) : {};
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw invalid('body', body, 'must be a JSON object');
  return body as Record<string, unknown>;
}

/**
 * Case files, agency progress and documents over HTTP: GET /api/v1/cases/:id/casefile (the ZIP;
 * `?format=json` for casefile.json only; `?date=` to build as of a date), GET|POST
 * /api/v1/cases/:id/progress, GET|POST /api/v1/documents (content in base64).
 */
export function registerAgencyRoutes(app: Hono, deps: TServerDeps): void {
  // The principal acts (register) and is the tenant wall: cases of creditors it does not reach
  // answer as missing (requireCase), and a named creditor must be one it reaches.
  const context = (c: Context) => requestContext(c, deps);
  const creditorOf = (c: Context, vat: unknown) =>
    scopeCreditorVat(c, deps.db, vat ?? undefined).then((v) => v ?? null);

  app.get('/api/v1/cases/:id/casefile', async (c) => {
    const result = await getCaseFile(context(c), {
      caseId: caseId(c),
      creditor: await creditorOf(c, c.req.query('creditor')),
      date: c.req.query('date') ?? null,
      allowUnverifiedRates: c.req.query('allowUnverifiedRates') === 'true',
    });
    if (c.req.query('format') === 'json') return c.json(result.manifest);
    return c.body(new Uint8Array(result.bytes), 200, {
      'Content-Type': 'application/zip',
      'Content-Disposition': `attachment; filename="${result.fileName}"`,
      'X-Casefile-Sha256': result.sha256,
      'X-Casefile-As-Of': result.asOf,
    });
  });

  app.get('/api/v1/cases/:id/progress', async (c) =>
    c.json(await listProgress(context(c), caseId(c), await creditorOf(c, c.req.query('creditor')))),
  );
  app.post('/api/v1/cases/:id/progress', async (c) => {
    const body = await jsonBody(c);
    return c.json(
      await recordProgress(context(c), {
        ...body,
        creditor: await creditorOf(c, body.creditor),
        caseId: caseId(c),
      } as never),
      201,
    );
  });

  app.get('/api/v1/cases/:id/legal', async (c) =>
    c.json(
      await showLegal(context(c), {
        caseId: caseId(c),
        creditor: await creditorOf(c, c.req.query('creditor')),
        date: c.req.query('date') ?? null,
      }),
    ),
  );
  app.post('/api/v1/cases/:id/legal', async (c) => {
    const body = await jsonBody(c);
    return c.json(
      await recordLegalStage(context(c), {
        ...body,
        creditor: await creditorOf(c, body.creditor),
        caseId: caseId(c),
      } as never),
      201,
    );
  });
  app.post('/api/v1/cases/:id/close', async (c) => {
    const body = await jsonBody(c);
    return c.json(
      await closeCase(context(c), {
        ...body,
        creditor: await creditorOf(c, body.creditor),
        caseId: caseId(c),
      } as never),
    );
  });
  app.get('/api/v1/cases/:id/petition', async (c) => {
    const { draft, pdf } = await draftPetition(context(c), {
      caseId: caseId(c),
      creditor: await creditorOf(c, c.req.query('creditor')),
      date: c.req.query('date') ?? null,
      allowUnverifiedRates: c.req.query('allowUnverifiedRates') === 'true',
    });
    if (c.req.query('format') === 'json') return c.json(draft);
    return c.body(new Uint8Array(pdf), 200, {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="ricorso-bozza-${draft.caseId}.pdf"`,
    });
  });

  app.post('/api/v1/mandates/:ref/take', async (c) => {
    const body = await jsonBody(c);
    return c.json(await takeCases(context(c), { ...body, mandate: c.req.param('ref') } as never), 201);
  });
  app.post('/api/v1/mandates/:ref/end', async (c) => {
    const body = await jsonBody(c);
    return c.json(await endMandate(context(c), { ...body, mandate: c.req.param('ref') } as never));
  });
  app.get('/api/v1/mandates/:ref/trust', async (c) =>
    c.json(
      await trustAccount(context(c), {
        agency: c.req.query('agency') ?? null,
        mandate: c.req.param('ref'),
        date: c.req.query('date') ?? null,
      }),
    ),
  );
  app.get('/api/v1/mandates/:ref/remittance', async (c) => {
    const ctx = context(c);
    const statement = await remittanceStatement(ctx, {
      agency: c.req.query('agency') ?? null,
      mandate: c.req.param('ref'),
      month: c.req.query('month') ?? '',
    });
    const format = c.req.query('format') ?? 'json';
    if (format === 'csv')
      return c.body(remittanceCsv(statement), 200, { 'Content-Type': 'text/csv; charset=utf-8' });
    if (format === 'pdf')
      return c.body(new Uint8Array(await renderRemittancePdf(statement, ctx.now)), 200, {
        'Content-Type': 'application/pdf',
      });
    return c.json(statement);
  });
  app.get('/api/v1/specialists/:name/worklist', async (c) =>
    c.json(
      await specialistWorklist(context(c), {
        agency: c.req.query('agency') ?? null,
        specialist: c.req.param('name'),
      }),
    ),
  );
  app.get('/api/v1/agency/operations', async (c) => {
    const register = await operationsRegister(context(c), {
      agency: c.req.query('agency') ?? null,
      from: c.req.query('from') ?? '',
      to: c.req.query('to') ?? '',
    });
    if (c.req.query('format') === 'csv')
      return c.body(operationsCsv(register), 200, { 'Content-Type': 'text/csv; charset=utf-8' });
    return c.json(register);
  });

  app.post('/api/v1/debtors/:vat/verify-contacts', async (c) => {
    const file = process.env.RISCOSSA_PEC_DIRECTORY;
    if (!file) throw invalid('directory', null, 'is not configured (RISCOSSA_PEC_DIRECTORY)');
    return c.json(
      await verifyContacts(
        context(c),
        { debtor: c.req.param('vat'), creditor: await creditorOf(c, c.req.query('creditor')) },
        filePecDirectory(file),
      ),
    );
  });
  app.post('/api/v1/tasks/:id/tracing', async (c) => {
    const body = await jsonBody(c);
    const id = c.req.param('id');
    if (!/^\d+$/.test(id)) throw invalid('id', id, 'is not a task id');
    return c.json(await recordTracing(context(c), { ...body, taskId: Number(id) } as never));
  });

  app.get('/api/v1/documents', async (c) =>
    c.json(
      await listDocuments(deps.db, {
        debtor: c.req.query('debtor') ?? '',
        creditor: await creditorOf(c, c.req.query('creditor')),
      }),
    ),
  );
  app.post('/api/v1/documents', async (c) => {
    const body = await jsonBody(c);
    if (typeof body.contentBase64 !== 'string' || typeof body.fileName !== 'string')
      throw invalid('contentBase64', null, 'and fileName are required');
    const bytes = new Uint8Array(Buffer.from(body.contentBase64, 'base64'));
    const { contentBase64: _content, fileName, ...rest } = body;
    return c.json(
      await addDocument(context(c), {
        ...rest,
        creditor: await creditorOf(c, rest.creditor),
        file: { fileName, bytes },
      } as never),
      201,
    );
  });
}
