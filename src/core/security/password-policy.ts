/**
 * Password policy (NIST SP 800-63B / OWASP): a minimum length, no composition rules, and refusal
 * of passwords found in a list of common/breached ones or built from the user's own e-mail.
 */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

export type TPasswordProblem = 'too-short' | 'too-long' | 'common' | 'contains-email';

export function passwordProblem(
  password: string,
  email: string,
  commonPasswords: ReadonlySet<string>,
): TPasswordProblem | null {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return 'too-short';
  if (length > MAX_PASSWORD_LENGTH) return 'too-long';
  const lower = password.toLowerCase();
  // A common password padded with digits or repeated ("password1234", "qwertyqwerty") is common too.
  const stripped = lower.replace(/[\d\W_]+$/u, '').replace(/^[\d\W_]+/u, '');
  if (commonPasswords.has(lower) || commonPasswords.has(stripped) || isRepetition(lower)) return 'common';
  const local = email.toLowerCase().split('@')[0] ?? '';
  if (local.length >= 4 && lower.includes(local)) return 'contains-email';
  return null;
}

/** "aaaaaaaaaaaa", "abcabcabcabc", "121212121212": one short unit repeated. */
function isRepetition(text: string): boolean {
  for (let unit = 1; unit <= 4; unit++) {
    const head = text.slice(0, unit);
    if (head.repeat(Math.ceil(text.length / unit)).slice(0, text.length) === text) return true;
  }
  return /^(0123456789|1234567890|abcdefghijkl|qwertyuiop)/.test(text);
}

export const PASSWORD_PROBLEM_TEXT: Record<TPasswordProblem, string> = {
  'too-short': `is shorter than ${MIN_PASSWORD_LENGTH} characters`,
  'too-long': `is longer than ${MAX_PASSWORD_LENGTH} characters`,
  common: 'is a common or breached password; choose a longer, less predictable one',
  'contains-email': 'contains the e-mail address',
};
