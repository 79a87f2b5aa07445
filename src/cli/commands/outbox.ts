import type { Command } from 'commander';
import { resolveCreditorIdOrNull } from '../../app/collection/resolve-creditor.ts';
import { listOutbox } from '../../app/communications/list-outbox.ts';
import { closeSenders, sendersFromEnv } from '../../app/communications/mail-settings.ts';
import { retryOutbox } from '../../app/communications/retry-outbox.ts';
import { sendOutbox } from '../../app/communications/send-outbox.ts';
import { setConductRules } from '../../app/communications/set-conduct-rules.ts';
import { invalid } from '../../core/shared/errors.ts';
import { commandContext, database, output, printTable, type TGlobalOptions } from '../runtime.ts';
import { pageOptions } from './shared-options.ts';

function id(value: string, field: string): number {
  if (!/^\d+$/.test(value)) throw invalid(field, value, 'is not an id');
  return Number(value);
}

export function registerOutboxCommands(program: Command): void {
  const outbox = program
    .command('outbox')
    .description('messages waiting, sent or failed (transactional outbox)');

  outbox
    .command('conduct')
    .description(
      'conduct rules of a creditor: quiet hours (Europe/Rome, equal hours = none) and the weekly cap per debtor; without options, shows them',
    )
    .requiredOption('--creditor <vat>', 'the creditor')
    .option('--quiet-from <hour>', 'nothing is sent from this local hour (0-23; default 20)')
    .option('--quiet-to <hour>', '...until this local hour (0-23; default 8)')
    .option('--weekly-cap <n>', 'most communications per debtor in any 7 days (default 2)')
    .action(async (opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions>();
      const rules = await setConductRules(await commandContext(options), {
        creditor: opts.creditor,
        quietFromHour: opts.quietFrom,
        quietToHour: opts.quietTo,
        weeklyCap: opts.weeklyCap,
      });
      output(options, rules, () =>
        process.stdout.write(
          `${rules.creditor}: quiet hours ${rules.quietFromHour === rules.quietToHour ? 'none' : `${rules.quietFromHour}:00-${rules.quietToHour}:00`}, at most ${rules.weeklyCap} communications per debtor a week\n`,
        ),
      );
    });

  pageOptions(
    outbox
      .command('list')
      .description('messages with their attempts, oldest first')
      .option('--status <status>', 'pending, sending, sent, failed or cancelled')
      .option('--attention', 'only messages marked for a person')
      .option('--creditor <vat>', 'only this creditor'),
  ).action(async (opts, cmd: Command) => {
    const options = cmd.optsWithGlobals<TGlobalOptions>();
    const db = await database(options);
    const rows = await listOutbox(
      db,
      {
        creditorId: await resolveCreditorIdOrNull(db, opts.creditor, '--creditor'),
        status: opts.status,
        needsAttention: Boolean(opts.attention),
        afterId: opts.after ? id(opts.after, '--after') : 0,
        limit: Number(opts.limit),
      },
      new Date(),
    );
    output(options, rows, () =>
      printTable(
        rows.map((r) => ({
          ...r,
          debtor: r.debtor.name,
          status: r.isUnknown ? 'unknown' : r.status,
          attention: r.needsAttention ? 'yes' : '',
        })),
        [
          'id',
          'actionId',
          'stepKey',
          'channel',
          'status',
          'attention',
          'attempts',
          'recipient',
          'debtor',
          'lastError',
        ],
      ),
    );
  });

  outbox
    .command('send')
    .description('deliver the e-mail, PEC and SMS messages that are due (settings: RISCOSSA_SMTP_URL, ...)')
    .option('--creditor <vat>', 'only this creditor')
    .option('--limit <n>', 'at most this many messages', '10000')
    .option('--date <date>', 'date written on the communications (YYYY-MM-DD), default today')
    .action(async (opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions & { date?: string }>();
      const ctx = await commandContext(options);
      const senders = sendersFromEnv();
      if (!senders.email && !senders.pec && !senders.sms)
        process.stderr.write(
          'note: no sender configured (RISCOSSA_SMTP_URL, RISCOSSA_PEC_SMTP_URL, RISCOSSA_SMS_FILE): messages wait in the outbox\n',
        );
      try {
        const result = await sendOutbox(ctx, senders, {
          creditorId: await resolveCreditorIdOrNull(ctx.db, opts.creditor, '--creditor'),
          limit: id(opts.limit, '--limit'),
        });
        output(options, result, () =>
          process.stdout.write(
            `sent ${result.sent}, temporary failures ${result.temporaryFailures}, hard failures ${result.hardFailures}, cancelled ${result.cancelled}, deferred ${result.deferred}\n`,
          ),
        );
      } finally {
        closeSenders(senders);
      }
    });

  outbox
    .command('retry <id>')
    .description('send a failed message again, or one whose fate is unknown after a crash')
    .option('--reason <text>', 'why (kept in the register)')
    .option('--creditor <vat>', 'the creditor')
    .action(async (value: string, opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions>();
      const ctx = await commandContext(options);
      const result = await retryOutbox(ctx, {
        id: id(value, 'id'),
        creditorId: await resolveCreditorIdOrNull(ctx.db, opts.creditor, '--creditor'),
        reason: opts.reason ?? null,
      });
      output(options, result, () => process.stdout.write(`message ${result.id} is pending again\n`));
    });
}
