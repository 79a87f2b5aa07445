import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { addDocument, EVIDENCE_KINDS } from '../../app/documents/add-document.ts';
import { listDocuments } from '../../app/documents/list-documents.ts';
import { commandContext, output, printTable, type TGlobalOptions } from '../runtime.ts';

export function registerDocumentCommands(program: Command): void {
  const documents = program
    .command('documents')
    .description('evidence documents (seed 001: terms, delivery notes, receipt confirmations) and proofs');
  documents
    .command('add')
    .description('store a document for invoices or a debtor (kept once by SHA-256; the register records it)')
    .requiredOption('--kind <kind>', EVIDENCE_KINDS.join(' | '))
    .requiredOption('--file <path>', 'the file')
    .option('--invoice <number...>', 'the invoices it concerns')
    .option('--debtor <vat>', 'the debtor it concerns (VAT number or codice fiscale)')
    .option('--creditor <vat>', 'the creditor, when several')
    .option('--year <year>', 'issue year of the invoices, when numbers repeat')
    .option('--action <id>', 'the collection action it proves (a PEC receipt, a registered-letter slip)')
    .option('--description <text>', 'what it is', '')
    .action(async (opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions>();
      const ctx = await commandContext({ dataDir: options.dataDir });
      const view = await addDocument(ctx, {
        kind: opts.kind,
        file: { fileName: basename(opts.file), bytes: new Uint8Array(readFileSync(opts.file)) },
        invoices: opts.invoice ?? [],
        debtor: opts.debtor ?? null,
        creditor: opts.creditor ?? null,
        year: opts.year ? Number(opts.year) : null,
        actionId: opts.action ? Number(opts.action) : null,
        description: opts.description,
      });
      output(options, view, () =>
        process.stdout.write(
          `document ${view.id} ${view.kind} ${view.fileName} (${view.bytes} bytes, sha256 ${view.sha256})${view.isNew ? '' : ' already stored: links added'}\n`,
        ),
      );
    });
  documents
    .command('list')
    .description("a debtor's documents with the invoices and actions they concern")
    .requiredOption('--debtor <vat>', 'the debtor')
    .option('--creditor <vat>', 'the creditor, when several')
    .action(async (opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions>();
      const ctx = await commandContext({ dataDir: options.dataDir });
      const rows = await listDocuments(ctx.db, { debtor: opts.debtor, creditor: opts.creditor ?? null });
      output(options, rows, () =>
        printTable(
          rows.map((r) => ({ ...r, invoices: r.invoiceIds.join(','), actions: r.actionIds.join(',') })),
          ['id', 'kind', 'fileName', 'bytes', 'invoices', 'actions', 'addedOn', 'sha256'],
        ),
      );
    });
}
