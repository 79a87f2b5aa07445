import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { resolveCreditorIdOrNull } from '../../app/collection/resolve-creditor.ts';
import {
  ingestPecReceipt,
  MAX_RECEIPT_BYTES,
  type TPecReceiptView,
} from '../../app/communications/ingest-pec-receipt.ts';
import { listReceiptsOf } from '../../app/communications/list-pec-receipts.ts';
import { invalid } from '../../core/shared/errors.ts';
import { commandContext, database, output, printTable, type TGlobalOptions } from '../runtime.ts';

export function registerPecCommands(program: Command): void {
  const pec = program
    .command('pec')
    .description('PEC receipts: legal proof of the notices sent by certified e-mail');

  pec
    .command('receipt <files...>')
    .description('ingest PEC receipts (.eml with daticert.xml) and attach them to the messages they certify')
    .option('--creditor <vat>', 'only messages of this creditor')
    .action(async (files: string[], opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions>();
      const ctx = await commandContext(options);
      const creditorId = await resolveCreditorIdOrNull(ctx.db, opts.creditor, '--creditor');
      const results: Array<{ file: string } & TPecReceiptView> = [];
      for (const file of files) {
        let size: number;
        try {
          size = statSync(file).size;
        } catch {
          throw invalid('file', file, 'cannot be read');
        }
        if (size > MAX_RECEIPT_BYTES)
          throw invalid('file', file, `is larger than ${MAX_RECEIPT_BYTES} bytes`);
        results.push({ file, ...(await ingestPecReceipt(ctx, { eml: readFileSync(file), creditorId })) });
      }
      output(options, results, () =>
        printTable(
          results.map((r) => ({ ...r, status: r.isNew ? 'attached' : 'already attached' })),
          ['file', 'outboxId', 'kind', 'provider', 'eventAt', 'status'],
        ),
      );
    });

  pec
    .command('receipts <outboxId>')
    .description('the receipts kept for a PEC message; --out writes the original .eml files')
    .option('--out <dir>', 'write each receipt as it was received')
    .option('--creditor <vat>', 'the creditor')
    .action(async (outboxId: string, opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions>();
      if (!/^\d+$/.test(outboxId)) throw invalid('outboxId', outboxId, 'is not an id');
      const db = await database(options);
      const receipts = await listReceiptsOf(
        db,
        await resolveCreditorIdOrNull(db, opts.creditor, '--creditor'),
        Number(outboxId),
      );
      const files: string[] = [];
      if (opts.out) {
        mkdirSync(opts.out, { recursive: true });
        for (const r of receipts) {
          const file = join(opts.out, `receipt-${r.id}-${r.kind}.eml`);
          writeFileSync(file, r.eml);
          files.push(file);
        }
      }
      const rows = receipts.map(({ eml: _eml, ...r }, i) => ({ ...r, file: files[i] ?? null }));
      output(options, rows, () =>
        printTable(rows, ['id', 'kind', 'provider', 'eventAt', 'recipient', 'sha256']),
      );
    });
}
