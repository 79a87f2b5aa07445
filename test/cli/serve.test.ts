import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, runCli } from '../support/run-cli.ts';

describe('riscossa serve on the embedded database', () => {
  it('answers /api/health, holds the data-directory lock, and closes cleanly on SIGTERM', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'riscossa-serve-')), 'data');
    const env = { ...process.env };
    delete env.DATABASE_URL;
    const child = spawn(process.execPath, [CLI, '--data-dir', dataDir, 'serve', '--port', '0'], { env });
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk) => {
        out += chunk;
        const match = /listening on (http:\/\/\S+)/.exec(out);
        if (match) resolve(match[1]!);
      });
      child.on('exit', (code) => reject(new Error(`serve exited with ${code}`)));
    });
    const health = await (await fetch(`${url}/api/health`)).json();
    expect(health).toMatchObject({ status: 'ok', engine: 'pglite' });

    const second = runCli(['creditors', 'list'], { dataDir });
    expect(second.status).toBe(1);
    expect(second.stderr).toContain(
      `data directory ${dataDir} is in use by another Riscossa process (pid ${child.pid})`,
    );

    const exitCode = await new Promise<number | null>((resolve) => {
      child.on('exit', (code) => resolve(code));
      child.kill('SIGTERM');
    });
    expect(exitCode).toBe(143);
    expect(existsSync(join(dataDir, 'riscossa.lock'))).toBe(false);
    expect(runCli(['creditors', 'list', '--json'], { dataDir }).json).toEqual([]);
  });
});
