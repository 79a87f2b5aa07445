import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { renderLetterPdf } from '../../adapters/letter-pdf/render-letter-pdf.ts';
import { resolveCreditorId } from '../../app/collection/resolve-creditor.ts';
import { letterInput } from '../../app/communications/letter-input.ts';
import { listTemplates } from '../../app/communications/list-templates.ts';
import { communicationView, previewCommunication } from '../../app/communications/preview-communication.ts';
import { saveTemplate } from '../../app/communications/save-template.ts';
import { invalid } from '../../core/shared/errors.ts';
import { commandContext, database, output, printTable, type TGlobalOptions } from '../runtime.ts';

function readText(file: string | undefined, inline: string | undefined, field: string): string | undefined {
  if (inline !== undefined) return inline;
  if (file === undefined) return undefined;
  try {
    return readFileSync(file, 'utf8');
  } catch {
    throw invalid(field, file, 'cannot be read');
  }
}

export function registerTemplateCommands(program: Command): void {
  const templates = program
    .command('templates')
    .description('message templates per step, language and channel (LiquidJS, strict)');

  templates
    .command('list')
    .description("every template the creditor's communications use (own or default)")
    .option('--creditor <vat>', 'the creditor, when there are several')
    .option('--template <key>', 'only this template')
    .action(async (opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions>();
      const db = await database(options);
      const creditorId = await resolveCreditorId(db, opts.creditor, '--creditor');
      const rows = (await listTemplates(db, creditorId)).filter(
        (t) => !opts.template || t.templateKey === opts.template,
      );
      output(options, rows, () =>
        printTable(
          rows.map((r) => ({ ...r, origin: r.isCustom ? 'own' : 'default' })),
          ['templateKey', 'channel', 'language', 'origin', 'subject'],
        ),
      );
    });

  templates
    .command('set <key>')
    .description("save the creditor's own template; refused if it uses an unknown variable or filter")
    .requiredOption('--language <it|en>', 'language')
    .requiredOption('--channel <email|letter|pec|sms>', 'channel')
    .option('--creditor <vat>', 'the creditor, when there are several')
    .option('--subject <text>', 'subject (Liquid)')
    .option('--subject-file <file>', 'subject from a file')
    .option('--body <text>', 'body before the instalment list (Liquid)')
    .option('--body-file <file>', 'body from a file')
    .option('--closing <text>', 'closing after the payment details (Liquid)')
    .option('--closing-file <file>', 'closing from a file')
    .action(async (key: string, opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions>();
      const ctx = await commandContext(options);
      const creditorId = await resolveCreditorId(ctx.db, opts.creditor, '--creditor');
      const result = await saveTemplate(ctx, {
        creditorId,
        templateKey: key,
        language: opts.language,
        channel: opts.channel,
        subject: readText(opts.subjectFile, opts.subject, '--subject-file') ?? '',
        body: readText(opts.bodyFile, opts.body, '--body-file') ?? '',
        closing: readText(opts.closingFile, opts.closing, '--closing-file') ?? '',
      });
      output(options, { ...result, templateKey: key, language: opts.language, channel: opts.channel }, () =>
        process.stdout.write(`saved template ${key} (${opts.channel}, ${opts.language})\n`),
      );
    });

  templates
    .command('preview')
    .description('render a template on real data, sending nothing: for an action, or a debtor and a template')
    .option('--action <id>', 'an action the engine took')
    .option('--debtor <vat>', 'a debtor (with --template): every instalment overdue on the date')
    .option('--template <key>', "template key (default: the action's)")
    .option('--channel <email|letter|pec|sms>', 'channel', 'email')
    .option('--language <it|en>', "language (default: the debtor's)")
    .option('--creditor <vat>', 'the creditor, when there are several')
    .option('--date <date>', 'date of the communication (YYYY-MM-DD), default today')
    .option('--pdf <file>', 'also write the letter PDF to this file')
    .action(async (opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions & { date?: string }>();
      const ctx = await commandContext(options);
      const built = await previewCommunication(ctx.db, {
        creditor: opts.creditor,
        action: opts.action ? Number(opts.action) : null,
        debtor: opts.debtor,
        template: opts.template,
        channel: opts.channel,
        language: opts.language,
        date: ctx.today,
      });
      if (opts.pdf) {
        writeFileSync(opts.pdf, await renderLetterPdf(letterInput(built)));
      }
      const view = communicationView(built);
      output(options, view, () => process.stdout.write(`Subject: ${view.subject}\n\n${view.text}`));
    });
}
