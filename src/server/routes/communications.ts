import type { Hono } from 'hono';
import { renderLetterPdf } from '../../adapters/letter-pdf/render-letter-pdf.ts';
import { letterInput } from '../../app/communications/letter-input.ts';
import { listTemplates } from '../../app/communications/list-templates.ts';
import { communicationView, previewCommunication } from '../../app/communications/preview-communication.ts';
import { saveTemplate } from '../../app/communications/save-template.ts';
import { dateInZone } from '../../core/shared/calendar-date.ts';
import type { TServerDeps } from '../app.ts';
import { jsonObject } from '../json-body.ts';
import { requestContext, requiredCreditorId } from '../security/tenant-scope.ts';

const text = (v: unknown) => (typeof v === 'string' ? v : undefined);

/**
 * Templates over HTTP: GET /api/v1/templates?creditor=, PUT /api/v1/templates/:key
 * {language, channel, subject, body, closing, creditor}, POST /api/v1/templates/preview
 * {action | debtor + template, channel, language, date, creditor, draft?: {subject, body, closing},
 * format: json|pdf} (draft: unsaved text rendered instead of the stored template).
 */
export function registerTemplateRoutes(app: Hono, deps: TServerDeps): void {
  const now = () => deps.clock?.() ?? new Date();

  app.get('/api/v1/templates', async (c) => {
    const creditorId = await requiredCreditorId(c, deps.db, c.req.query('creditor'));
    return c.json(await listTemplates(deps.db, creditorId));
  });

  app.put('/api/v1/templates/:key', async (c) => {
    const body = await jsonObject(c);
    const creditorId = await requiredCreditorId(c, deps.db, text(body.creditor));
    const ctx = requestContext(c, deps);
    const result = await saveTemplate(ctx, {
      creditorId,
      templateKey: c.req.param('key'),
      language: body.language as never,
      channel: body.channel as never,
      subject: text(body.subject) ?? '',
      body: text(body.body) ?? '',
      closing: text(body.closing) ?? '',
    });
    return c.json(result);
  });

  app.post('/api/v1/templates/preview', async (c) => {
    const body = await jsonObject(c);
    const built = await previewCommunication(deps.db, {
      creditor: text(body.creditor),
      action: typeof body.action === 'number' ? body.action : null,
      debtor: text(body.debtor),
      template: text(body.template),
      channel: (text(body.channel) ?? 'email') as never,
      language: text(body.language) as never,
      date: text(body.date) ?? dateInZone(now()),
      draft: (body.draft ?? null) as never,
    });
    if (body.format === 'pdf') {
      const pdf = await renderLetterPdf(letterInput(built));
      return c.body(new Uint8Array(pdf), 200, { 'Content-Type': 'application/pdf' });
    }
    return c.json(communicationView(built));
  });
}
