import { hostname } from 'node:os';
import type { Command } from 'commander';
import { createLogger } from '../../adapters/logging/logger.ts';
import { sendersFromEnv } from '../../app/communications/mail-settings.ts';
import { workerDuties } from '../../app/operations/worker-duties.ts';
import { runWorkerLoop } from '../../app/operations/worker-tick.ts';
import { backup, restore } from '../../db/backup.ts';
import { DEFAULT_PORT, startServer, startWebhookDispatcher } from '../../server/serve.ts';
import { closeDatabase, database, output, type TGlobalOptions } from '../runtime.ts';

export function registerMaintenanceCommands(program: Command): void {
  program
    .command('init')
    .description('create the database (embedded data directory, or DATABASE_URL) and apply migrations')
    .action(async (_opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions>();
      const db = await database(options);
      const result = {
        engine: db.engine,
        dataDir: db.dataDir ?? null,
        appliedMigrations: db.appliedMigrations,
      };
      output(options, result, () =>
        process.stdout.write(
          `database ready (${db.engine}${db.dataDir ? ` in ${db.dataDir}` : ''}); ${db.appliedMigrations.length} migration(s) applied\n`,
        ),
      );
    });

  program
    .command('serve')
    .description('start the HTTP server (GET /api/health)')
    .option('--port <port>', 'port to listen on', String(process.env.PORT ?? DEFAULT_PORT))
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option(
      '--worker',
      'also run the worker in this process (the embedded database admits one process, so this is how it gets its daily runs)',
    )
    .action(async (opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions>();
      const db = await database(options);
      const logger = createLogger('riscossa-serve');
      const { port } = await startServer(db, Number(opts.port), opts.host, { logger });
      startWebhookDispatcher(db);
      process.stdout.write(`Riscossa listening on http://${opts.host}:${port} (${db.engine})\n`);
      if (opts.worker) {
        const worker = {
          db,
          clock: () => new Date(),
          worker: `${hostname()}:${process.pid}`,
          duties: workerDuties(sendersFromEnv()),
          logger,
        };
        void runWorkerLoop(worker, 30_000, new AbortController().signal);
      }
      // Runs until SIGINT/SIGTERM, whose handlers checkpoint and close the database.
      await new Promise(() => undefined);
    });

  program
    .command('backup')
    .description('write a backup: a .tar.gz of the embedded database, or pg_dump of the server')
    .option('--file <path>', 'where to write it (default: <data-dir>/backups/)')
    .action(async (opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions>();
      await closeDatabase();
      const result = await backup({ dataDir: options.dataDir, file: opts.file, now: new Date() });
      output(options, result, () =>
        process.stdout.write(`backup written: ${result.file} (${result.bytes} bytes)\n`),
      );
    });

  program
    .command('restore')
    .description('replace the database with a backup (the current embedded data is backed up first)')
    .argument('<file>', 'backup file')
    .action(async (file: string, _opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions>();
      await closeDatabase();
      const result = await restore({ dataDir: options.dataDir, file, now: new Date() });
      output(options, result, () => process.stdout.write(`restored from ${result.file}\n`));
    });
}
