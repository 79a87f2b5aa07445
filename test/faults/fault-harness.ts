import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TDatabase } from '../../src/db/database.ts';
import { openDatabase } from '../../src/db/open-database.ts';
import { CLI } from '../support/run-cli.ts';
import { serverUrl } from '../support/test-database.ts';

/**
 * A seeded database that can be copied cheaply for every trial of a fault test: a template
 * database on a PostgreSQL server (CREATE DATABASE ... TEMPLATE), a copied data directory on the
 * embedded engine. Each copy is a place where a real Riscossa process can be killed.
 */
export type TTarget = { dataDir: string | null; url: string | null; open(): Promise<TDatabase> };

export type TSeededTemplate = {
  copy(label: string): Promise<TTarget>;
  dispose(): Promise<void>;
};

function adminClient(): pg.Client {
  return new pg.Client({ connectionString: serverUrl()! });
}

function urlFor(name: string): string {
  const url = new URL(serverUrl()!);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function seededTemplate(seed: (db: TDatabase) => Promise<void>): Promise<TSeededTemplate> {
  const suffix = randomBytes(4).toString('hex');
  if (serverUrl()) {
    const template = `riscossa_fault_${suffix}`;
    const copies: string[] = [];
    const admin = adminClient();
    await admin.connect();
    await admin.query(`create database ${template}`);
    await admin.end();
    const db = await openDatabase({ databaseUrl: urlFor(template), poolSize: 2 });
    await seed(db);
    await db.close();
    return {
      async copy(label) {
        const name = `${template}_${label}`;
        const c = adminClient();
        await c.connect();
        await c.query(`create database ${name} template ${template}`);
        await c.end();
        copies.push(name);
        const url = urlFor(name);
        return { dataDir: null, url, open: () => openDatabase({ databaseUrl: url, poolSize: 2 }) };
      },
      async dispose() {
        const c = adminClient();
        await c.connect();
        for (const name of [...copies, template])
          await c.query(`drop database if exists ${name} with (force)`);
        await c.end();
      },
    };
  }
  const root = mkdtempSync(join(tmpdir(), 'riscossa-fault-'));
  const templateDir = join(root, 'template');
  const db = await openDatabase({ databaseUrl: null, dataDir: templateDir });
  await seed(db);
  await db.close();
  return {
    async copy(label) {
      const dataDir = join(root, label);
      cpSync(templateDir, dataDir, { recursive: true });
      return { dataDir, url: null, open: () => openDatabase({ databaseUrl: null, dataDir }) };
    },
    async dispose() {
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Starts the real CLI against a target, as an operator's cron or systemd would. */
export function startCli(target: TTarget, args: readonly string[], logLevel = 'silent'): ChildProcess {
  const env: NodeJS.ProcessEnv = { ...process.env, RISCOSSA_LOG_LEVEL: logLevel };
  delete env.DATABASE_URL;
  if (target.url) env.DATABASE_URL = target.url;
  const full = target.dataDir ? ['--data-dir', target.dataDir, ...args] : [...args];
  return spawn(process.execPath, [CLI, ...full], { env, stdio: ['ignore', 'pipe', 'pipe'] });
}

export function exited(
  child: ChildProcess,
): Promise<{ code: number | null; signal: string | null; stderr: string }> {
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += String(chunk);
  });
  child.stdout?.resume();
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal, stderr })));
}

/** Resolves when the child writes a line containing `text` (a structured log message). */
export function waitForOutput(child: ChildProcess, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen += String(chunk);
      if (seen.includes(text)) {
        child.stdout?.off('data', onData);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', () => reject(new Error(`exited before writing "${text}"`)));
  });
}

/** Runs a CLI command to its end and fails loudly if it did not succeed. */
export async function runToEnd(target: TTarget, args: readonly string[]): Promise<void> {
  const result = await exited(startCli(target, args));
  if (result.code !== 0)
    throw new Error(`riscossa ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
}

/** A deterministic pseudo-random sequence (the trials must be repeatable from their seed). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}
