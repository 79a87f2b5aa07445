import * as OTPAuth from 'otpauth';

/** RFC 6238 defaults every authenticator app understands: SHA-1, 6 digits, 30 seconds. */
function totpFor(secret: string, label = 'riscossa'): OTPAuth.TOTP {
  return new OTPAuth.TOTP({
    issuer: 'Riscossa',
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret: OTPAuth.Secret.fromBase32(secret),
  });
}

export function newTotpSecret(): string {
  return new OTPAuth.Secret({ size: 20 }).base32;
}

export function totpUri(secret: string, email: string): string {
  return totpFor(secret, email).toString();
}

/** Accepts the code of the current period or of the one before or after (clock drift). */
export function verifyTotp(secret: string, code: string, now: Date): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  return totpFor(secret).validate({ token: code, timestamp: now.getTime(), window: 1 }) !== null;
}

export function totpCode(secret: string, now: Date): string {
  return totpFor(secret).generate({ timestamp: now.getTime() });
}
