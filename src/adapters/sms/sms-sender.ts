import { appendFileSync } from 'node:fs';

/**
 * Any SMS gateway fits this interface; Riscossa ships only a file/console implementation, so no
 * vendor is built in. A gateway adapter maps its refusals to the same temporary/hard split as SMTP.
 */
export type TSmsMessage = { to: string; text: string; messageId: string };

export type TSmsSender = { send(message: TSmsMessage): Promise<{ response: string }> };

/** Appends each SMS as one JSON line to a file, or prints it when no file is given. */
export function fileSmsSender(file: string | null): TSmsSender {
  return {
    async send(message) {
      const line = `${JSON.stringify(message)}\n`;
      if (file) appendFileSync(file, line);
      else process.stdout.write(line);
      return { response: file ? `written to ${file}` : 'printed' };
    },
  };
}
