import nodemailer from 'nodemailer';

/** One e-mail as Riscossa hands it to an SMTP server (plain e-mail or the PEC provider). */
export type TOutgoingMail = {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Stable per message of an action: a resend carries the same one, so receivers can dedupe. */
  messageId: string;
  attachments: Array<{ filename: string; content: Buffer; contentType: string; cid?: string }>;
};

export type TMailTransport = {
  send(mail: TOutgoingMail): Promise<{ response: string }>;
  close(): void;
};

/**
 * An SMTP transport from a URL, e.g. smtp://user:pass@smtp.example:587 or
 * smtps://user:pass@smtps.pec.example:465 (nodemailer reads options from the query string,
 * e.g. ?pool=true&maxConnections=5). Timeouts are short: a stuck server is a temporary failure,
 * retried later, not a sender that hangs.
 */
export function smtpTransport(url: string): TMailTransport {
  const transporter = nodemailer.createTransport(url, {
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  } as never);
  return {
    async send(mail) {
      const info = await transporter.sendMail({
        from: mail.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId,
        attachments: mail.attachments,
      });
      return { response: String(info.response ?? '') };
    },
    close: () => transporter.close(),
  };
}

export type TSmtpFailure = { kind: 'temporary' | 'hard'; detail: string };

/**
 * A 5xx reply (mailbox unknown, address refused, message rejected) will not change by retrying:
 * hard. A 4xx reply, a refused or dropped connection, a timeout: temporary, retried with backoff.
 */
export function classifySmtpError(error: unknown): TSmtpFailure {
  const e = error as { responseCode?: number; code?: string; response?: string; message?: string };
  const detail = [e.code, e.responseCode, e.response ?? e.message].filter(Boolean).join(' ').slice(0, 500);
  if (typeof e.responseCode === 'number' && e.responseCode >= 500 && e.responseCode < 600)
    return { kind: 'hard', detail };
  if (e.code === 'EENVELOPE' && typeof e.responseCode !== 'number') return { kind: 'hard', detail };
  return { kind: 'temporary', detail };
}
