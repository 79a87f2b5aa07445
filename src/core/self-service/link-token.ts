import { createHash } from 'node:crypto';

/** 32 random bytes (256 bits) written as base64url: 43 characters, unguessable. */
export const LINK_TOKEN_BYTES = 32;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export const DEFAULT_LINK_DAYS = 30;
export const MAX_LINK_DAYS = 365;

export function isLinkTokenShaped(token: string): boolean {
  return TOKEN_SHAPE.test(token);
}

/** A 256-bit random token needs no slow hash: SHA-256 is enough to keep it out of the database. */
export function hashLinkToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export type TLinkState = 'active' | 'expired' | 'revoked';

export function linkState(link: { expires_at: Date; revoked_at: Date | null }, now: Date): TLinkState {
  if (link.revoked_at) return 'revoked';
  if (link.expires_at.getTime() <= now.getTime()) return 'expired';
  return 'active';
}
