import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

/**
 * A real SMTP server in the test process (smtp-server), keeping every message it accepts, parsed
 * with mailparser. `rcpt` and `data` let a test answer like a failing server would.
 */
export type TSmtpPeer = {
  port: number;
  url: string;
  received: Array<{ envelopeTo: string[]; mail: ParsedMail }>;
  rcpt: (address: string, count: number) => { code: number; message: string } | null;
  data: (session: SMTPServerSession, count: number) => 'accept' | 'drop';
  close(): Promise<void>;
};

export async function startSmtpPeer(): Promise<TSmtpPeer> {
  let rcptCount = 0;
  let dataCount = 0;
  const peer: TSmtpPeer = {
    port: 0,
    url: '',
    received: [],
    rcpt: () => null,
    data: () => 'accept',
    close: async () => undefined,
  };
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      rcptCount += 1;
      const reply = peer.rcpt(address.address, rcptCount);
      if (!reply) return callback();
      const error = new Error(reply.message) as Error & { responseCode: number };
      error.responseCode = reply.code;
      return callback(error);
    },
    onData(stream, session, callback) {
      dataCount += 1;
      if (peer.data(session, dataCount) === 'drop') {
        // A connection cut in the middle of the message: the server never answers the DATA.
        stream.once('data', () => {
          for (const c of (
            server as unknown as { connections: Set<{ id: string; _socket: { destroy(): void } }> }
          ).connections)
            if (c.id === session.id) c._socket.destroy();
        });
        stream.resume();
        return;
      }
      const to = (session.envelope.rcptTo ?? []).map((r) => r.address);
      simpleParser(stream)
        .then((mail) => {
          peer.received.push({ envelopeTo: to, mail });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  peer.port = (server.server.address() as AddressInfo).port;
  peer.url = `smtp://127.0.0.1:${peer.port}/?ignoreTLS=true`;
  peer.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return peer;
}
