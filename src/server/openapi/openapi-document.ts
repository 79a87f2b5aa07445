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
import { ZUpdateCreditor } from '../../app/ledger/update-creditor.ts';
import { ZRecordInterruption } from '../../app/prescription/record-interruption.ts';
import { ERROR_CODES, ERROR_HTTP_STATUS, type TErrorCode } from '../../core/shared/errors.ts';
import { isPublicPath } from '../security/authenticate.ts';
import { requiredPermission } from '../security/permissions.ts';
import { DEFAULT_SUCCESS, JSON_TYPE, ROUTE_DOCS, type TSuccess } from './route-docs.ts';

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

/** The error codes answered with each HTTP status, from the one table the server maps with. */
function codesFor(status: number): TErrorCode[] {
  // The request-size limit answers 413 with INVALID_INPUT (app.ts).
  if (status === 413) return ['INVALID_INPUT'];
  return ERROR_CODES.filter((code) => ERROR_HTTP_STATUS[code] === status);
}

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input: details name the field and value',
  401: 'Not authenticated',
  403: 'Not permitted, or CSRF token missing',
  404: 'Not found (or not reachable by the caller)',
  409: 'Conflict with the current state',
  410: 'Link expired',
  413: 'Request body too large',
  422: 'Refused by a business rule, or Idempotency-Key reused',
  429: 'Too many requests',
  500: 'Internal error (details only in the server log)',
};

/**
 * The error answers an operation can give: one shape {code, message, details}, the codes per
 * status. 400 where there is input; 401/403 unless public; 404 with a path id or a named
 * creditor/debtor; 409/422 for writes; 413 where there is a body; 429 and 410 for the public
 * self-service routes (rate-limited, links expire). Routes that fit no rule say theirs (route-docs.ts).
 */
function errorStatuses(method: string, path: string, isPublic: boolean, hasInput: boolean): number[] {
  const isWrite = method !== 'GET';
  const statuses = new Set<number>([500]);
  if (hasInput || isWrite) statuses.add(400).add(404);
  if (!isPublic) statuses.add(401).add(403);
  if (isWrite) statuses.add(409).add(422);
  if (method === 'POST' || method === 'PUT') statuses.add(413);
  if (path.startsWith('/api/v1/public/')) statuses.add(410).add(429);
  return [...statuses].sort((a, b) => a - b);
}

function errorResponses(statuses: readonly number[]): Record<string, unknown> {
  return Object.fromEntries(
    statuses.map((status) => [
      String(status),
      {
        description: ERROR_DESCRIPTIONS[status] ?? 'Error',
        content: {
          [JSON_TYPE]: { schema: ZError.extend({ code: z.enum(codesFor(status) as [TErrorCode]) }) },
        },
      },
    ]),
  );
}

function successResponses(success: TSuccess): Record<string, unknown> {
  if (success.status === 204) return { 204: { description: success.description } };
  const media = success.media ?? [JSON_TYPE];
  const content = Object.fromEntries(
    media.map((type) => [
      type,
      { schema: type === JSON_TYPE ? z.unknown() : z.string().openapi({ format: 'binary' }) },
    ]),
  );
  return Object.fromEntries(
    [success.status, ...(success.also ?? [])].map((status) => [
      String(status),
      { description: success.description, content },
    ]),
  );
}

/**
 * Request bodies by operation, from the zod schemas the use cases validate with (the same
 * objects, so the document cannot drift from the validation). Operations not listed here are
 * still in the document with their path, parameters and permission; their bodies are not yet.
 */
const BODIES: Record<string, z.ZodType> = {
  'POST /api/v1/session': ZLogIn,
  'POST /api/v1/creditors': ZAddCreditor,
  // Over JSON the logo is base64 (null removes it); the creditor is the :vat of the path.
  'PATCH /api/v1/creditors/:vat': ZUpdateCreditor.omit({ creditor: true, logo: true }).extend({
    logo: z.string().nullish().describe('PNG or JPEG, base64, at most 512 KB; null removes it'),
  }),
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
    const doc = ROUTE_DOCS[key];
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
        ...(doc?.query ? { query: doc.query } : {}),
        ...(body ? { body: { content: { 'application/json': { schema: body } } } } : {}),
      },
      responses: {
        ...successResponses(doc?.success ?? DEFAULT_SUCCESS),
        ...errorResponses(
          doc?.errors ??
            errorStatuses(route.method, route.path, isPublic, params.length > 0 || doc?.query !== undefined),
        ),
      } as never,
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
