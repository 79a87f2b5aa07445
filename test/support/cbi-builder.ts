/**
 * Writes CBI RH statements (120-character records, positions as in src/adapters/cbi/parse-cbi.ts).
 */
export type TCbiMovement = {
  amount: string; // 1220.00
  isCredit?: boolean;
  valueDate: string; // YYYY-MM-DD
  bookingDate: string;
  bankRef: string;
  description: string;
  payerName?: string;
  payerIban?: string;
  remittance?: string;
};

const ddmmyy = (d: string) => `${d.slice(8, 10)}${d.slice(5, 7)}${d.slice(2, 4)}`;
const pad = (s: string, n: number) => s.slice(0, n).padEnd(n);
const num = (n: number, width: number) => String(n).padStart(width, '0');
function amount(cents: number): string {
  return `${String(Math.floor(cents / 100)).padStart(12, '0')},${String(cents % 100).padStart(2, '0')}`;
}
const cents = (a: string) => Math.round(Number(a) * 100);

function record(parts: Array<[number, string]>): string {
  const line = Array(120).fill(' ');
  for (const [pos, text] of parts) for (let i = 0; i < text.length; i++) line[pos - 1 + i] = text[i]!;
  return line.join('');
}

export function buildCbiRh(spec: {
  abi: string;
  cab: string;
  account: string;
  cin: string;
  check: string;
  date: string;
  opening: string;
  movements: readonly TCbiMovement[];
}): string {
  const lines: string[] = [];
  lines.push(
    record([
      [2, 'RH'],
      [4, '12345'],
      [9, spec.abi],
      [14, ddmmyy(spec.date)],
      [20, pad('RISCOSSA-TEST', 20)],
    ]),
  );
  const open = cents(spec.opening);
  lines.push(
    record([
      [2, '61'],
      [4, num(1, 7)],
      [24, spec.abi],
      [29, '00000'],
      [34, pad('CONTO CORRENTE', 16)],
      [50, '07'],
      [52, spec.cin],
      [53, spec.abi],
      [58, spec.cab],
      [63, spec.account.padStart(12, '0')],
      [77, 'EUR'],
      [80, ddmmyy(spec.date)],
      [86, open >= 0 ? 'C' : 'D'],
      [87, amount(Math.abs(open))],
      [102, 'IT'],
      [104, spec.check],
    ]),
  );
  let total = open;
  spec.movements.forEach((m, i) => {
    const c = cents(m.amount);
    total += m.isCredit === false ? -c : c;
    const seq = num(i + 1, 3);
    lines.push(
      record([
        [2, '62'],
        [4, num(1, 7)],
        [11, seq],
        [14, ddmmyy(m.valueDate)],
        [20, ddmmyy(m.bookingDate)],
        [26, m.isCredit === false ? 'D' : 'C'],
        [27, amount(c)],
        [42, '48'],
        [62, pad(m.bankRef, 16)],
        [87, pad(m.description, 34)],
      ]),
    );
    if (m.payerName)
      lines.push(
        record([
          [2, '63'],
          [4, num(1, 7)],
          [11, seq],
          [14, 'YYY'],
          [17, ddmmyy(m.valueDate).padEnd(8)],
          [41, pad(m.payerName, 40)],
        ]),
      );
    if (m.payerIban)
      lines.push(
        record([
          [2, '63'],
          [4, num(1, 7)],
          [11, seq],
          [14, 'ZZ1'],
          [17, m.payerIban],
        ]),
      );
    if (m.remittance)
      lines.push(
        record([
          [2, '63'],
          [4, num(1, 7)],
          [11, seq],
          [14, 'ZZ2'],
          [17, pad(m.remittance, 104)],
        ]),
      );
  });
  lines.push(
    record([
      [2, '64'],
      [4, num(1, 7)],
      [11, 'EUR'],
      [14, ddmmyy(spec.date)],
      [20, total >= 0 ? 'C' : 'D'],
      [21, amount(Math.abs(total))],
    ]),
  );
  lines.push(
    record([
      [2, 'EF'],
      [4, '12345'],
      [9, spec.abi],
      [14, ddmmyy(spec.date)],
      [20, pad('RISCOSSA-TEST', 20)],
      [46, num(1, 7)],
      [83, num(lines.length + 1, 7)],
    ]),
  );
  return `${lines.join('\r\n')}\r\n`;
}
