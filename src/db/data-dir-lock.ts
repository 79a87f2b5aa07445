import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../core/shared/errors.ts';

/**
 * PGlite is a single-process database: two processes writing one data directory corrupt it
 * silently. A lock file holding the owner's pid turns that into a clear error. A lock left by a
 * process that no longer exists (killed with SIGKILL) is taken over.
 */
export type TDataDirLock = { release(): void };

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function lockDataDir(dataDir: string): TDataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, 'riscossa.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return { release: () => rmSync(path, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(path, 'utf8').trim());
      // The owner may be this very process: a second PGlite on the same files corrupts them just the same.
      if (Number.isInteger(owner) && owner > 0 && isProcessAlive(owner)) {
        throw new AppError(
          'DATA_DIR_LOCKED',
          `data directory ${dataDir} is in use by another Riscossa process (pid ${owner}); stop it first, or use a PostgreSQL server (DATABASE_URL) to run several processes`,
          { field: 'dataDir', value: dataDir, pid: owner },
        );
      }
      rmSync(path, { force: true });
    }
  }
  throw new AppError('DATA_DIR_LOCKED', `could not lock data directory ${dataDir}`, {
    field: 'dataDir',
    value: dataDir,
  });
}
