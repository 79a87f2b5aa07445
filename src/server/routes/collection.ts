import type { Context, Hono } from 'hono';
import { addPolicy } from '../../app/collection/add-policy.ts';
import { assignPolicy } from '../../app/collection/assign-policy.ts';
import { clearHold } from '../../app/collection/clear-hold.ts';
import { closeDispute } from '../../app/collection/close-dispute.ts';
import { completeTask } from '../../app/collection/complete-task.ts';
import { listActions } from '../../app/collection/list-actions.ts';
import { listCases } from '../../app/collection/list-cases.ts';
import { listPolicies } from '../../app/collection/list-policies.ts';
import { listPolicyOverrides } from '../../app/collection/list-policy-overrides.ts';
import { openDispute } from '../../app/collection/open-dispute.ts';
import { resolveCreditorId } from '../../app/collection/resolve-creditor.ts';
import { runCollection } from '../../app/collection/run-collection.ts';
import { setHold } from '../../app/collection/set-hold.ts';
import { worklist } from '../../app/collection/worklist.ts';
import { resolveDebtor } from '../../app/ledger/resolve-debtor.ts';
import type { TContext } from '../../app/shared/context.ts';
import { parseDate } from '../../core/shared/calendar-date.ts';
import { invalid } from '../../core/shared/errors.ts';
import type { TServerDeps } from '../app.ts';
import { principalOf } from '../security/authenticate.ts';
import {
  requestContext,
  requiredCreditorId,
  scopeCreditorId,
  scopeCreditorVat,
} from '../security/tenant-scope.ts';

/** An agency specialist sees only the tasks assigned to them (by e-mail). */
function specialistAssignee(c: Context): string | null {
  const principal = principalOf(c);
  return principal.role === 'agency_specialist' ? principal.label : null;
}

function page(c: Context): { afterId: number; limit: number } {
  const after = c.req.query('after') ?? '0';
  const limit = c.req.query('limit') ?? '100';
  if (!/^\d+$/.test(after)) throw invalid('after', after, 'is not an id');
  if (!/^\d+$/.test(limit) || Number(limit) < 1 || Number(limit) > 1000)
    throw invalid('limit', limit, 'must be 1 to 1000');
  return { afterId: Number(after), limit: Number(limit) };
}

async function jsonBody(c: Context): Promise<Record<string, unknown>> {
  const text = await c.req.text();
  if (!text.trim()) return {};
  const body = JSON.parse(text) as unknown;
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw invalid('body', body, 'must be a JSON object');
  return body as Record<string, unknown>;
}

/**
 * The collection engine over HTTP: POST /api/v1/runs, GET /api/v1/tasks (withPrescription=true:
 * {date, tasks, prescriptionWarnings}),
 * POST /api/v1/tasks/:id/complete, GET /api/v1/actions, GET /api/v1/cases, GET|POST /api/v1/policies,
 * POST /api/v1/policies/assignments, GET /api/v1/policies/overrides,
 * POST|DELETE /api/v1/disputes, POST|DELETE /api/v1/holds. Bodies and fields as the CLI's.
 */
export function registerCollectionRoutes(app: Hono, deps: TServerDeps): void {
  const context = (c: Context, date?: unknown): TContext =>
    requestContext(c, deps, typeof date === 'string' && date ? parseDate(date, 'date') : undefined);
  /** Body fields naming a creditor are checked against the principal's and filled in for one. */
  const scopedBody = async (c: Context, body: Record<string, unknown>): Promise<Record<string, unknown>> => ({
    ...body,
    creditor: await scopeCreditorVat(c, deps.db, body.creditor),
  });
  const debtorFilter = async (c: Context) => {
    const creditorId = await scopeCreditorId(c, deps.db, c.req.query('creditor'));
    const vat = c.req.query('debtor');
    const debtor = vat ? await resolveDebtor(deps.db, vat, creditorId) : null;
    return { creditorId: debtor?.creditor_id ?? creditorId, debtorId: debtor?.id ?? null };
  };

  app.post('/api/v1/runs', async (c) => {
    const body = await jsonBody(c);
    if (body.creditor !== undefined && typeof body.creditor !== 'string')
      throw invalid('creditor', body.creditor, 'is not a VAT number');
    const creditorId = await scopeCreditorId(c, deps.db, body.creditor as string | undefined);
    const result = await runCollection(context(c, body.date), { dryRun: body.dryRun === true, creditorId });
    return c.json(result, result.isDryRun ? 200 : 201);
  });

  app.get('/api/v1/tasks', async (c) => {
    const ctx = context(c, c.req.query('date'));
    const assignee = specialistAssignee(c) ?? c.req.query('assignee');
    const withPrescription = c.req.query('withPrescription') === 'true';
    const list = await worklist(deps.db, {
      asOf: ctx.today,
      ...(await debtorFilter(c)),
      assignee: assignee || null,
      includeDone: c.req.query('done') === 'true',
      limit: page(c).limit,
      withPrescription,
    });
    // The array of tasks stays the default shape; withPrescription=true asks for the whole worklist.
    return c.json(withPrescription ? list : list.tasks);
  });
  app.post('/api/v1/tasks/:id/complete', async (c) => {
    const id = c.req.param('id');
    if (!/^\d+$/.test(id)) throw invalid('id', id, 'is not a task id');
    const body = await jsonBody(c);
    return c.json(await completeTask(context(c, body.date), { ...body, taskId: Number(id) } as never));
  });

  app.get('/api/v1/actions', async (c) => {
    const on = c.req.query('on');
    return c.json(
      await listActions(deps.db, {
        ...(await debtorFilter(c)),
        date: on ? parseDate(on, 'on') : null,
        ...page(c),
      }),
    );
  });

  app.get('/api/v1/cases', async (c) => {
    const status = c.req.query('status') ?? 'open';
    if (!['open', 'closed', 'all'].includes(status))
      throw invalid('status', status, 'is not open, closed or all');
    return c.json(
      await listCases(deps.db, {
        ...(await debtorFilter(c)),
        status: status === 'all' ? null : (status as 'open' | 'closed'),
        assignee: specialistAssignee(c),
        ...page(c),
      }),
    );
  });

  app.get('/api/v1/policies', async (c) =>
    c.json(
      await listPolicies(
        deps.db,
        (await scopeCreditorId(c, deps.db, c.req.query('creditor'))) ??
          (await resolveCreditorId(deps.db, c.req.query('creditor'))),
      ),
    ),
  );

  // A new policy (never an edit in place: cases keep the steps they started with), permission
  // `policies`. The body is the policy as GET lists it, with the creditor's VAT number.
  app.post('/api/v1/policies', async (c) => {
    const { creditor, ...policy } = await jsonBody(c);
    const creditorId = await requiredCreditorId(c, deps.db, typeof creditor === 'string' ? creditor : null);
    return c.json(await addPolicy(context(c), creditorId, policy), 201);
  });

  // Which policy new cases follow (permission `policies`): the body is `policies assign`'s options
  // as JSON — policy with exactly one of debtor, invoice (+ year), rule, removeRule, default: true.
  app.post('/api/v1/policies/assignments', async (c) => {
    const { creditor, ...assignment } = await jsonBody(c);
    const creditorId = await requiredCreditorId(c, deps.db, typeof creditor === 'string' ? creditor : null);
    return c.json(await assignPolicy(context(c), creditorId, assignment as never), 201);
  });

  // The per-debtor and per-invoice overrides (the rules and the default are in GET /policies).
  app.get('/api/v1/policies/overrides', async (c) => {
    const creditorId = await requiredCreditorId(c, deps.db, c.req.query('creditor'));
    const vat = c.req.query('debtor');
    const debtorId = vat ? (await resolveDebtor(deps.db, vat, creditorId)).id : null;
    return c.json(await listPolicyOverrides(deps.db, creditorId, { debtorId, limit: page(c).limit }));
  });

  app.post('/api/v1/disputes', async (c) => {
    const body = await scopedBody(c, await jsonBody(c));
    return c.json(await openDispute(context(c, body.date), body as never), 201);
  });
  app.delete('/api/v1/disputes', async (c) => {
    const body = await scopedBody(c, { ...c.req.query(), ...(await jsonBody(c)) });
    return c.json(await closeDispute(context(c, body.date), body as never));
  });

  app.post('/api/v1/holds', async (c) => {
    const body = await scopedBody(c, await jsonBody(c));
    return c.json(await setHold(context(c, body.date), body as never), 201);
  });
  app.delete('/api/v1/holds', async (c) => {
    const body = await scopedBody(c, { ...c.req.query(), ...(await jsonBody(c)) });
    return c.json(await clearHold(context(c, body.date), body as never));
  });
}
