import { Command, CommanderError } from 'commander';
import { registerActionCommands } from './commands/actions.ts';
import { registerAgencyCommands } from './commands/agency.ts';
import { registerApiKeyCommands } from './commands/api-keys.ts';
import { registerBenchCommands } from './commands/bench.ts';
import { registerBenchRunCommand } from './commands/bench-run.ts';
import { registerCaseProgressCommands } from './commands/case-progress.ts';
import { registerCaseFileCommands } from './commands/casefile.ts';
import { registerCaseCommands } from './commands/cases.ts';
import { registerContactCommands } from './commands/contacts.ts';
import { registerCreditorCommands } from './commands/creditors.ts';
import { registerDebtorCommands } from './commands/debtors.ts';
import { registerDemoCommands } from './commands/demo.ts';
import { registerDisputeCommands } from './commands/disputes.ts';
import { registerDocumentCommands } from './commands/documents.ts';
import { registerHoldCommands } from './commands/holds.ts';
import { registerImportCommands } from './commands/imports.ts';
import { registerInterestCommands } from './commands/interest.ts';
import { registerInvoiceCommands } from './commands/invoices.ts';
import { registerLegalCommands } from './commands/legal.ts';
import { registerLetterCommands } from './commands/letters.ts';
import { registerLinkCommands } from './commands/links.ts';
import { registerMaintenanceCommands } from './commands/maintenance.ts';
import { registerOutboxCommands } from './commands/outbox.ts';
import { registerPaymentMatchingCommands } from './commands/payment-matching.ts';
import { registerPaymentCommands } from './commands/payments.ts';
import { registerPecCommands } from './commands/pec.ts';
import { registerPolicyCommands } from './commands/policies.ts';
import { registerPrivacyCommands } from './commands/privacy.ts';
import { registerRegisterCommands } from './commands/register.ts';
import { registerReportCommands } from './commands/reports.ts';
import { registerRiskCommands } from './commands/risk.ts';
import { registerRunCommands } from './commands/run.ts';
import { registerTaskCommands } from './commands/tasks.ts';
import { registerTemplateCommands } from './commands/templates.ts';
import { registerUserCommands } from './commands/users.ts';
import { registerWebhookCommands } from './commands/webhooks.ts';
import { registerWorkerCommands } from './commands/worker.ts';
import { closeDatabase, installSignalHandlers, reportError } from './runtime.ts';

export function buildProgram(): Command {
  const program = new Command('riscossa')
    .description('Riscossa: credit management and collection')
    .option(
      '--data-dir <dir>',
      'embedded database directory (env RISCOSSA_DATA_DIR, default ./riscossa-data)',
    )
    .option('--json', 'machine-readable output')
    .showHelpAfterError()
    .exitOverride();
  registerMaintenanceCommands(program);
  registerCreditorCommands(program);
  registerDebtorCommands(program);
  registerInvoiceCommands(program);
  registerPaymentCommands(program);
  registerImportCommands(program);
  registerPaymentMatchingCommands(program);
  registerRegisterCommands(program);
  registerDemoCommands(program);
  registerInterestCommands(program);
  registerReportCommands(program);
  registerRiskCommands(program);
  registerRunCommands(program);
  registerTaskCommands(program);
  registerActionCommands(program);
  registerCaseCommands(program);
  registerCaseProgressCommands(program);
  registerCaseFileCommands(program);
  registerDocumentCommands(program);
  registerLegalCommands(program);
  registerAgencyCommands(program);
  registerContactCommands(program);
  registerDisputeCommands(program);
  registerHoldCommands(program);
  registerPolicyCommands(program);
  registerWorkerCommands(program);
  registerLinkCommands(program);
  registerUserCommands(program);
  registerApiKeyCommands(program);
  registerWebhookCommands(program);
  registerPrivacyCommands(program);
  registerBenchCommands(program);
  registerBenchRunCommand(program);
  registerTemplateCommands(program);
  registerOutboxCommands(program);
  registerLetterCommands(program);
  registerPecCommands(program);
  return program;
}

async function main(argv: string[]): Promise<number> {
  installSignalHandlers();
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return Number(process.exitCode ?? 0);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    return reportError(error, argv.includes('--json'));
  } finally {
    await closeDatabase();
  }
}

process.exitCode = await main(process.argv);
