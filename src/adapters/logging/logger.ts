import pino, { type Logger } from 'pino';

export type TLogger = Logger;

/**
 * Structured logs (one JSON object per line on stdout) for `serve` and `worker`. Level from
 * RISCOSSA_LOG_LEVEL (default info). Nothing personal is logged: ids, counts and durations only.
 */
export function createLogger(name: string, level = process.env.RISCOSSA_LOG_LEVEL ?? 'info'): TLogger {
  return pino({ name, level, base: { pid: process.pid } });
}

/** For tests and library use: logs nothing. */
export function silentLogger(): TLogger {
  return pino({ level: 'silent' });
}
