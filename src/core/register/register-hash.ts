import { createHash } from 'node:crypto';
import { canonicalJson } from '../shared/canonical-json.ts';

export const REGISTER_GENESIS_HASH = '0'.repeat(64);

/**
 * Hash rule of a register row. Format 1 (rows written before 2026-11-24): the hash covers the
 * whole row, personal payload included, so such a row can never lose its payload without its
 * content becoming unverifiable. Format 2: the hash covers a salted digest of the personal payload
 * (reason and data) instead of the payload, so the payload and its salt can be erased while the
 * chain still proves every other field of the row.
 */
export const REGISTER_FORMAT = 2;

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

/** Format 1: each entry's hash covers its content and the previous entry's hash. */
export function registerHash(prevHash: string, content: TRegisterContent): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(content)).digest('hex');
}

export type TRegisterPayload = Pick<TRegisterContent, 'reason' | 'data'>;

/**
 * SHA-256 of the personal payload with a per-row random salt: the salt is erased with the payload,
 * so the digest left behind cannot be matched against guessed payloads (a phone number, an address).
 */
export function registerPayloadDigest(salt: string, payload: TRegisterPayload): string {
  return createHash('sha256')
    .update(salt)
    .update('\n')
    .update(canonicalJson({ reason: payload.reason, data: payload.data }))
    .digest('hex');
}

export type TRegisterSealedContent = Omit<TRegisterContent, 'reason' | 'data'> & { payloadDigest: string };

/** Format 2: the previous hash and the row with its payload replaced by the payload's digest. */
export function registerHashV2(prevHash: string, content: TRegisterSealedContent): string {
  return createHash('sha256').update(prevHash).update('\n2\n').update(canonicalJson(content)).digest('hex');
}

/** A register row as stored: its content, its hash rule and what erasure left of its payload. */
export type TStoredRegisterRow = TRegisterContent & {
  format: number;
  payloadSalt: string | null;
  payloadDigest: string | null;
  isErased: boolean;
};

/**
 * The hash a stored row should have after `prevHash`, or the problem that prevents computing it.
 * A format-2 row with its payload kept must match its digest; an erased one is checked on every
 * other field through the digest. An erased format-1 row cannot be recomputed: its stored hash
 * is taken as it is, and the next row's prev_hash still ties it into the chain.
 */
export function expectedRegisterHash(
  prevHash: string,
  row: TStoredRegisterRow,
  storedHash: string,
): string | { problem: string } {
  const { format, payloadSalt, payloadDigest, isErased, reason, data, ...fields } = row;
  if (format === 1) return isErased ? storedHash : registerHash(prevHash, { ...fields, reason, data });
  if (!payloadDigest) return { problem: `entry ${row.seq} has no payload digest` };
  if (!isErased) {
    if (payloadSalt === null) return { problem: `entry ${row.seq} lost its payload salt` };
    if (registerPayloadDigest(payloadSalt, { reason, data }) !== payloadDigest)
      return { problem: `entry ${row.seq} was altered` };
  }
  return registerHashV2(prevHash, { ...fields, payloadDigest });
}
