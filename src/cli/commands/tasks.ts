import type { Command } from 'commander';
import { completeTask } from '../../app/collection/complete-task.ts';
import { worklist } from '../../app/collection/worklist.ts';
import { resolveDebtor } from '../../app/ledger/resolve-debtor.ts';
import { invalid } from '../../core/shared/errors.ts';
import { commandContext, output, printTable, type TGlobalOptions } from '../runtime.ts';
import { creditorFilter } from './shared-options.ts';

/** `--plan 2026-05-31:500.00 2026-06-30:500.00` */
function parsePlan(
  values: readonly string[] | undefined,
): Array<{ date: string; amount: string }> | undefined {
  return values?.map((v, i) => {
    const [date, amount] = v.split(':');
    if (!date || !amount) throw invalid(`--plan[${i}]`, v, 'is not DATE:AMOUNT, e.g. 2026-05-31:500.00');
    return { date, amount };
  });
}

export function registerTaskCommands(program: Command): void {
  const tasks = program.command('tasks').description("operators' worklist: calls, visits, reviews, tracing");
  tasks
    .command('list')
    .description('open tasks due by the date, most urgent first (broken promises, amount, age, risk)')
    .option('--date <date>', 'the day of the worklist (YYYY-MM-DD), default today')
    .option('--assignee <name>', "only this operator's tasks")
    .option('--debtor <vat>', 'only this debtor')
    .option('--creditor <vat>', 'only this creditor')
    .option('--done', 'include completed tasks')
    .option('--limit <n>', 'at most this many', '1000')
    .option(
      '--with-prescription',
      'with --json: an object {date, tasks, prescriptionWarnings} instead of the array of tasks',
    )
    .action(async (opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions & { date?: string }>();
      const ctx = await commandContext(options);
      const creditorId = await creditorFilter(ctx.db, opts.creditor);
      const debtor = opts.debtor ? await resolveDebtor(ctx.db, opts.debtor, creditorId, '--debtor') : null;
      const list = await worklist(ctx.db, {
        asOf: ctx.today,
        creditorId: debtor?.creditor_id ?? creditorId,
        debtorId: debtor?.id ?? null,
        assignee: opts.assignee ?? null,
        includeDone: Boolean(opts.done),
        limit: Number(opts.limit),
        withPrescription: Boolean(opts.withPrescription || !options.json),
      });
      const rows = list.tasks;
      // The array of tasks stays the default --json shape; the whole worklist is asked for.
      output(options, opts.withPrescription ? list : rows, () => {
        printTable(
          rows.map((r) => ({
            ...r,
            debtor: r.debtor.vatNumber ?? r.debtor.fiscalCode,
            late: r.isLate ? 'late' : '',
            flag: r.hasBrokenPromise ? 'broken promise' : '',
            invoices: r.instalments.map((i) => i.invoiceNumber).join(' '),
          })),
          ['id', 'dueDate', 'late', 'kind', 'stepKey', 'status', 'debtor', 'amount', 'flag', 'invoices'],
        );
        if (list.prescriptionWarnings.length === 0) return;
        process.stdout.write(
          `\nPrescription: ${list.prescriptionWarnings.length} instalments within 180 days of expiry or expired (send a registered demand before the expiry)\n`,
        );
        printTable(
          list.prescriptionWarnings.map((w) => ({
            ...w,
            debtor: w.debtor.name,
            warning: w.isExpired ? 'EXPIRED' : `${w.warningDays} days`,
          })),
          ['invoice', 'instalmentSeq', 'debtor', 'outstanding', 'expiresOn', 'daysLeft', 'warning'],
        );
      });
    });
  tasks
    .command('complete')
    .description('record the outcome of a task')
    .argument('<id>', 'task id')
    .requiredOption(
      '--outcome <outcome>',
      'no-answer | promise | paid | dispute | plan | wrong-details | unreachable | approved (reviews, tracing)',
    )
    .option('--promise-date <date>', 'with --outcome promise: the promised payment date')
    .option('--promise-amount <amount>', 'with --outcome promise: the promised amount, e.g. 500.00')
    .option(
      '--plan <date:amount...>',
      'with --outcome plan: the instalments, e.g. 2026-05-31:500.00 2026-06-30:500.00',
    )
    .option('--date <date>', 'when it happened (YYYY-MM-DD), default today')
    .option('--note <text>', 'what was said (for a dispute: the reason)')
    .action(async (id: string, opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions & { date?: string }>();
      if (!/^\d+$/.test(id)) throw invalid('id', id, 'is not a task id');
      const result = await completeTask(await commandContext(options), {
        taskId: Number(id),
        outcome: opts.outcome,
        promiseDate: opts.promiseDate,
        promiseAmount: opts.promiseAmount,
        plan: parsePlan(opts.plan),
        note: opts.note,
      });
      output(options, result, () => {
        process.stdout.write(
          `task ${result.id} (${result.kind}${result.stepKey ? ` ${result.stepKey}` : ''}) done on ${result.completedOn}: ${result.outcome}` +
            `${result.stepStatus ? `; step ${result.stepStatus}` : ''}\n`,
        );
        for (const p of result.promises)
          process.stdout.write(`  promise ${p.id}: ${p.amount} by ${p.dueDate}\n`);
        for (const n of result.disputedInvoices) process.stdout.write(`  dispute opened on ${n}\n`);
        for (const k of result.tasksCreated) process.stdout.write(`  new ${k.kind} task ${k.id}\n`);
        for (const a of result.actionsCreated)
          process.stdout.write(`  queued ${a.stepKey} (action ${a.id})\n`);
      });
    });
}
