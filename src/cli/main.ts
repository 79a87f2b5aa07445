import { Command, CommanderError } from 'commander';
import { closeDatabase, installSignalHandlers, reportError } from './runtime.ts';

type TRegister = (program: Command) => void;
type TCommandModule = { commands: readonly string[]; load: () => Promise<TRegister> };

/**
 * Every command module, in registration order, with the top-level commands it adds to or
 * extends. A command loads only its own modules: loading all of them (and the libraries behind
 * them) costs a second of CPU at every start, which the embedded database's users and the test
 * suite pay on each invocation. test/cli/command-modules.test.ts checks this table against what
 * the modules actually register.
 */
export const COMMAND_MODULES: readonly TCommandModule[] = [
  {
    commands: ['init', 'serve', 'backup', 'restore'],
    load: async () => (await import('./commands/maintenance.ts')).registerMaintenanceCommands,
  },
  {
    commands: ['creditors'],
    load: async () => (await import('./commands/creditors.ts')).registerCreditorCommands,
  },
  { commands: ['debtors'], load: async () => (await import('./commands/debtors.ts')).registerDebtorCommands },
  {
    commands: ['invoices'],
    load: async () => (await import('./commands/invoices.ts')).registerInvoiceCommands,
  },
  {
    commands: ['payments'],
    load: async () => (await import('./commands/payments.ts')).registerPaymentCommands,
  },
  { commands: ['import'], load: async () => (await import('./commands/imports.ts')).registerImportCommands },
  {
    commands: ['payments'],
    load: async () => (await import('./commands/payment-matching.ts')).registerPaymentMatchingCommands,
  },
  {
    commands: ['register'],
    load: async () => (await import('./commands/register.ts')).registerRegisterCommands,
  },
  { commands: ['demo'], load: async () => (await import('./commands/demo.ts')).registerDemoCommands },
  {
    commands: ['rates', 'interest', 'interest-terms', 'costs', 'statement', 'prescription'],
    load: async () => (await import('./commands/interest.ts')).registerInterestCommands,
  },
  { commands: ['report'], load: async () => (await import('./commands/reports.ts')).registerReportCommands },
  {
    commands: ['debtors', 'risk'],
    load: async () => (await import('./commands/risk.ts')).registerRiskCommands,
  },
  { commands: ['run'], load: async () => (await import('./commands/run.ts')).registerRunCommands },
  { commands: ['tasks'], load: async () => (await import('./commands/tasks.ts')).registerTaskCommands },
  { commands: ['actions'], load: async () => (await import('./commands/actions.ts')).registerActionCommands },
  { commands: ['cases'], load: async () => (await import('./commands/cases.ts')).registerCaseCommands },
  {
    commands: ['cases'],
    load: async () => (await import('./commands/case-progress.ts')).registerCaseProgressCommands,
  },
  {
    commands: ['casefile'],
    load: async () => (await import('./commands/casefile.ts')).registerCaseFileCommands,
  },
  {
    commands: ['documents'],
    load: async () => (await import('./commands/documents.ts')).registerDocumentCommands,
  },
  {
    commands: ['cases', 'legal'],
    load: async () => (await import('./commands/legal.ts')).registerLegalCommands,
  },
  {
    commands: ['agency', 'mandates', 'specialists'],
    load: async () => (await import('./commands/agency.ts')).registerAgencyCommands,
  },
  {
    commands: ['agency', 'contacts', 'tracing'],
    load: async () => (await import('./commands/contacts.ts')).registerContactCommands,
  },
  {
    commands: ['dispute'],
    load: async () => (await import('./commands/disputes.ts')).registerDisputeCommands,
  },
  { commands: ['hold'], load: async () => (await import('./commands/holds.ts')).registerHoldCommands },
  {
    commands: ['policies'],
    load: async () => (await import('./commands/policies.ts')).registerPolicyCommands,
  },
  {
    commands: ['worker', 'schedule'],
    load: async () => (await import('./commands/worker.ts')).registerWorkerCommands,
  },
  { commands: ['links'], load: async () => (await import('./commands/links.ts')).registerLinkCommands },
  { commands: ['users'], load: async () => (await import('./commands/users.ts')).registerUserCommands },
  {
    commands: ['apikeys'],
    load: async () => (await import('./commands/api-keys.ts')).registerApiKeyCommands,
  },
  {
    commands: ['webhooks'],
    load: async () => (await import('./commands/webhooks.ts')).registerWebhookCommands,
  },
  {
    commands: ['privacy'],
    load: async () => (await import('./commands/privacy.ts')).registerPrivacyCommands,
  },
  { commands: ['bench'], load: async () => (await import('./commands/bench.ts')).registerBenchCommands },
  {
    commands: ['bench'],
    load: async () => (await import('./commands/bench-run.ts')).registerBenchRunCommand,
  },
  {
    commands: ['templates'],
    load: async () => (await import('./commands/templates.ts')).registerTemplateCommands,
  },
  { commands: ['outbox'], load: async () => (await import('./commands/outbox.ts')).registerOutboxCommands },
  { commands: ['letters'], load: async () => (await import('./commands/letters.ts')).registerLetterCommands },
  { commands: ['pec'], load: async () => (await import('./commands/pec.ts')).registerPecCommands },
];

/** The top-level command named in argv (after the global options), or null (help, nothing). */
export function commandNameOf(argv: readonly string[]): string | null {
  for (let i = 2; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--data-dir') {
      i += 1;
      continue;
    }
    if (arg.startsWith('-')) continue;
    return arg;
  }
  return null;
}

/** The modules a command needs: those that register it, and those that extend the same commands. */
export function modulesFor(name: string | null): readonly TCommandModule[] {
  if (name === null || !COMMAND_MODULES.some((m) => m.commands.includes(name))) return COMMAND_MODULES;
  const names = new Set([name]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const m of COMMAND_MODULES) {
      if (!m.commands.some((n) => names.has(n))) continue;
      for (const n of m.commands) {
        if (!names.has(n)) {
          names.add(n);
          grew = true;
        }
      }
    }
  }
  return COMMAND_MODULES.filter((m) => m.commands.some((n) => names.has(n)));
}

export async function buildProgram(argv: readonly string[] = []): Promise<Command> {
  const program = new Command('riscossa')
    .description('Riscossa: credit management and collection')
    .option(
      '--data-dir <dir>',
      'embedded database directory (env RISCOSSA_DATA_DIR, default ./riscossa-data)',
    )
    .option('--json', 'machine-readable output')
    .showHelpAfterError()
    .exitOverride();
  const modules = modulesFor(commandNameOf(argv));
  const registers = await Promise.all(modules.map((m) => m.load()));
  for (const register of registers) register(program);
  return program;
}

/** Runs the CLI on argv (process.argv shape) and returns the exit status. */
export async function runCli(argv: string[]): Promise<number> {
  installSignalHandlers();
  try {
    const program = await buildProgram(argv);
    await program.parseAsync(argv);
    return Number(process.exitCode ?? 0);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    return reportError(error, argv.includes('--json'));
  } finally {
    await closeDatabase();
  }
}

// `node src/cli/main.ts` runs it; bin/riscossa.js and the table's test import it.
if (import.meta.main) process.exitCode = await runCli(process.argv);
