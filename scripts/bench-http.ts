/**
 * HTTP load benchmark (issue 11): the operators' worklist and the debtor page served by the real
 * `riscossa serve` on PostgreSQL, with a synthetic portfolio, while a daily run goes on in another
 * process. autocannon drives each route in turn; every request carries an API key.
 *
 *   node scripts/bench-http.ts [--invoices 500000] [--date 2026-06-30] [--duration 20]
 *     [--connections 20] [--database NAME (reuse a generated database, nothing dropped)]
 *     [--keep] [--no-run] [--write]
 *
 * Target: at least 1,000 requests/s per route with p99 under 100 ms and no errors on the
 * 1,000,000-instalment portfolio (--invoices 500000). `--write` replaces the `bench:http` section
 * of BENCHMARKS.md.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { addDays, type TCalendarDate } from '../src/core/shared/calendar-date.ts';
import { updateBenchmarkSection } from './benchmarks-file.ts';
import { adminQuery } from './postgres-admin.ts';

const CLI = join(import.meta.dirname, '..', 'src', 'cli', 'main.ts');
const BENCHMARKS = join(import.meta.dirname, '..', 'BENCHMARKS.md');
const SERVER = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PORT = 3917;

const { values: args } = parseArgs({
  options: {
    invoices: { type: 'string', default: '500000' },
    date: { type: 'string', default: '2026-06-30' },
    duration: { type: 'string', default: '20' },
    connections: { type: 'string', default: '20' },
    database: { type: 'string' },
    keep: { type: 'boolean', default: false },
    'no-run': { type: 'boolean', default: false },
    write: { type: 'boolean', default: false },
  },
});

type TRouteResult = {
  route: string;
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  non2xx: number;
};

function databaseUrl(name: string): string {
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  return url.toString();
}

function cli(url: string, argv: string[]): string {
  const result = spawnSync(process.execPath, [CLI, ...argv], {
    env: { ...process.env, DATABASE_URL: url },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0)
    throw new Error(`riscossa ${argv.join(' ')} failed: ${result.stderr || result.stdout}`);
  return result.stdout;
}

async function waitForServer(): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    try {
      const response = await fetch(`http://127.0.0.1:${PORT}/api/ready`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('riscossa serve did not become ready in 50 s');
}

/** Keeps daily runs going (one day after another) until stopped: the load the routes must hold under. */
function runDailyRuns(url: string, from: TCalendarDate): { stop(): Promise<number> } {
  let isStopped = false;
  let current: ChildProcess | null = null;
  let runs = 0;
  const loop = (async () => {
    let day = from;
    while (!isStopped) {
      day = addDays(day, 1);
      current = spawn(process.execPath, [CLI, 'run', '--date', day, '--json'], {
        env: { ...process.env, DATABASE_URL: url },
        stdio: 'ignore',
      });
      const code = await new Promise<number | null>((resolve) => current!.on('exit', resolve));
      if (!isStopped && code !== 0) throw new Error(`riscossa run --date ${day} exited with ${code}`);
      if (code === 0) runs++;
    }
  })();
  return {
    async stop() {
      isStopped = true;
      current?.kill('SIGTERM');
      await loop.catch(() => undefined);
      return runs;
    },
  };
}

async function load(route: string, paths: string[], token: string): Promise<TRouteResult> {
  let next = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${PORT}`,
    connections: Number(args.connections),
    duration: Number(args.duration),
    headers: { authorization: `Bearer ${token}` },
    requests: [
      {
        method: 'GET',
        setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length]! }),
      },
    ],
  });
  return {
    route,
    requests: result.requests.total,
    requestsPerSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

async function main(): Promise<void> {
  const date = args.date as TCalendarDate;
  const name = args.database ?? `riscossa_bench_http_${Math.random().toString(16).slice(2, 10)}`;
  const url = databaseUrl(name);
  const startedLoad = loadavg()[0]!;
  if (!args.database) {
    await adminQuery(SERVER, `create database ${name}`);
    process.stderr.write(`generating ${args.invoices} invoices into ${name}\n`);
    cli(url, ['bench', 'generate', '--invoices', args.invoices!, '--date', date, '--json']);
    process.stderr.write('first daily run (creates the worklist)\n');
    cli(url, ['bench', 'run', '--date', date, '--json']);
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const creditor = (await client.query('select vat_number from creditors order by id limit 1')).rows[0]
    .vat_number;
  const counts = (
    await client.query(
      `select (select count(*) from instalments)::int as instalments,
              (select count(*) from debtors)::int as debtors,
              (select count(*) from collection_tasks where status = 'open')::int as open_tasks`,
    )
  ).rows[0];
  const debtorIds: number[] = (
    await client.query('select id from debtors order by md5(id::text) limit 2000')
  ).rows.map((r) => Number(r.id));
  await client.end();
  const key = JSON.parse(
    cli(url, [
      'apikeys',
      'create',
      '--creditor',
      creditor,
      '--permissions',
      'read',
      '--name',
      'bench',
      '--json',
    ]),
  );

  const server = spawn(process.execPath, [CLI, 'serve', '--port', String(PORT)], {
    env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const results: TRouteResult[] = [];
  let runs = 0;
  try {
    await waitForServer();
    const runner = args['no-run'] ? null : runDailyRuns(url, date);
    results.push(
      await load(
        'GET /api/v1/tasks?limit=50 (the worklist)',
        debtorIds.map(() => `/api/v1/tasks?limit=50&date=${date}`),
        key.token,
      ),
    );
    results.push(
      await load(
        'GET /api/v1/debtors/:id/overview (the debtor page)',
        debtorIds.map((id) => `/api/v1/debtors/${id}/overview`),
        key.token,
      ),
    );
    results.push(
      await load(
        'GET /api/v1/debtors/:id/timeline (the debtor page)',
        debtorIds.map((id) => `/api/v1/debtors/${id}/timeline?limit=50`),
        key.token,
      ),
    );
    runs = runner ? await runner.stop() : 0;
  } finally {
    server.kill('SIGTERM');
    if (!args.database && !args.keep)
      await adminQuery(SERVER, `drop database if exists ${name} with (force)`);
  }

  const report = renderSection(results, { ...counts, runs, startedLoad, name });
  process.stdout.write(`${report}\n`);
  if (args.write) updateBenchmarkSection(BENCHMARKS, 'http', report);
}

function renderSection(
  results: TRouteResult[],
  facts: {
    instalments: number;
    debtors: number;
    open_tasks: number;
    runs: number;
    startedLoad: number;
    name: string;
  },
): string {
  const isMet = (r: TRouteResult) => r.requestsPerSecond >= 1000 && r.p99 < 100 && r.errors + r.non2xx === 0;
  const rows = results.map(
    (r) =>
      `| ${r.route} | ${r.requests.toLocaleString('en')} | **${r.requestsPerSecond.toLocaleString('en')}** | ${r.p50} | **${r.p99}** | ${r.max} | ${r.errors} / ${r.non2xx} | ${isMet(r) ? 'met' : 'not met'} |`,
  );
  return `## HTTP load: worklist and debtor page under a daily run

\`node scripts/bench-http.ts --invoices ${args.invoices} --duration ${args.duration} --connections ${args.connections}${args['no-run'] ? ' --no-run' : ''}\` on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} CPUs (${cpus()[0]?.model.trim()}), Node ${process.version}, PostgreSQL at ${new URL(SERVER).host}, load average ${facts.startedLoad.toFixed(1)} when it started. One \`riscossa serve\` process (pool of 10 connections); autocannon in this process; ${args['no-run'] ? 'no daily run alongside' : `daily runs of the following days in a third process the whole time (${facts.runs} completed)`}.

Portfolio: ${facts.instalments.toLocaleString('en')} instalments, ${facts.debtors.toLocaleString('en')} debtors, ${facts.open_tasks.toLocaleString('en')} open tasks (\`riscossa bench generate\` then \`riscossa bench run\`). Each route runs ${args.duration} s with ${args.connections} connections, cycling through 2,000 debtors in a random order; every request authenticated by an API key (read permission).

| route | requests | req/s | p50 ms | p99 ms | max ms | errors / non-2xx | target (≥ 1,000 req/s, p99 < 100 ms, no errors) |
|---|--:|--:|--:|--:|--:|--:|---|
${rows.join('\n')}

All three processes (server, load generator, daily run) and PostgreSQL share the machine's CPUs: the load generator itself takes a large share of one core.`;
}

await main();
