/**
 * npm run bench [-- --instalments 1000000] [--only generate,run,imports,reports,communications,http]
 *
 * Runs every benchmark the issues name, at one scale, each in its own process, and lets each write
 * its own section of BENCHMARKS.md (between `<!-- bench:NAME -->` markers):
 *   generate        synthetic portfolio load on both engines, with its bare-SQL floor (issue 2)
 *   run             the daily collection run on both engines, with its floor (issue 3)
 *   imports         FatturaPA, CSV and camt.053 imports on PGlite (issue 4)
 *   reports         aging, DSO and the other reports, with their floors (issue 7; PGlite and PostgreSQL)
 *   communications  letters rendered and e-mails handed to a local SMTP server (issue 5)
 *   http            worklist and debtor page under load on PostgreSQL during a run (issue 11)
 * The scale is the number of instalments of the synthetic portfolio (about two per invoice);
 * below 1,000,000 the imports run their quick sizes. PostgreSQL is DATABASE_URL or
 * postgres://postgres@127.0.0.1:5432/postgres. A benchmark that fails is reported and the others
 * still run; the exit code says whether all passed.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const ALL = ['generate', 'run', 'imports', 'reports', 'communications', 'http'] as const;
type TBenchmark = (typeof ALL)[number];

const { values: args } = parseArgs({
  options: {
    instalments: { type: 'string', default: '1000000' },
    only: { type: 'string', default: ALL.join(',') },
  },
});

const instalments = Number(args.instalments);
if (!Number.isInteger(instalments) || instalments < 1000)
  throw new Error(`--instalments: ${args.instalments} is not a whole number of at least 1000`);
const invoices = String(Math.round(instalments / 2));
const isFullScale = instalments >= 1_000_000;
const postgresUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

type TInvocation = { script: string; args: string[]; databaseUrl?: string | null };
const reports = ['--instalments', String(instalments), '--write'];
const COMMANDS: Record<TBenchmark, TInvocation[]> = {
  generate: [{ script: 'bench-generate.ts', args: ['--instalments', String(instalments)] }],
  run: [{ script: 'bench-run.ts', args: ['--invoices', invoices] }],
  imports: [{ script: 'bench-imports.ts', args: isFullScale ? [] : ['--quick'] }],
  // The report benchmark takes its engine from DATABASE_URL: once embedded, once on the server.
  reports: [
    { script: 'bench-reports.ts', args: reports, databaseUrl: null },
    { script: 'bench-reports.ts', args: reports, databaseUrl: postgresUrl },
  ],
  communications: [{ script: 'bench-communications.ts', args: [] }],
  http: [{ script: 'bench-http.ts', args: ['--invoices', invoices, '--write'] }],
};

function environment(invocation: TInvocation): NodeJS.ProcessEnv {
  const env = { ...process.env };
  if (invocation.databaseUrl === null) delete env.DATABASE_URL;
  else if (invocation.databaseUrl) env.DATABASE_URL = invocation.databaseUrl;
  return env;
}

const chosen = args.only!.split(',').map((name) => name.trim());
for (const name of chosen) {
  if (!(ALL as readonly string[]).includes(name))
    throw new Error(`--only: ${name} is not one of ${ALL.join(', ')}`);
}

const failed: string[] = [];
for (const name of chosen as TBenchmark[]) {
  for (const invocation of COMMANDS[name]) {
    const engine =
      invocation.databaseUrl === undefined ? '' : invocation.databaseUrl ? ' (postgres)' : ' (pglite)';
    process.stderr.write(
      `\n== bench ${name}${engine}: node scripts/${invocation.script} ${invocation.args.join(' ')}\n`,
    );
    const started = performance.now();
    const result = spawnSync(
      process.execPath,
      [join(import.meta.dirname, invocation.script), ...invocation.args],
      {
        stdio: 'inherit',
        env: environment(invocation),
      },
    );
    const seconds = ((performance.now() - started) / 1000).toFixed(0);
    if (result.status === 0) process.stderr.write(`== bench ${name}${engine}: done in ${seconds} s\n`);
    else {
      failed.push(`${name}${engine}`);
      process.stderr.write(`== bench ${name}${engine}: FAILED (exit ${result.status}) after ${seconds} s\n`);
    }
  }
}
if (failed.length > 0) {
  process.stderr.write(`\nfailed: ${failed.join(', ')}\n`);
  process.exitCode = 1;
}
