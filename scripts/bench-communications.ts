/**
 * Communications benchmark: single-page letters rendered to PDF per second (target 100/s) and
 * e-mails handed to a local SMTP server per second (target 500/s). Writes the
 * `<!-- bench:communications -->` section of BENCHMARKS.md.
 * Run: node scripts/bench-communications.ts [--letters N] [--emails N] [--connections N]
 */
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SMTPServer } from 'smtp-server';
import { qrPng, renderLetterPdf, type TLetterInput } from '../src/adapters/letter-pdf/render-letter-pdf.ts';
import { smtpTransport } from '../src/adapters/smtp/mail-transport.ts';
import { DEFAULT_TEMPLATES_IT } from '../src/core/communications/default-templates-it.ts';
import { epcQrPayload } from '../src/core/communications/epc-qr.ts';
import { htmlMessage, textMessage } from '../src/core/communications/message-blocks.ts';
import { renderTemplate } from '../src/core/communications/render-template.ts';
import { SAMPLE_CONTEXT, type TTemplateContext } from '../src/core/communications/template-context.ts';
import { instalmentReference } from '../src/core/matching/rf-reference.ts';
import { updateBenchmarkSection } from './benchmarks-file.ts';

const { values } = parseArgs({
  options: {
    letters: { type: 'string', default: '300' },
    emails: { type: 'string', default: '1000' },
    connections: { type: 'string', default: '5' },
  },
});
const LETTERS = Number(values.letters);
const EMAILS = Number(values.emails);
const CONNECTIONS = Number(values.connections);
const IBAN = 'IT60X0542811101000000123456';

/** A different debtor, amounts and reference for every letter: nothing is cached between them. */
function contextFor(i: number): TTemplateContext {
  const cents = 10_000 + i * 137;
  const amount = `EUR ${Math.floor(cents / 100).toLocaleString('it-IT')},${String(cents % 100).padStart(2, '0')}`;
  const reference = instalmentReference(1, 1000 + i);
  return {
    ...SAMPLE_CONTEXT,
    reference,
    debtor: { ...SAMPLE_CONTEXT.debtor, name: `Debitore ${i} S.r.l.` },
    instalments: [
      { ...SAMPLE_CONTEXT.instalments[0]!, invoice_number: `FT-${i}`, amount, outstanding: amount },
    ],
    total: amount,
    payment: { ...SAMPLE_CONTEXT.payment, reference, amount },
  };
}

function letterFor(i: number): TLetterInput {
  const context = contextFor(i);
  return {
    context,
    text: renderTemplate(DEFAULT_TEMPLATES_IT['letter-1-pay-within-10-days']!, context),
    creditorName: 'Acme Forniture S.r.l.',
    creditorLines: ['P.IVA IT01114601006', 'Via Roma 1, 20121 Milano (MI)'],
    logo: null,
    recipientLines: [context.debtor.name, 'Via Garibaldi 10', '10122 Torino (TO)'],
    qrPayload: epcQrPayload({
      payee: 'Acme Forniture S.r.l.',
      iban: IBAN,
      amountCents: 10_000 + i * 137,
      rfReference: context.reference,
    }),
    createdAt: new Date('2026-03-16T00:00:00Z'),
  };
}

async function benchLetters(n: number): Promise<{ seconds: number; perSecond: number; bytes: number }> {
  await renderLetterPdf(letterFor(0)); // warm-up: fonts and modules loaded once
  const start = performance.now();
  let bytes = 0;
  for (let i = 0; i < n; i++) bytes += (await renderLetterPdf(letterFor(i))).length;
  const seconds = (performance.now() - start) / 1000;
  return { seconds, perSecond: n / seconds, bytes: bytes / n };
}

async function benchEmails(
  n: number,
  connections: number,
): Promise<{ seconds: number; perSecond: number; received: number }> {
  let received = 0;
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    maxClients: connections * 2,
    onData(stream, _session, callback) {
      stream.on('end', () => {
        received += 1;
        callback();
      });
      stream.resume();
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  const transport = smtpTransport(
    `smtp://127.0.0.1:${port}/?ignoreTLS=true&pool=true&maxConnections=${connections}&maxMessages=100000`,
  );
  // One message as the sender composes it: text, HTML, the QR image inline (the letter PDF is the letters figure).
  const qr = await qrPng(letterFor(0).qrPayload!);
  const mail = (i: number) => {
    const c = contextFor(i);
    const text = renderTemplate(DEFAULT_TEMPLATES_IT['friendly-reminder-with-payment-details']!, c);
    return {
      from: '"Acme Forniture S.r.l." <amministrazione@acme.example>',
      to: `debitore${i}@example.com`,
      subject: text.subject,
      text: textMessage(c, text, true),
      html: htmlMessage(c, text, 'qr@riscossa'),
      messageId: `<email.${i}.bench@riscossa.invalid>`,
      attachments: [{ filename: 'sepa-qr.png', content: qr, contentType: 'image/png', cid: 'qr@riscossa' }],
    };
  };
  await transport.send(mail(-1));
  const start = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < n) await transport.send(mail(next++));
  };
  await Promise.all(Array.from({ length: connections }, worker));
  const seconds = (performance.now() - start) / 1000;
  transport.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return { seconds, perSecond: n / seconds, received: received - 1 };
}

const load = loadavg()[0]!.toFixed(1);
const letters = await benchLetters(LETTERS);
const emails = await benchEmails(EMAILS, CONNECTIONS);
const loadAfter = loadavg()[0]!.toFixed(1);
const verdict = (rate: number, target: number) => (rate >= target ? 'met' : 'not met');

const section = `## Communications

\`node scripts/bench-communications.ts --letters ${LETTERS} --emails ${EMAILS} --connections ${CONNECTIONS}\` on ${new Date().toISOString().slice(0, 10)}, ${availableParallelism()} cores, load average ${load} at start and ${loadAfter} at the end (other sessions were running on the same machine), Node ${process.version}. In-process: the SMTP server (smtp-server) runs in the same Node process as the sender and competes for the same core.

| what | count | time | rate | target | |
|---|---|---|---|---|---|
| single-page letters rendered to PDF (pdfkit, QR code, template rendered; ${Math.round(letters.bytes / 1024)} KB each) | ${LETTERS} | ${letters.seconds.toFixed(2)} s | ${letters.perSecond.toFixed(0)} letters/s | 100/s | ${verdict(letters.perSecond, 100)} |
| e-mails (text + HTML + inline QR) handed to a local SMTP server, ${CONNECTIONS} pooled connections (${emails.received} received) | ${EMAILS} | ${emails.seconds.toFixed(2)} s | ${emails.perSecond.toFixed(0)} e-mails/s | 500/s | ${verdict(emails.perSecond, 500)} |

Small-scale run on a shared machine: with a load average of ${load} on ${availableParallelism()} cores this process
had roughly ${Math.min(100, Math.round((100 * availableParallelism()) / Math.max(1, Number(load))))}% of a core, so the figures are a floor, not the
capacity; run it again on an idle machine before concluding on the targets. Per letter the time
goes to pdfkit (layout, Helvetica metrics, deflate of the page); the QR code is drawn as vector
squares (a PNG cost as much as the rest of the letter). Per e-mail it goes to MIME building and
base64 in nodemailer and to parsing in the SMTP server, which shares the process. The e-mail figure
is the hand-over only: the full sender also re-reads balances and interest per message in the
database and attaches the letter (the letter rate above) and the statement PDFs, one message at a
time by design (at most once), so \`outbox send\` is slower than this ceiling.
`;
console.log(section);
updateBenchmarkSection(join(import.meta.dirname, '../BENCHMARKS.md'), 'communications', section);
