import { ImportRejection } from '../../adapters/import-rejection.ts';
import type { TContext } from '../shared/context.ts';
import type { TFileOutcome, TImportOptions } from './import-types.ts';

export async function importCsv(
  _ctx: TContext,
  _bytes: Uint8Array,
  _options: TImportOptions,
): Promise<TFileOutcome> {
  throw new ImportRejection('file', 'csv is not supported yet');
}
