import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { normalizePec } from '../../core/contacts/normalize-address.ts';

/**
 * The public PEC directory (INI-PEC for companies and professionals). The real service needs an
 * agreement; Riscossa talks to it through this interface, and ships a file-based stand-in: a CSV
 * with the columns `vatNumber,pec` (an export, or a list kept by hand).
 */
export type TPecLookup = { pec: string | null; source: string };

export type TPecDirectory = { lookup(identifier: string): Promise<TPecLookup> };

/** Refuses a file too large to be a directory extract (a mistake, not data). */
const MAX_DIRECTORY_BYTES = 50 * 1024 * 1024;

export function filePecDirectory(path: string): TPecDirectory {
  const bytes = readFileSync(path);
  if (bytes.length > MAX_DIRECTORY_BYTES)
    throw new Error(`${path} is larger than ${MAX_DIRECTORY_BYTES} bytes`);
  const rows = parse(bytes, { columns: true, skip_empty_lines: true, trim: true }) as Array<
    Record<string, string>
  >;
  const byId = new Map<string, string>();
  for (const row of rows) {
    const id = (row.vatNumber ?? row.fiscalCode ?? '').replace(/\s/g, '').toUpperCase().replace(/^IT/, '');
    const pec = normalizePec(row.pec);
    if (id && pec) byId.set(id, pec);
  }
  return {
    async lookup(identifier) {
      const id = identifier.replace(/\s/g, '').toUpperCase().replace(/^IT/, '');
      return { pec: byId.get(id) ?? null, source: `file:${path}` };
    },
  };
}
