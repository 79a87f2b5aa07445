import { ImportRejection } from '../../adapters/import-rejection.ts';
import type { TContext } from '../shared/context.ts';
import type { TFileOutcome, TImportOptions } from './import-types.ts';

export async function importBankStatement(
  _ctx: TContext,
  format: 'camt053' | 'camt054' | 'cbi',
  _bytes: Uint8Array,
  _options: TImportOptions,
): Promise<TFileOutcome> {
  throw new ImportRejection('file', `${format} is not supported yet`);
}
