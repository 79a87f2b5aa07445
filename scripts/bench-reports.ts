/**
 * Benchmark of the insight reports and the risk score on a synthetic portfolio.
 *
 *   node scripts/bench-reports.ts [--instalments 1000000] [--date 2026-06-30] [--write]
 *
 * Engine: DATABASE_URL (a scratch database is created on that server and dropped after) or the
 * embedded PGlite in memory. The portfolio comes from `riscossa bench generate` (--generator
 * bench, default) or from INSERT ... SELECT generate_series (--generator own: the per-row
 * triggers off, deterministic: instalment g is paid, partly paid or open by (g x 7919) mod 100). Each report runs through its use case (what the CLI and the
 * API call) and, as the floor, the bare aggregate SQL alone and a plain scan of the two tables
 * any as-of figure must read. `--write` puts the table into BENCHMARKS.md between
 * <!-- bench:reports --> markers.
 */

import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import pg from 'pg';
import { assessDebtors } from '../src/app/insight/assess-debtors.ts';
import { riskSettingsOf } from '../src/app/insight/risk-settings.ts';
import { runReport } from '../src/app/insight/run-report.ts';
import { scoreDebtors } from '../src/app/insight/score-debtors.ts';
import { makeContext } from '../src/app/shared/context.ts';
import { loadSyntheticPortfolio } from '../src/bench/load-synthetic-portfolio.ts';
import { AGING_LOWER_BOUNDS } from '../src/core/insight/aging.ts';
import { addDays, parseDate, type TCalendarDate } from '../src/core/shared/calendar-date.ts';
import type { TDatabase } from '../src/db/database.ts';
import { openDatabase } from '../src/db/open-database.ts';
import { agingByGroup } from '../src/db/queries/insight.ts';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1]! : fallback;
};
const INSTALMENTS = Number(option('instalments', '1000000'));
const AS_OF = parseDate(option('date', '2026-06-30'));
/** Runs per measure; the median is reported, so one slow run (a checkpoint, GC) does not count. */
const RUNS = Number(option('runs', '3'));
/** `bench`: the project's `riscossa bench generate` loader; `own`: the generate_series load below. */
const GENERATOR = option('generator', 'bench');
const INSTALMENTS_PER_INVOICE = 2;
const INVOICES_PER_DEBTOR = 10;

async function openBenchDatabase(): Promise<{ db: TDatabase; drop: () => Promise<void> }> {
  const base = process.env.DATABASE_URL;
  if (!base) {
    const db = await openDatabase({ inMemory: true });
    return { db, drop: () => db.close() };
  }
  const keep = args.includes('--keep');
  const name = keep
    ? 'riscossa_bench_reports_kept'
    : `riscossa_bench_reports_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const db = await openDatabase({ databaseUrl: url.toString(), poolSize: 2 });
  return {
    db,
    async drop() {
      await db.close();
      if (keep) return;
      const cleanup = new pg.Client({ connectionString: base });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

/** `riscossa bench generate` (about two instalments per invoice); returns the creditor id. */
async function loadWithBenchGenerator(
  db: TDatabase,
  instalments: number,
  asOf: TCalendarDate,
): Promise<number> {
  const result = await loadSyntheticPortfolio(db, {
    invoices: Math.round(instalments / INSTALMENTS_PER_INVOICE),
    seed: 1,
    referenceDate: asOf,
    now: new Date(`${asOf}T12:00:00Z`),
    actor: 'bench',
    isRowChecked: false,
  });
  return result.creditor.id;
}

/** Loads the portfolio set-based; returns the creditor id. */
async function load(db: TDatabase, instalments: number, asOf: TCalendarDate): Promise<number> {
  const invoices = Math.ceil(instalments / INSTALMENTS_PER_INVOICE);
  const debtors = Math.max(1, Math.ceil(invoices / INVOICES_PER_DEBTOR));
  return db.transaction(async (tx) => {
    await tx.query('set local session_replication_role = replica');
    const [c] = await tx.query<{ id: number }>(
      `insert into creditors (name, vat_number) values ('Bench Reports S.p.A.', 'IT01114601006') returning id`,
    );
    const creditorId = c!.id;
    await tx.query(
      `insert into debtors (creditor_id, id, name, vat_number) overriding system value
       select $1, g, 'Debitore ' || g, 'IT' || lpad(g::text, 11, '0') from generate_series(1, $2::int8) g`,
      [creditorId, debtors],
    );
    // Issue dates over the 18 months before asOf; 2 instalments at +30 and +60 days.
    await tx.query(
      `insert into invoices (creditor_id, id, debtor_id, number, type, issue_date, issue_year, currency, total_cents, fingerprint)
         overriding system value
       select $1, g, 1 + g % $3::int8, 'B-' || g, 'invoice', d, extract(year from d)::int, 'EUR',
              2 * (10000 + (g * 37) % 490000), md5(g::text)
       from generate_series(1, $2::int8) g, lateral (select $4::date - (g % 548)::int as d) x`,
      [creditorId, invoices, debtors, asOf],
    );
    await tx.query(
      `insert into instalments (creditor_id, id, invoice_id, seq, due_date, amount_cents) overriding system value
       select $1, (i.id - 1) * 2 + s, i.id, s, i.issue_date + 30 * s, i.total_cents / 2
       from invoices i, generate_series(1, 2) s where i.creditor_id = $1`,
      [creditorId],
    );
    // 60 % paid in full from 10 days early to 29 days late, 10 % half paid, 30 % open; no date after asOf.
    await tx.query(
      `insert into payments (creditor_id, id, debtor_id, amount_cents, currency, value_date) overriding system value
       select $1, t.id, i.debtor_id, case when h < 60 then t.amount_cents else t.amount_cents / 2 end, 'EUR',
              least($2::date, t.due_date + (h % 40) - 10)
       from instalments t join invoices i on i.creditor_id = t.creditor_id and i.id = t.invoice_id,
            lateral (select ((t.id * 7919) % 100)::int as h) x
       where t.creditor_id = $1 and h < 70 and t.due_date + (h % 40) - 10 <= $2::date`,
      [creditorId, asOf],
    );
    await tx.query(
      `insert into allocations (creditor_id, id, instalment_id, payment_id, amount_cents, allocated_on) overriding system value
       select $1, p.id, p.id, p.id, p.amount_cents, p.value_date from payments p where p.creditor_id = $1`,
      [creditorId],
    );
    for (const table of ['debtors', 'invoices', 'instalments', 'payments', 'allocations']) {
      await tx.query(
        `select setval(pg_get_serial_sequence('${table}', 'id'), (select coalesce(max(id), 1) from ${table}))`,
      );
    }
    return creditorId;
  });
}

async function median(fn: () => Promise<unknown>, runs = RUNS): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

const ms = (n: number) => (n >= 100 ? Math.round(n).toString() : n.toFixed(1));

async function main(): Promise<void> {
  // The machine's state matters as much as the code: say how busy it was when the run started.
  const machine = `${availableParallelism()} cores, load average ${loadavg()[0]!.toFixed(1)} at start, Node ${process.version}`;
  const { db, drop } = await openBenchDatabase();
  try {
    const loadStarted = performance.now();
    const creditorId =
      GENERATOR === 'own'
        ? await load(db, INSTALMENTS, AS_OF)
        : await loadWithBenchGenerator(db, INSTALMENTS, AS_OF);
    if (db.engine === 'postgres') await db.exec('analyze');
    const loadMs = performance.now() - loadStarted;
    const [counts] = await db.query<{ instalments: number; allocations: number; debtors: number }>(
      `select (select count(*) from instalments)::int8 as instalments, (select count(*) from allocations)::int8 as allocations,
              (select count(*) from debtors)::int8 as debtors`,
    );
    if (args.includes('--load-only')) return;
    const past = addDays(AS_OF, -180);
    const rows: Array<[string, number]> = [];
    const measure = async (label: string, fn: () => Promise<unknown>, runs?: number) => {
      rows.push([label, await median(fn, runs)]);
      process.stderr.write(`${label}: ${ms(rows.at(-1)![1])} ms\n`);
    };
    await measure('floor: scan instalments + allocations (sum)', () =>
      db.query(
        'select (select sum(amount_cents) from instalments) as a, (select sum(amount_cents) from allocations) as b',
      ),
    );
    await measure(`floor: bare aging SQL as of ${AS_OF}`, () =>
      agingByGroup(db, { asOf: AS_OF, creditorId, by: 'creditor', lowerBounds: AGING_LOWER_BOUNDS }),
    );
    await measure(`report aging as of ${AS_OF}`, () => runReport(db, 'aging', { asOf: AS_OF, creditorId }));
    await measure(`report aging as of ${past}`, () => runReport(db, 'aging', { asOf: past, creditorId }));
    await measure(`report aging by debtor (${counts!.debtors} rows)`, () =>
      runReport(db, 'aging', { asOf: AS_OF, creditorId, by: 'debtor' }),
    );
    await measure('report dso (countback, 24 months)', () =>
      runReport(db, 'dso', { asOf: AS_OF, creditorId }),
    );
    await measure('report cei (month)', () => runReport(db, 'cei', { asOf: AS_OF, creditorId }));
    await measure('report forecast (13 weeks)', () => runReport(db, 'forecast', { asOf: AS_OF, creditorId }));
    const settings = riskSettingsOf({});
    // 21 debtors spread over the portfolio (ids as the loader assigned them).
    const sample = await db.query<{ id: number }>(
      `select id from (select id, row_number() over (order by id) as n from debtors where creditor_id = $1) x
       where n % greatest(1, (select count(*) from debtors where creditor_id = $1) / 21) = 0 order by id limit 21`,
      [creditorId],
    );
    let next = 0;
    await measure(
      `one debtor's score (median of ${sample.length} debtors)`,
      async () => {
        const debtorId = sample[next++ % sample.length]!.id;
        const [scored] = await assessDebtors(db, { creditorId, debtorId, asOf: AS_OF, settings });
        if (!scored) throw new Error(`debtor ${debtorId} was not scored`);
      },
      sample.length,
    );
    await measure(
      `risk score, all ${counts!.debtors} debtors (stored, register rows)`,
      () => scoreDebtors(makeContext(db, 'bench', new Date(`${AS_OF}T12:00:00Z`), AS_OF), { creditorId }),
      1,
    );
    const body = [
      `Insight reports and risk score (\`node scripts/bench-reports.ts --instalments ${INSTALMENTS} --generator ${GENERATOR}\`), ` +
        `${db.engine === 'postgres' ? 'PostgreSQL server' : 'embedded PGlite (in memory)'}, ` +
        `${counts!.instalments} instalments, ${counts!.allocations} allocations, ${counts!.debtors} debtors, ` +
        `as of ${AS_OF}; median of ${RUNS} runs (load ${(loadMs / 1000).toFixed(1)} s, set-based, not part of the figures); ` +
        `${new Date().toISOString().slice(0, 10)}, ${machine}.`,
      '',
      '| measure | ms |',
      '| --- | ---: |',
      ...rows.map(([label, t]) => `| ${label} | ${ms(t)} |`),
    ].join('\n');
    process.stdout.write(`${body}\n`);
    if (args.includes('--write')) writeSection('BENCHMARKS.md', db.engine, body);
  } finally {
    await drop();
  }
}

/**
 * Replaces this engine's part of the `reports` section of BENCHMARKS.md (between
 * <!-- bench:reports --> markers), leaving the other engine's part and the rest of the file alone.
 */
function writeSection(path: string, engine: string, body: string): void {
  const replaceBlock = (text: string, start: string, end: string, block: string) => {
    const from = text.indexOf(start);
    const to = text.indexOf(end);
    return from >= 0 && to > from
      ? text.slice(0, from) + block + text.slice(to + end.length)
      : `${text.trimEnd()}\n\n${block}\n`;
  };
  const outer = ['<!-- bench:reports -->', '<!-- /bench:reports -->'] as const;
  const inner = [`<!-- reports:${engine} -->`, `<!-- /reports:${engine} -->`] as const;
  let text = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmarks\n';
  if (!text.includes(outer[0])) {
    text = `${text.trimEnd()}\n\n${outer[0]}\n## Reports and risk score (issue 7)\n${outer[1]}\n`;
  }
  const from = text.indexOf(outer[0]) + outer[0].length;
  const to = text.indexOf(outer[1]);
  const section = replaceBlock(
    text.slice(from, to),
    inner[0],
    inner[1],
    `${inner[0]}\n${body.trim()}\n${inner[1]}`,
  );
  writeFileSync(path, `${text.slice(0, from)}${section.trimEnd()}\n${text.slice(to)}`);
}

await main();
