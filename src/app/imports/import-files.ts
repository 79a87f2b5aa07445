import { createHash } from 'node:crypto';
import { detectFormat } from '../../adapters/detect-format.ts';
import { ImportRejection, type TImportIssue } from '../../adapters/import-rejection.ts';
import { unwrapP7m } from '../../adapters/p7m/unwrap-p7m.ts';
import { readZip } from '../../adapters/zip/read-zip.ts';
import { AppError } from '../../core/shared/errors.ts';
import type { TCreditorRow } from '../../db/queries/creditors.ts';
import { findImportFileByHash, insertImportFile, setImportFileCounts } from '../../db/queries/imports.ts';
import { appendRegisterEntries } from '../register/append-register-entries.ts';
import type { TContext } from '../shared/context.ts';
import { importBankStatement } from './import-bank-statement.ts';
import { importCsv } from './import-csv.ts';
import { importFatturaPA } from './import-fatturapa.ts';
import {
  DEFAULT_IMPORT_BATCH_SIZE,
  importFatturaPARun,
  prepareBatchFile,
  type TBatchFile,
} from './import-fatturapa-batch.ts';
import type {
  TFileOutcome,
  TFileRecord,
  TImportFileResult,
  TImportFormat,
  TImportOptions,
} from './import-types.ts';

/** One file's bytes: a signed invoice of a few MB, or a bank statement of 100,000 entries. */
export const MAX_FILE_BYTES = 256 * 1024 * 1024;

export type TImportFile = { name: string; bytes: Uint8Array };

const RELATED_MISSING = /is not an invoice of this debtor$/;

type TLeaf = { name: string; bytes: Uint8Array; issues?: TImportIssue[] };

/** Expands zip archives (bounded, see read-zip.ts) into the files they hold, in name order. */
async function expand(file: TImportFile, depth = 1): Promise<TLeaf[]> {
  if (file.bytes.byteLength > MAX_FILE_BYTES) {
    return [
      {
        ...file,
        issues: [
          {
            where: 'file',
            message: `is ${file.bytes.byteLength} bytes, more than the ${MAX_FILE_BYTES} allowed`,
          },
        ],
      },
    ];
  }
  if (detectFormat(file.name, file.bytes) !== 'zip') return [file];
  try {
    const entries = (await readZip(file.bytes, depth)).sort((a, b) => a.name.localeCompare(b.name));
    const leaves: TLeaf[] = [];
    for (const e of entries)
      leaves.push(...(await expand({ name: `${file.name}/${e.name}`, bytes: e.bytes }, depth + 1)));
    return leaves;
  } catch (error) {
    if (error instanceof ImportRejection) return [{ ...file, issues: error.issues }];
    throw error;
  }
}

class DuplicateOutcome extends Error {
  readonly outcome: TFileOutcome;
  constructor(outcome: TFileOutcome) {
    super('duplicate');
    this.outcome = outcome;
  }
}

function issuesOf(error: unknown): TImportIssue[] {
  if (error instanceof ImportRejection) return error.issues;
  if (error instanceof AppError) {
    const field = typeof error.details.field === 'string' ? error.details.field : 'file';
    const message = error.message.startsWith(`${field}: `)
      ? error.message.slice(field.length + 2)
      : error.message;
    return [{ where: field, message }];
  }
  const text = error instanceof Error ? error.message : String(error);
  return [{ where: 'file', message: `could not be imported: ${text}` }];
}

async function runImporter(
  ctx: TContext,
  format: TImportFormat,
  bytes: Uint8Array,
  options: TImportOptions,
  file: TFileRecord,
): Promise<TFileOutcome> {
  switch (format) {
    case 'fatturapa':
      return importFatturaPA(ctx, bytes, options, file);
    case 'camt053':
    case 'camt054':
    case 'cbi':
      return importBankStatement(ctx, format, bytes, options, file);
    case 'csv':
      return importCsv(ctx, bytes, options, file);
  }
}

/** The FatturaPA files from `from` on that can go together (a file seen twice waits for the next run). */
async function collectRun(
  ctx: TContext,
  leaves: readonly TLeaf[],
  from: number,
  batchSize: number,
  options: TImportOptions,
): Promise<TBatchFile[]> {
  const run: TBatchFile[] = [];
  const creditors = new Map<string, TCreditorRow | null>();
  const hashes = new Set<string>();
  for (let i = from; i < leaves.length && run.length < batchSize; i++) {
    const leaf = leaves[i]!;
    const prepared = leaf.issues ? null : await prepareBatchFile(ctx, leaf, options, creditors);
    if (!prepared || hashes.has(prepared.sha256)) break;
    hashes.add(prepared.sha256);
    run.push(prepared);
  }
  return run;
}

/** One transaction for the run; when it meets anything unexpected, nothing of it stays and its files go one by one. */
async function importRun(
  ctx: TContext,
  leaves: readonly TLeaf[],
  run: readonly TBatchFile[],
  options: TImportOptions,
): Promise<TImportFileResult[]> {
  try {
    return await ctx.db.transaction((db) => importFatturaPARun({ ...ctx, db }, run));
  } catch {
    const results: TImportFileResult[] = [];
    for (const leaf of leaves) results.push(await importLeaf(ctx, leaf, options));
    return results;
  }
}

/**
 * Imports one file atomically: its rows, its import_files row and its register row commit
 * together, or, when anything is refused, nothing of it does. The same bytes again are a
 * duplicate and change nothing; so is a file whose every document or entry is already known
 * (its transaction is rolled back so that not even a debtor's contact data is touched).
 */
async function importLeaf(ctx: TContext, leaf: TLeaf, options: TImportOptions): Promise<TImportFileResult> {
  let format: TImportFormat | null = null;
  const result = (
    status: TImportFileResult['status'],
    counts: Record<string, number>,
    errors: TImportIssue[],
  ) => ({
    file: leaf.name,
    format,
    status,
    counts,
    errors,
  });
  if (leaf.issues) return result('rejected', {}, leaf.issues);
  const sha256 = createHash('sha256').update(leaf.bytes).digest('hex');
  try {
    let bytes = leaf.bytes;
    let detected = detectFormat(leaf.name, bytes);
    if (detected === 'p7m') {
      format = 'fatturapa';
      bytes = await unwrapP7m(bytes);
      detected = detectFormat(leaf.name.replace(/\.p7m$/i, ''), bytes);
    }
    if (detected === null || detected === 'zip' || detected === 'p7m') {
      throw new ImportRejection('file', 'is not a FatturaPA, camt.053/054, CBI RH or CSV file');
    }
    format = detected;
    const known = format;
    return await ctx.db.transaction(async (db) => {
      const tx: TContext = { ...ctx, db };
      const previous = await findImportFileByHash(db, sha256);
      if (previous)
        return result(
          'duplicate',
          { imported: 0, duplicates: previous.counts.imported ?? previous.counts.entries ?? 0 },
          [],
        );
      let recorded: number | null = null;
      const file: TFileRecord = {
        name: leaf.name,
        async id(creditorId) {
          recorded ??= await insertImportFile(db, {
            creditorId,
            sha256,
            fileName: leaf.name,
            format: known,
            counts: {},
            actor: ctx.actor,
          });
          return recorded;
        },
      };
      const outcome = await runImporter(tx, known, bytes, options, file);
      if (outcome.status === 'duplicate') throw new DuplicateOutcome(outcome);
      const fileId = await file.id(outcome.creditorId);
      await setImportFileCounts(db, outcome.creditorId, fileId, outcome.counts);
      await appendRegisterEntries(tx, outcome.creditorId, [
        {
          action: 'import.completed',
          subjectType: 'import-file',
          subjectId: fileId,
          data: { file: leaf.name, format: known, sha256, counts: outcome.counts },
        },
      ]);
      return result('imported', outcome.counts, []);
    });
  } catch (error) {
    if (error instanceof DuplicateOutcome) return result('duplicate', error.outcome.counts, []);
    return result('rejected', {}, issuesOf(error));
  }
}

/**
 * Imports files (zips expanded): a bad file is reported and the batch goes on. FatturaPA files
 * go many per transaction through the set-based path (import-fatturapa-batch.ts), each file
 * still accepted or refused whole; the rest, and any run that meets the unexpected, one by one.
 */
export async function importFiles(
  ctx: TContext,
  files: readonly TImportFile[],
  options: TImportOptions = {},
): Promise<TImportFileResult[]> {
  const leaves: TLeaf[] = [];
  for (const f of files) leaves.push(...(await expand(f)));
  const results: TImportFileResult[] = [];
  const batchSize = Math.max(1, options.batchSize ?? DEFAULT_IMPORT_BATCH_SIZE);
  const report = (from: number, done: TImportFileResult[]) => {
    for (const [k, r] of done.entries()) {
      results.push(r);
      options.onProgress?.({
        file: r.file,
        filesDone: from + k + 1,
        filesTotal: leaves.length,
        status: r.status,
      });
    }
  };
  let i = 0;
  while (i < leaves.length) {
    if (batchSize > 1) {
      const run = await collectRun(ctx, leaves, i, batchSize, options);
      if (run.length > 0) {
        options.onProgress?.({ file: leaves[i]!.name, filesDone: i, filesTotal: leaves.length });
        report(i, await importRun(ctx, leaves.slice(i, i + run.length), run, options));
        i += run.length;
        continue;
      }
    }
    const leaf = leaves[i]!;
    options.onProgress?.({ file: leaf.name, filesDone: i, filesTotal: leaves.length });
    report(i, [await importLeaf(ctx, leaf, options)]);
    i += 1;
  }
  // A credit note may come before its invoice in a batch (file names say nothing of the order):
  // files refused only for an unknown related invoice get one more try once the rest is in.
  if (results.some((r) => r.status === 'imported')) {
    for (const [i, r] of results.entries()) {
      const isWaiting =
        r.status === 'rejected' &&
        r.errors.length > 0 &&
        r.errors.every((e) => RELATED_MISSING.test(e.message));
      if (isWaiting) results[i] = await importLeaf(ctx, leaves[i]!, options);
    }
  }
  return results;
}
