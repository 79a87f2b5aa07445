import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Hono } from 'hono';
import { ZClearHold } from '../../app/collection/clear-hold.ts';
import { ZCloseDispute } from '../../app/collection/close-dispute.ts';
import { ZCompleteTask } from '../../app/collection/complete-task.ts';
import { ZOpenDispute } from '../../app/collection/open-dispute.ts';
import { ZSetHold } from '../../app/collection/set-hold.ts';
import { ZMatchPayment } from '../../app/imports/match-payment.ts';
import { ZAddCreditor } from '../../app/ledger/add-creditor.ts';
import { ZInvoiceInput } from '../../app/ledger/invoice-input.ts';
import { ZRecordPayment } from '../../app/ledger/record-payment.ts';
import { ZRecordInterruption } from '../../app/prescription/record-interruption.ts';
import { isPublicPath } from '../security/authenticate.ts';
import { requiredPermission } from '../security/permissions.ts';

/** Bodies the route itself reads (not a use case's schema): described here, checked there. */
const ZLogIn = z.object({ email: z.string(), password: z.string(), totp: z.string().optional() });
const ZRunRequest = z.object({
  creditor: z.string().optional().describe('VAT number; default: every creditor one reaches'),
  date: z.string().optional(),
  dryRun: z.boolean().optional(),
});
const ZWebhookEndpointInput = z.object({
  creditor: z.string().optional(),
  url: z.string(),
  events: z.array(
    z.enum(['payment.matched', 'step.executed', 'promise.broken', 'dispute.opened', 'case.handed_over']),
  ),
});
const ZError = z.object({
  code: z.string(),
  message: z.string(),
  details: z.record(z.string(), z.unknown()),
});

/**
 * Request bodies by operation, from the zod schemas the use cases validate with (the same
 * objects, so the document cannot drift from the validation). Operations not listed here are
 * still in the document with their path, parameters and permission; their bodies are not yet.
 */
const BODIES: Record<string, z.ZodType> = {
  'POST /api/v1/session': ZLogIn,
  'POST /api/v1/creditors': ZAddCreditor,
  'POST /api/v1/invoices': z.union([ZInvoiceInput, z.array(ZInvoiceInput)]),
  'POST /api/v1/payments': ZRecordPayment,
  'POST /api/v1/payments/:id/match': ZMatchPayment.omit({ paymentId: true }),
  'POST /api/v1/runs': ZRunRequest,
  'POST /api/v1/tasks/:id/complete': ZCompleteTask.omit({ taskId: true }),
  'POST /api/v1/disputes': ZOpenDispute,
  'DELETE /api/v1/disputes': ZCloseDispute,
  'POST /api/v1/holds': ZSetHold,
  'DELETE /api/v1/holds': ZClearHold,
  'POST /api/v1/webhooks': ZWebhookEndpointInput,
  'POST /api/v1/prescription/interruptions': ZRecordInterruption.omit({ proof: true }).extend({
    proof: z.object({ fileName: z.string(), base64: z.string() }).nullish(),
  }),
};

/** The OpenAPI 3.1 document of every route registered on `app` under /api. */
export function buildOpenApiDocument(app: Hono): Record<string, unknown> {
  const generator = new OpenAPIHono();
  const registry = generator.openAPIRegistry;
  registry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: 'riscossa_session',
  });
  registry.registerComponent('securitySchemes', 'apiKey', { type: 'http', scheme: 'bearer' });
  const seen = new Set<string>();
  for (const route of app.routes) {
    const key = `${route.method} ${route.path}`;
    if (route.method === 'ALL' || !route.path.startsWith('/api/') || seen.has(key)) continue;
    seen.add(key);
    const params = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
    const isPublic = !route.path.startsWith('/api/v1/') || isPublicPath(route.path);
    const body = BODIES[key];
    registry.registerPath({
      method: route.method.toLowerCase() as 'get',
      path: route.path.replace(/:(\w+)/g, '{$1}'),
      summary: `${route.method} ${route.path}`,
      description: isPublic
        ? 'No authentication.'
        : `Needs the "${requiredPermission(route.method, route.path)}" permission. Unsafe methods over a session cookie need X-CSRF-Token; POST accepts Idempotency-Key.`,
      security: isPublic ? [] : [{ session: [] }, { apiKey: [] }],
      request: {
        ...(params.length > 0
          ? { params: z.object(Object.fromEntries(params.map((p) => [p, z.string()]))) }
          : {}),
        ...(body ? { body: { content: { 'application/json': { schema: body } } } } : {}),
      },
      responses: {
        200: { description: 'Success (201 when something was created, 204 when there is no body).' },
        default: { description: 'Error', content: { 'application/json': { schema: ZError } } },
      },
    });
  }
  return generator.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: 'Riscossa API',
      version: '1',
      description:
        'Credit management and collection. Errors are {code, message, details}; see docs/security.md.',
    },
  }) as unknown as Record<string, unknown>;
}
