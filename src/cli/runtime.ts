import { userInfo } from 'node:os';
import { makeContext, type TContext } from '../app/shared/context.ts';
import { parseDate } from '../core/shared/calendar-date.ts';
import { AppError } from '../core/shared/errors.ts';
import { openDatabase, type TOpenDatabase } from '../db/open-database.ts';

/** Options every command understands (declared on the root program). */
export type TGlobalOptions = { dataDir?: string; json?: boolean };

let openDb: TOpenDatabase | null = null;
let isClosing = false;

/** Opens the database once per process and closes it cleanly (checkpoint, lock released) on exit or signal. */
export async function database(options: TGlobalOptions): Promise<TOpenDatabase> {
  if (!openDb) openDb = await openDatabase({ dataDir: options.dataDir });
  return openDb;
}

export async function closeDatabase(): Promise<void> {
  if (!openDb || isClosing) return;
  isClosing = true;
  const db = openDb;
  openDb = null;
  await db.close();
}

export function installSignalHandlers(): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      closeDatabase().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
    });
  }
}

export function cliActor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli';
  }
}

/** The context for a command: `--date` (where a command has it) sets "today", else the clock. */
export async function commandContext(options: TGlobalOptions & { date?: string }): Promise<TContext> {
  const db = await database(options);
  const today = options.date ? parseDate(options.date, '--date') : undefined;
  return makeContext(db, cliActor(), new Date(), today);
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** A plain aligned table for people; scripts use --json. */
export function printTable(rows: ReadonlyArray<Record<string, unknown>>, columns: readonly string[]): void {
  if (rows.length === 0) {
    process.stdout.write('(none)\n');
    return;
  }
  const cells = rows.map((r) => columns.map((c) => String(r[c] ?? '')));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((row) => row[i]!.length)));
  const line = (values: readonly string[]) =>
    values
      .map((v, i) => v.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  process.stdout.write(`${line(columns)}\n${cells.map(line).join('\n')}\n`);
}

export function output(options: TGlobalOptions, value: unknown, human: () => void): void {
  if (options.json) printJson(value);
  else human();
}

export function reportError(error: unknown, asJson: boolean): number {
  if (error instanceof AppError) {
    if (asJson) printJsonError({ code: error.code, message: error.message, details: error.details });
    else process.stderr.write(`error: ${error.message}\n`);
    return 1;
  }
  const message = error instanceof Error ? error.message : String(error);
  if (asJson) printJsonError({ code: 'INTERNAL', message, details: {} });
  else process.stderr.write(`error: ${message}\n`);
  return 1;
}

function printJsonError(body: unknown): void {
  process.stderr.write(`${JSON.stringify({ error: body }, null, 2)}\n`);
}
