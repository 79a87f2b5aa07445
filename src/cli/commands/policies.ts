import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { addPolicy } from '../../app/collection/add-policy.ts';
import { assignPolicy } from '../../app/collection/assign-policy.ts';
import { listPolicies } from '../../app/collection/list-policies.ts';
import { resolveCreditorId } from '../../app/collection/resolve-creditor.ts';
import { invalid } from '../../core/shared/errors.ts';
import { commandContext, database, output, printTable, type TGlobalOptions } from '../runtime.ts';

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path === '-' ? 0 : path, 'utf8'));
  } catch (error) {
    throw invalid('--file', path, `cannot be read as JSON (${(error as Error).message})`);
  }
}

export function registerPolicyCommands(program: Command): void {
  const policies = program
    .command('policies')
    .description('escalation policies and which debtors follow which');
  policies
    .command('list')
    .description('policies (presets: standard, gentle, agency) with their steps, and the assignment rules')
    .option('--creditor <vat>', 'the creditor, when there are several')
    .action(async (opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions>();
      const db = await database(options);
      const result = await listPolicies(db, await resolveCreditorId(db, opts.creditor, '--creditor'));
      output(options, result, () => {
        for (const p of result.policies) {
          process.stdout.write(`\n${p.key}${p.isDefault ? ' (default)' : ''}: ${p.name}\n`);
          printTable(
            p.steps.map((s) => ({
              key: s.key,
              channels: s.channels.join('+'),
              tone: s.tone,
              when:
                s.when.from === 'due-date'
                  ? `${s.when.days >= 0 ? '+' : ''}${s.when.days} days from due date`
                  : `${s.when.days} days after ${s.when.step}`,
              conditions: Object.entries(s.conditions)
                .map(([k, v]) => `${k}=${v}`)
                .join(' '),
              evidence: s.requiresEvidence ? 'checked' : '',
            })),
            ['key', 'channels', 'tone', 'when', 'conditions', 'evidence'],
          );
        }
        process.stdout.write('\nrules\n');
        printTable(
          result.rules.map((r) => ({
            ...r,
            riskClasses: r.riskClasses?.join(','),
            customerGroups: r.customerGroups?.join(','),
            countries: r.countries?.join(','),
          })),
          ['id', 'position', 'policy', 'minAmount', 'riskClasses', 'customerGroups', 'countries'],
        );
      });
    });
  policies
    .command('assign')
    .description(
      'which policy new cases follow: per debtor, per invoice, by a rule (first matching rule wins) or by default',
    )
    .option('--policy <key>', 'policy key (without it, --debtor/--invoice remove the override)')
    .option('--debtor <vat>', 'override for one debtor')
    .option('--invoice <number>', 'override for one invoice (when it opens a case)')
    .option('--year <year>', 'issue year of --invoice, when its number repeats')
    .option('--rule', 'add an assignment rule with the criteria below')
    .option('--position <n>', 'rule order (lower first); default after the last')
    .option('--min-amount <amount>', 'rule: amount owed at least')
    .option('--risk-class <class...>', 'rule: healthy | under-observation | to-avoid')
    .option('--customer-group <group...>', 'rule: customer groups')
    .option('--country <cc...>', 'rule: debtor countries (IT, DE, ...)')
    .option('--remove-rule <id>', 'remove an assignment rule')
    .option('--default', "make --policy the creditor's default")
    .option('--creditor <vat>', 'the creditor, when there are several')
    .action(async (opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions>();
      const ctx = await commandContext(options);
      const creditorId = await resolveCreditorId(ctx.db, opts.creditor, '--creditor');
      const result = await assignPolicy(ctx, creditorId, {
        policy: opts.policy,
        debtor: opts.debtor,
        invoice: opts.invoice,
        year: opts.year,
        rule: opts.rule
          ? {
              position: opts.position,
              minAmount: opts.minAmount,
              riskClasses: opts.riskClass,
              customerGroups: opts.customerGroup,
              countries: opts.country?.map((c: string) => c.toUpperCase()),
            }
          : null,
        removeRule: opts.removeRule,
        default: opts.default === true,
      });
      output(options, result, () =>
        process.stdout.write(
          result.policy
            ? `${result.scope} ${result.target} -> policy ${result.policy}${result.ruleId ? ` (rule ${result.ruleId})` : ''}\n`
            : `${result.scope} ${result.target}: override removed\n`,
        ),
      );
    });
  policies
    .command('add')
    .description('add a policy from a JSON file (the shape `policies list --json` prints for one policy)')
    .requiredOption('--file <path>', 'JSON file ("-" for standard input)')
    .option('--creditor <vat>', 'the creditor, when there are several')
    .action(async (opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions>();
      const ctx = await commandContext(options);
      const creditorId = await resolveCreditorId(ctx.db, opts.creditor, '--creditor');
      const result = await addPolicy(ctx, creditorId, readJson(opts.file));
      output(options, result, () =>
        process.stdout.write(`policy ${result.key} added (${result.steps.length} steps)\n`),
      );
    });
}
