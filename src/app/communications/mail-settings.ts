import { fileSmsSender } from '../../adapters/sms/sms-sender.ts';
import { smtpTransport } from '../../adapters/smtp/mail-transport.ts';
import type { TSenders } from './send-outbox.ts';

/**
 * Sender configuration from the environment (never from the database: credentials stay out of
 * backups and the register):
 *   RISCOSSA_SMTP_URL      e-mail, e.g. smtp://user:pass@smtp.example:587
 *   RISCOSSA_PEC_SMTP_URL  the certified provider, e.g. smtps://user:pass@smtps.pec.aruba.it:465
 *   RISCOSSA_SMTP_FROM     From when the creditor has no e-mail of its own
 *   RISCOSSA_SMS_FILE      SMS written as JSON lines to this file ("-" prints them)
 * A channel without settings is not sent: its messages wait in the outbox.
 */
export function sendersFromEnv(env: NodeJS.ProcessEnv = process.env): TSenders {
  return {
    email: env.RISCOSSA_SMTP_URL ? smtpTransport(env.RISCOSSA_SMTP_URL) : null,
    pec: env.RISCOSSA_PEC_SMTP_URL ? smtpTransport(env.RISCOSSA_PEC_SMTP_URL) : null,
    sms: env.RISCOSSA_SMS_FILE
      ? fileSmsSender(env.RISCOSSA_SMS_FILE === '-' ? null : env.RISCOSSA_SMS_FILE)
      : null,
    defaultFrom: env.RISCOSSA_SMTP_FROM ?? null,
  };
}

export function closeSenders(s: TSenders): void {
  s.email?.close();
  s.pec?.close();
}
