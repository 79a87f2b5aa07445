import { createHash } from 'node:crypto';
import { canonicalJson } from '../shared/canonical-json.ts';

export const REGISTER_GENESIS_HASH = '0'.repeat(64);

export type TRegisterContent = {
  creditorId: number;
  seq: number;
  occurredAt: string;
  actor: string;
  action: string;
  subjectType: string;
  subjectId: number | null;
  debtorId: number | null;
  reason: string | null;
  data: unknown;
};

/** Each entry's hash covers its content and the previous entry's hash: a removed or altered row breaks the chain. */
export function registerHash(prevHash: string, content: TRegisterContent): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(content)).digest('hex');
}
