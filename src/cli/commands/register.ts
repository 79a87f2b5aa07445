import type { Command } from 'commander';
import { type TRegisterVerification, verifyRegister } from '../../app/register/verify-register.ts';
import { listCreditorRows } from '../../db/queries/creditors.ts';
import { database, output, printTable, type TGlobalOptions } from '../runtime.ts';

export function registerRegisterCommands(program: Command): void {
  const register = program.command('register').description('the append-only activity register');
  register
    .command('verify')
    .description('recompute every hash chain; exit status 1 when a row was altered or removed')
    .action(async (_opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions>();
      const db = await database(options);
      const results: TRegisterVerification[] = [];
      for (const creditor of await listCreditorRows(db)) results.push(await verifyRegister(db, creditor.id));
      output(options, results, () => printTable(results, ['creditorId', 'entries', 'isValid', 'problem']));
      if (results.some((r) => !r.isValid)) process.exitCode = 1;
    });
}
