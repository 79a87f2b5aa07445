import { stringify } from 'csv-stringify/sync';
import type { TOperationsRegister } from '../../app/mandates/operations-register.ts';
import type { TRemittanceStatement } from '../../app/mandates/trust-account.ts';
import { itAmount, itDate, PdfWriter } from './pdf-writer.ts';

/** The remittance statement as CSV: one row per collection, then the totals (amounts as JSON strings). */
export function remittanceCsv(s: TRemittanceStatement): string {
  const rows: string[][] = s.lines.map((l) => [
    l.date,
    String(l.caseId),
    l.debtor,
    l.invoice,
    String(l.paymentId),
    l.collected,
    l.commission,
  ]);
  const t = s.totals;
  for (const [label, value] of [
    ['total collected', t.collected],
    ['commission', t.commission],
    ['fixed fees', t.fixedFees],
    ['net due for the month', t.netDue],
    ['carried forward', t.carriedForward],
    ['remitted', t.remitted],
    ['balance', t.balance],
  ] as const) {
    rows.push(['', '', label, '', '', value, '']);
  }
  return stringify(rows, {
    header: true,
    columns: ['date', 'case', 'debtor', 'invoice', 'payment', 'collected', 'commission'],
    record_delimiter: 'windows',
  });
}

/** The remittance statement (rendiconto mensile) for the client, in Italian. */
export async function renderRemittancePdf(s: TRemittanceStatement, createdAt: Date): Promise<Buffer> {
  const w = new PdfWriter({
    title: `Rendiconto ${s.mandate.reference} ${s.month}`,
    author: s.agency.name,
    createdAt,
  });
  w.title(`Rendiconto mensile ${s.month} - mandato ${s.mandate.reference}`);
  w.line(
    `Agenzia: ${s.agency.name}, P.IVA ${s.agency.vatNumber}${s.agency.licence ? `, licenza art. 115 TULPS ${s.agency.licence}` : ''}`,
  );
  w.line(`Mandante: ${s.client.name}, P.IVA ${s.client.vatNumber}`);
  w.line(
    `Periodo: dal ${itDate(s.from)} al ${itDate(s.to)}; provvigione ${s.mandate.commissionRate.replace('.', ',')} % sugli incassi`,
  );
  w.heading('Incassi del periodo');
  w.table(
    [
      { label: 'Data', width: 60 },
      { label: 'Pratica', width: 45 },
      { label: 'Debitore', width: 160 },
      { label: 'Fattura', width: 90 },
      { label: 'Incassato', width: 80, align: 'right' },
      { label: 'Provvigione', width: 80, align: 'right' },
    ],
    s.lines.map((l) => [
      itDate(l.date),
      String(l.caseId),
      l.debtor,
      l.invoice,
      itAmount(l.collected),
      itAmount(l.commission),
    ]),
  );
  const t = s.totals;
  w.heading('Riepilogo (EUR)');
  w.line(`Totale incassato: ${itAmount(t.collected)}`);
  w.line(`Provvigioni: ${itAmount(t.commission)}`);
  w.line(`Compensi fissi: ${itAmount(t.fixedFees)}`);
  w.line(`Netto del mese: ${itAmount(t.netDue)}`, true);
  w.line(`Saldo dei mesi precedenti: ${itAmount(t.carriedForward)}`);
  w.line(`Rimesso nel mese: ${itAmount(t.remitted)}`);
  w.line(`Saldo da rimettere: ${itAmount(t.balance)}`, true);
  return w.finish();
}

/** The register of operations (art. 115 TULPS) as CSV. */
export function operationsCsv(r: TOperationsRegister): string {
  return stringify(
    r.operations.map((o) => [
      String(o.n),
      o.date,
      o.operation,
      o.mandate,
      o.client,
      o.debtor,
      o.caseId === null ? '' : String(o.caseId),
      o.amount ?? '',
      o.detail,
    ]),
    {
      header: true,
      columns: ['n', 'date', 'operation', 'mandate', 'client', 'debtor', 'case', 'amount', 'detail'],
      record_delimiter: 'windows',
    },
  );
}
