import type { Command } from 'commander';
import { resolveCreditorRefs } from '../../app/security/user-input.ts';
import { deliverWebhooks, listDeliveries, redeliver } from '../../app/webhooks/deliver-webhooks.ts';
import {
  addWebhookEndpoint,
  disableWebhookEndpoint,
  listWebhookEndpoints,
} from '../../app/webhooks/webhook-endpoints.ts';
import { invalid } from '../../core/shared/errors.ts';
import type { TSql } from '../../db/database.ts';
import { commandContext, database, output, printTable, type TGlobalOptions } from '../runtime.ts';

async function creditorScope(db: TSql, vat: string | undefined): Promise<number[] | null> {
  return vat ? resolveCreditorRefs(db, [vat], '--creditor') : null;
}

function idArgument(id: string): number {
  if (!/^\d{1,15}$/.test(id)) throw invalid('id', id, 'is not an id');
  return Number(id);
}

export function registerWebhookCommands(program: Command): void {
  const webhooks = program.command('webhooks').description('signed HTTP callbacks to other systems');
  webhooks
    .command('add')
    .description('add an endpoint; prints its signing secret once')
    .requiredOption('--creditor <vatOrId>', 'the creditor whose events are sent')
    .requiredOption('--url <url>', 'https URL (http only to localhost)')
    .requiredOption(
      '--events <list>',
      'comma-separated: payment.matched, step.executed, promise.broken, dispute.opened, case.handed_over',
    )
    .action(async (opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions>();
      const ctx = await commandContext(options);
      const [creditorId] = await resolveCreditorRefs(ctx.db, [opts.creditor], '--creditor');
      const endpoint = await addWebhookEndpoint(ctx, creditorId!, { url: opts.url, events: opts.events });
      output(options, endpoint, () =>
        process.stdout.write(
          `webhook ${endpoint.id} added: ${endpoint.url} (${endpoint.events.join(',')})\nsecret: ${endpoint.secret}\nkeep it now: it is not shown again\n`,
        ),
      );
    });
  webhooks
    .command('list')
    .description('list endpoints')
    .option('--creditor <vatOrId>', 'only this creditor')
    .action(async (opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions>();
      const db = await database(options);
      const rows = await listWebhookEndpoints(db, await creditorScope(db, opts.creditor));
      output(options, rows, () =>
        printTable(
          rows.map((r) => ({ ...r, events: r.events.join(','), status: r.isActive ? 'active' : 'disabled' })),
          ['id', 'creditorId', 'url', 'events', 'status'],
        ),
      );
    });
  webhooks
    .command('disable')
    .description('stop sending to an endpoint')
    .argument('<id>', 'endpoint id')
    .option('--creditor <vatOrId>', 'the creditor of the endpoint')
    .action(async (id: string, opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions>();
      const ctx = await commandContext(options);
      const endpoint = await disableWebhookEndpoint(
        ctx,
        await creditorScope(ctx.db, opts.creditor),
        idArgument(id),
      );
      output(options, endpoint, () => process.stdout.write(`webhook ${endpoint.id} disabled\n`));
    });
  webhooks
    .command('deliver')
    .description('send the deliveries that are due now (the server does this every 5 seconds)')
    .option('--limit <n>', 'at most this many', '100')
    .action(async (opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions>();
      const run = await deliverWebhooks(await database(options), { limit: Number(opts.limit) });
      output(options, run, () =>
        process.stdout.write(
          `${run.attempted} attempted: ${run.delivered} delivered, ${run.retrying} to retry, ${run.failed} failed\n`,
        ),
      );
    });
  webhooks
    .command('deliveries')
    .description('the delivery log, newest first')
    .option('--creditor <vatOrId>', 'only this creditor')
    .option('--endpoint <id>', 'only this endpoint')
    .action(async (opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions>();
      const db = await database(options);
      const rows = await listDeliveries(db, {
        creditorIds: await creditorScope(db, opts.creditor),
        endpointId: opts.endpoint ? idArgument(opts.endpoint) : null,
      });
      output(options, rows, () =>
        printTable(rows, [
          'id',
          'endpointId',
          'eventType',
          'eventId',
          'status',
          'attempts',
          'lastStatusCode',
          'nextAttemptAt',
        ]),
      );
    });
  webhooks
    .command('redeliver')
    .description('send a delivery again now (same event id)')
    .argument('<id>', 'delivery id')
    .option('--creditor <vatOrId>', 'the creditor of the delivery')
    .action(async (id: string, opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions>();
      const db = await database(options);
      await redeliver(db, await creditorScope(db, opts.creditor), idArgument(id), new Date());
      output(options, { id: Number(id), status: 'pending' }, () =>
        process.stdout.write(
          `delivery ${id} queued again; it is sent by the server or "riscossa webhooks deliver"\n`,
        ),
      );
    });
}
