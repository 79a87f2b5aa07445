/**
 * node scripts/bench-generate.ts [--instalments 1000000 --seed 1 --date 2026-01-15 --engines pglite,postgres --no-row-checks]
 *
 * Measures `riscossa bench generate` on both engines (PGlite in a temporary data directory;
 * PostgreSQL in a throw-away database when DATABASE_URL, or postgres://postgres@127.0.0.1:5432/postgres,
 * answers), each load in a fresh database and its own process (so peak RSS is the load's), plus
 * the bare-SQL floors of the same work in the same run, and writes the results into the
 * `bench:generate` section of BENCHMARKS.md.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { measurePortfolioFloor, measureScratchFloor } from '../src/bench/bare-sql-floor.ts';
import type { TIntegrityMode } from '../src/bench/bulk-integrity.ts';
import type { TRowCounts } from '../src/bench/reserve-ids.ts';
import { openDatabase } from '../src/db/open-database.ts';
import { updateBenchmarkSection } from './benchmarks-file.ts';
import { adminQuery } from './postgres-admin.ts';
import { renderGenerateSection, type TGenerateReport, type TGenerateRun } from './render-generate-section.ts';

const CLI = join(import.meta.dirname, '..', 'src', 'cli', 'main.ts');
const BENCHMARKS = join(import.meta.dirname, '..', 'BENCHMARKS.md');
/** About two instalments per invoice (1-3, uniform). */
const INSTALMENTS_PER_INVOICE = 2;

const { values: args } = parseArgs({
  options: {
    instalments: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: '1' },
    // A fixed date by default: the same data in every run, so runs compare.
    date: { type: 'string', default: '2026-01-15' },
    engines: { type: 'string', default: 'pglite,postgres' },
    'no-row-checks': { type: 'boolean', default: false },
    out: { type: 'string', default: BENCHMARKS },
  },
});

type TTarget = {
  engine: 'pglite' | 'postgres';
  cliArgs: string[];
  env: NodeJS.ProcessEnv;
  open(): ReturnType<typeof openDatabase>;
  dispose(): Promise<void>;
};

function cli(target: TTarget, argv: string[]): { stdout: string; wallMs: number } {
  const started = performance.now();
  const result = spawnSync(process.execPath, [CLI, ...target.cliArgs, ...argv], {
    env: target.env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const wallMs = performance.now() - started;
  if (result.status !== 0)
    throw new Error(`riscossa ${argv.join(' ')} failed: ${result.stderr || result.stdout}`);
  return { stdout: result.stdout, wallMs };
}

/** A fresh, migrated database (migrations run before anything is timed). */
async function freshTarget(engine: TTarget['engine'], serverUrl: string | null): Promise<TTarget> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.DATABASE_URL;
  let target: TTarget;
  if (engine === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'riscossa-bench-'));
    target = {
      engine,
      cliArgs: ['--data-dir', dir],
      env,
      open: () => openDatabase({ dataDir: dir }),
      dispose: async () => rmSync(dir, { recursive: true, force: true }),
    };
  } else {
    const name = `riscossa_bench_${Math.random().toString(16).slice(2, 10)}`;
    await adminQuery(serverUrl!, `create database ${name}`);
    const url = new URL(serverUrl!);
    url.pathname = `/${name}`;
    target = {
      engine,
      cliArgs: [],
      env: { ...env, DATABASE_URL: url.toString() },
      open: () => openDatabase({ databaseUrl: url.toString(), poolSize: 2 }),
      dispose: () => adminQuery(serverUrl!, `drop database if exists ${name} with (force)`),
    };
  }
  cli(target, ['creditors', 'list']);
  return target;
}

async function reachableServer(): Promise<string | null> {
  const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  try {
    await adminQuery(url, 'select 1');
    return url;
  } catch {
    return null;
  }
}

async function generate(
  engine: TTarget['engine'],
  server: string | null,
  invoices: number,
  isRowChecked: boolean,
) {
  const target = await freshTarget(engine, server);
  try {
    const argv = [
      'bench',
      'generate',
      '--invoices',
      String(invoices),
      '--seed',
      args.seed,
      '--date',
      args.date,
    ];
    const { stdout, wallMs } = cli(target, [...argv, ...(isRowChecked ? ['--row-checks'] : []), '--json']);
    const report = JSON.parse(stdout) as TGenerateReport;
    process.stderr.write(
      `  ${engine} ${report.integrity.mode} ${report.rows.instalments} instalments: ${(report.timings.total / 1000).toFixed(1)} s\n`,
    );
    return { report, wallMs };
  } finally {
    await target.dispose();
  }
}

async function floors(
  engine: TTarget['engine'],
  server: string | null,
  counts: TRowCounts,
  modes: TIntegrityMode[],
) {
  const result: { scratchMs: number; portfolioMs: Partial<Record<TIntegrityMode, number>> } = {
    scratchMs: 0,
    portfolioMs: {},
  };
  for (const [i, mode] of modes.entries()) {
    const target = await freshTarget(engine, server);
    const db = await target.open();
    try {
      if (i === 0) result.scratchMs = await measureScratchFloor(db, counts.instalments);
      result.portfolioMs[mode] = await measurePortfolioFloor(db, counts, mode, args.date);
      process.stderr.write(`  ${engine} floor ${mode}: ${(result.portfolioMs[mode]! / 1000).toFixed(1)} s\n`);
    } finally {
      await db.close();
      await target.dispose();
    }
  }
  return result;
}

async function main(): Promise<void> {
  const instalments = Number(args.instalments);
  if (!Number.isSafeInteger(instalments) || instalments < 10)
    throw new Error('--instalments: a whole number >= 10');
  const invoices = Math.round(instalments / INSTALMENTS_PER_INVOICE);
  const machine = {
    cpu: cpus()[0]?.model ?? 'unknown',
    cpus: availableParallelism(),
    memoryBytes: totalmem(),
    node: process.version,
    loadAverage: loadavg()[0]!,
    date: new Date().toISOString().slice(0, 10),
  };
  const server = await reachableServer();
  const engines = args.engines
    .split(',')
    .filter((e): e is TTarget['engine'] => e === 'pglite' || e === 'postgres');
  const modes: TIntegrityMode[] = args['no-row-checks'] ? ['set-based'] : ['set-based', 'per-row'];
  const runs: TGenerateRun[] = [];
  const skipped: string[] = [];
  for (const engine of engines) {
    if (engine === 'postgres' && !server) {
      skipped.push('postgres (no server answered)');
      continue;
    }
    process.stderr.write(`${engine}:\n`);
    // A tenth of the scale first: peak RSS should not grow with the portfolio.
    const small = await generate(engine, server, Math.max(1, Math.round(invoices / 10)), false);
    runs.push({ ...small, floor: null });
    const loads = [];
    for (const mode of modes) loads.push(await generate(engine, server, invoices, mode === 'per-row'));
    const floor = await floors(engine, server, loads[0]!.report.rows, modes);
    for (const load of loads)
      runs.push({
        ...load,
        floor: { ...floor, portfolioMs: floor.portfolioMs[load.report.integrity.mode]! },
      });
  }
  const section = renderGenerateSection({ machine, instalmentsAsked: instalments, runs, skipped });
  updateBenchmarkSection(args.out, 'generate', section);
  process.stdout.write(`${section}\n`);
}

await main();
