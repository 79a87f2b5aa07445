import type { Command } from 'commander';
import { createApiKey, listApiKeys, revokeApiKeyById } from '../../app/security/api-keys.ts';
import { resolveCreditorRefs } from '../../app/security/user-input.ts';
import { invalid } from '../../core/shared/errors.ts';
import { commandContext, database, output, printTable, type TGlobalOptions } from '../runtime.ts';

export function registerApiKeyCommands(program: Command): void {
  const keys = program.command('apikeys').description('API keys for other systems (one creditor each)');
  keys
    .command('create')
    .description('create a key; the token is printed once and never stored in clear')
    .requiredOption('--creditor <vatOrId>', 'the creditor the key reaches')
    .requiredOption('--permissions <list>', 'comma-separated: read, work, write (write implies work)')
    .option('--name <name>', 'what the key is for', 'api key')
    .action(async (opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions>();
      const key = await createApiKey(await commandContext(options), {
        creditor: opts.creditor,
        permissions: opts.permissions,
        name: opts.name,
      });
      output(options, key, () =>
        process.stdout.write(
          `API key ${key.id} for creditor ${key.creditorId} (${key.permissions.join(',')}):\n${key.token}\nkeep it now: it is not shown again\n`,
        ),
      );
    });
  keys
    .command('list')
    .description('list keys (never their tokens)')
    .option('--creditor <vatOrId>', 'only this creditor')
    .action(async (opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions>();
      const db = await database(options);
      const [creditorId] = opts.creditor ? await resolveCreditorRefs(db, [opts.creditor], '--creditor') : [];
      const rows = await listApiKeys(db, creditorId ?? null);
      output(options, rows, () =>
        printTable(
          rows.map((k) => ({
            ...k,
            permissions: k.permissions.join(','),
            status: k.revokedAt ? 'revoked' : 'active',
          })),
          ['id', 'creditorId', 'name', 'prefix', 'permissions', 'lastUsedAt', 'status'],
        ),
      );
    });
  keys
    .command('revoke')
    .description('revoke a key at once')
    .requiredOption('--creditor <vatOrId>', 'the creditor of the key')
    .argument('<id>', 'key id')
    .action(async (id: string, opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions>();
      const ctx = await commandContext(options);
      if (!/^\d+$/.test(id)) throw invalid('id', id, 'is not a key id');
      const [creditorId] = await resolveCreditorRefs(ctx.db, [opts.creditor], '--creditor');
      await revokeApiKeyById(ctx, creditorId!, Number(id));
      output(options, { id: Number(id), revoked: true }, () =>
        process.stdout.write(`API key ${id} revoked\n`),
      );
    });
}
