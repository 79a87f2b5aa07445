import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const CLI = join(process.cwd(), 'src/cli/main.ts');

export type TCliResult = { status: number; stdout: string; stderr: string; json: unknown };

/**
 * Runs the real CLI in a child process, as a user would. `env.DATABASE_URL` selects the server
 * engine; otherwise `--data-dir` the embedded one.
 */
export function runCli(
  args: readonly string[],
  env: { dataDir?: string; databaseUrl?: string | null; input?: string } = {},
): TCliResult {
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  delete childEnv.DATABASE_URL;
  if (env.databaseUrl) childEnv.DATABASE_URL = env.databaseUrl;
  const fullArgs = env.dataDir && !env.databaseUrl ? ['--data-dir', env.dataDir, ...args] : [...args];
  const result = spawnSync(process.execPath, [CLI, ...fullArgs], {
    env: childEnv,
    encoding: 'utf8',
    input: env.input,
    timeout: 120_000,
  });
  let json: unknown = null;
  if (args.includes('--json')) {
    try {
      json = JSON.parse(result.stdout || result.stderr);
    } catch {
      json = null;
    }
  }
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr, json };
}
