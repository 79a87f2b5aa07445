import type { Command } from 'commander';
import { addUser } from '../../app/security/add-user.ts';
import {
  confirmTotpEnrolment,
  disableUser,
  enableUser,
  removeTotp,
  setPassword,
  startTotpEnrolment,
} from '../../app/security/change-user.ts';
import { listUsers } from '../../app/security/list-users.ts';
import { invalid } from '../../core/shared/errors.ts';
import { commandContext, database, output, printTable, type TGlobalOptions } from '../runtime.ts';

/** The password from standard input (first line), never from the command line or its history. */
async function readPasswordFromStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('password: ');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const password = Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  if (!password) throw invalid('--password-stdin', null, 'read no password from standard input');
  return password;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerUserCommands(program: Command): void {
  const users = program.command('users').description('people who log in, their roles and creditors');
  users
    .command('add')
    .description('add a user (the password is read from standard input)')
    .requiredOption('--email <email>', 'e-mail address (the log-in name)')
    .requiredOption('--name <name>', 'full name')
    .requiredOption(
      '--role <role>',
      'administrator, credit_manager, operator, agency_specialist or read_only',
    )
    .option(
      '--creditor <vatOrId>',
      'a creditor the user reaches (repeatable; not for administrators)',
      collect,
    )
    .requiredOption('--password-stdin', 'read the password from standard input')
    .action(async (opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions>();
      const ctx = await commandContext(options);
      const user = await addUser(ctx, {
        email: opts.email,
        name: opts.name,
        role: opts.role,
        creditors: opts.creditor ?? [],
        password: await readPasswordFromStdin(),
      });
      output(options, user, () =>
        process.stdout.write(`user ${user.id} added: ${user.email} (${user.role})\n`),
      );
    });
  users
    .command('list')
    .description('list users')
    .action(async (_opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions>();
      const rows = await listUsers(await database(options));
      output(options, rows, () =>
        printTable(
          rows.map((u) => ({
            ...u,
            creditorIds: u.creditorIds.join(','),
            status: u.isDisabled ? 'disabled' : 'active',
          })),
          ['id', 'email', 'name', 'role', 'creditorIds', 'hasTotp', 'status'],
        ),
      );
    });
  users
    .command('disable')
    .description('disable a user and end their sessions')
    .requiredOption('--email <email>', 'the user')
    .action(async (opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions>();
      const user = await disableUser(await commandContext(options), opts.email);
      output(options, user, () => process.stdout.write(`user ${user.email} disabled\n`));
    });
  users
    .command('enable')
    .description('enable a disabled user again')
    .requiredOption('--email <email>', 'the user')
    .action(async (opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions>();
      const user = await enableUser(await commandContext(options), opts.email);
      output(options, user, () => process.stdout.write(`user ${user.email} enabled\n`));
    });
  users
    .command('passwd')
    .description('set a new password (read from standard input); unlocks and ends sessions')
    .requiredOption('--email <email>', 'the user')
    .requiredOption('--password-stdin', 'read the password from standard input')
    .action(async (opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions>();
      const user = await setPassword(
        await commandContext(options),
        opts.email,
        await readPasswordFromStdin(),
      );
      output(options, user, () => process.stdout.write(`password of ${user.email} changed\n`));
    });
  const totp = users.command('totp').description('one-time codes (TOTP) as a second factor');
  totp
    .command('enrol')
    .description('start enrolment: prints the secret and the otpauth:// URI for the authenticator')
    .requiredOption('--email <email>', 'the user')
    .action(async (opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions>();
      const result = await startTotpEnrolment(await commandContext(options), opts.email);
      output(options, result, () =>
        process.stdout.write(
          `secret: ${result.secret}\nuri: ${result.uri}\nconfirm with: riscossa users totp confirm --email ${result.email} --code <6 digits>\n`,
        ),
      );
    });
  totp
    .command('confirm')
    .description('finish enrolment with a code from the authenticator')
    .requiredOption('--email <email>', 'the user')
    .requiredOption('--code <code>', 'the 6-digit code shown now')
    .action(async (opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions>();
      const user = await confirmTotpEnrolment(await commandContext(options), opts.email, opts.code);
      output(options, user, () => process.stdout.write(`one-time codes enabled for ${user.email}\n`));
    });
  totp
    .command('remove')
    .description('remove the second factor (e.g. a lost phone)')
    .requiredOption('--email <email>', 'the user')
    .action(async (opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions>();
      const user = await removeTotp(await commandContext(options), opts.email);
      output(options, user, () => process.stdout.write(`one-time codes removed for ${user.email}\n`));
    });
}
