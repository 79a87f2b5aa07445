/**
 * The collection engine benchmark (issue 3) on both engines, written into the `bench:run` section
 * of BENCHMARKS.md:
 *
 *   node scripts/bench-run.ts [--invoices 500000] [--date 2026-06-30] [--engines pglite,postgres]
 *
 * Per engine: a fresh database (PGlite in a temporary directory; PostgreSQL in a throw-away
 * database on DATABASE_URL or postgres://postgres@127.0.0.1:5432/postgres), `riscossa bench
 * generate`, then `riscossa bench run` in its own process: the first run, its bare-SQL floor in the
 * same database, the ratio, a steady-state day and the peak memory.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { updateBenchmarkSection } from './benchmarks-file.ts';
import { adminQuery } from './postgres-admin.ts';

const CLI = join(import.meta.dirname, '..', 'src', 'cli', 'main.ts');
const BENCHMARKS = join(import.meta.dirname, '..', 'BENCHMARKS.md');
const SERVER = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const { values: args } = parseArgs({
  options: {
    invoices: { type: 'string', default: '500000' },
    date: { type: 'string', default: '2026-06-30' },
    engines: { type: 'string', default: 'pglite,postgres' },
    out: { type: 'string', default: BENCHMARKS },
  },
});

type TBenchRun = {
  engine: string;
  portfolio: { debtors: number; instalments: number };
  firstRun: { ms: number; casesOpened: number; stepsTaken: number; tasksCreated: number };
  floor: { ms: number; rows: number };
  ratio: number;
  steadyState: { date: string; ms: number; stepsTaken: number };
  peakRssBytes: number;
};

function cli(cliArgs: string[], env: NodeJS.ProcessEnv, argv: string[]): string {
  const result = spawnSync(process.execPath, [CLI, ...cliArgs, ...argv], {
    env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0)
    throw new Error(`riscossa ${argv.join(' ')} failed: ${result.stderr || result.stdout}`);
  return result.stdout;
}

async function measure(engine: string): Promise<TBenchRun> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.DATABASE_URL;
  let cliArgs: string[] = [];
  let dispose: () => Promise<void>;
  if (engine === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'riscossa-bench-run-'));
    cliArgs = ['--data-dir', dir];
    dispose = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const name = `riscossa_bench_run_${Math.random().toString(16).slice(2, 10)}`;
    await adminQuery(SERVER, `create database ${name}`);
    const url = new URL(SERVER);
    url.pathname = `/${name}`;
    env.DATABASE_URL = url.toString();
    dispose = () => adminQuery(SERVER, `drop database if exists ${name} with (force)`);
  }
  try {
    process.stderr.write(`${engine}: generating ${args.invoices} invoices\n`);
    cli(cliArgs, env, ['bench', 'generate', '--invoices', args.invoices!, '--date', args.date!, '--json']);
    process.stderr.write(`${engine}: bench run\n`);
    return JSON.parse(cli(cliArgs, env, ['bench', 'run', '--date', args.date!, '--json'])) as TBenchRun;
  } finally {
    await dispose();
  }
}

function render(runs: TBenchRun[], startedLoad: number): string {
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const rows = runs.map(
    (r) =>
      `| ${r.engine} | ${r.portfolio.instalments.toLocaleString('en')} | ${s(r.firstRun.ms)} | ${r.firstRun.casesOpened.toLocaleString('en')} / ${r.firstRun.stepsTaken.toLocaleString('en')} / ${r.firstRun.tasksCreated.toLocaleString('en')} | ${s(r.floor.ms)} | **${r.ratio}** | **${s(r.steadyState.ms)}** | ${Math.round(r.peakRssBytes / 1024 / 1024)} MiB |`,
  );
  return `## bench run: the collection engine

\`node scripts/bench-run.ts --invoices ${args.invoices} --date ${args.date}\` (\`riscossa bench generate\` then \`riscossa bench run\`, each engine in a fresh database and its own process) on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} CPUs, Node ${process.version}, load average ${startedLoad.toFixed(1)} when it started.

| Engine | Instalments | First run | Cases / steps / tasks | Floor (same rows) | First run / floor | Steady-state day | Peak RSS |
|---|--:|--:|--:|--:|--:|--:|--:|
${rows.join('\n')}

Targets: first run within 2x of the floor on both engines; steady-state day under 10 s on PostgreSQL and 20 s on PGlite (at 1,000,000 instalments); memory under 1 GB.

Definitions:
- *First run*: \`runCollection\` on the generation date; every debtor with something overdue gets a case and its first due step, in transactions of 1,000 debtors.
- *Floor*: ONE \`INSERT ... SELECT\` (src/bench/collection-bench.ts) reading every instalment with its allocations, keeping what is overdue and owed, grouping per debtor and writing one action row per debtor into a scratch copy of collection_actions: a bound, not an alternative (no cases, tasks, register or policy).
- *Steady-state day*: the run of the following day on the same portfolio.`;
}

const startedLoad = loadavg()[0]!;
const runs: TBenchRun[] = [];
for (const engine of args.engines!.split(',')) runs.push(await measure(engine.trim()));
const section = render(runs, startedLoad);
process.stdout.write(`${section}\n`);
updateBenchmarkSection(args.out!, 'run', section);
