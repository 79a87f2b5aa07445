import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { argon2id, argon2Verify } from 'hash-wasm';
import { PASSWORD_PROBLEM_TEXT, passwordProblem } from '../../core/security/password-policy.ts';
import { invalid } from '../../core/shared/errors.ts';

/** OWASP's Argon2id floor: 19 MiB, two passes, one lane. Parameters travel in the PHC string. */
export const ARGON2_PARAMETERS = {
  memorySize: 19456,
  iterations: 2,
  parallelism: 1,
  hashLength: 32,
} as const;

let commonPasswords: Set<string> | null = null;

/** The shipped list of common/breached passwords, read once. */
export function loadCommonPasswords(): ReadonlySet<string> {
  if (!commonPasswords) {
    const text = readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8');
    commonPasswords = new Set(
      text
        .split('\n')
        .map((line) => line.trim().toLowerCase())
        .filter((line) => line && !line.startsWith('#')),
    );
  }
  return commonPasswords;
}

/** Refuses a weak password naming the field (never echoing the password itself). */
export function assertAcceptablePassword(password: unknown, email: string, field = 'password'): string {
  if (typeof password !== 'string') throw invalid(field, null, 'is required');
  const problem = passwordProblem(password, email, loadCommonPasswords());
  if (problem) throw invalid(field, '(hidden)', PASSWORD_PROBLEM_TEXT[problem]);
  return password;
}

export async function hashPassword(password: string): Promise<string> {
  return argon2id({ password, salt: randomBytes(16), ...ARGON2_PARAMETERS, outputType: 'encoded' });
}

export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  try {
    return await argon2Verify({ password, hash });
  } catch {
    return false;
  }
}

/** A hash to verify against when the e-mail is unknown, so both paths take the same time. */
let decoyHash: Promise<string> | null = null;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword(randomBytes(16).toString('hex'));
  return decoyHash;
}
