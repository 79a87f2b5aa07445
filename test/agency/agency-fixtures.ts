import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yauzl from 'yauzl';
import { completeTask } from '../../src/app/collection/complete-task.ts';
import { runCollection } from '../../src/app/collection/run-collection.ts';
import { addDays, parseDate } from '../../src/core/shared/calendar-date.ts';
import type { TSql } from '../../src/db/database.ts';
import { ctxOn } from '../support/fixtures.ts';

export const hasPdftotext = spawnSync('pdftotext', ['-v']).status === 0;

/** Real text extraction (poppler), not a look at our own bytes. */
export function pdfText(pdf: Uint8Array): string {
  const file = join(mkdtempSync(join(tmpdir(), 'riscossa-agency-pdf-')), 'doc.pdf');
  writeFileSync(file, pdf);
  const result = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`pdftotext failed: ${result.stderr}`);
  return result.stdout.replace(/[ \t]+/g, ' ');
}

/** Opens a ZIP with yauzl (not our writer) and reads every entry. */
export function readZip(bytes: Uint8Array): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(Buffer.from(bytes), { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error);
      const files = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(files));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/**
 * Runs the collection day by day as a company would, answering every task the way a stubborn
 * debtor makes it go (calls unanswered, evidence reviews approved), until `until` or `stop`.
 */
export async function walkDays(
  db: TSql,
  creditorId: number,
  from: string,
  until: string,
  stop: () => Promise<boolean> = async () => false,
): Promise<string> {
  let day = parseDate(from);
  for (; day <= until; day = addDays(day, 1)) {
    await runCollection(ctxOn(db, day), { creditorId, date: day });
    const open = await db.query<{ id: number; kind: string }>(
      `select id, kind from collection_tasks where creditor_id = $1 and status = 'open' and due_date <= $2::date order by id`,
      [creditorId, day],
    );
    for (const task of open) {
      await completeTask(ctxOn(db, day), {
        taskId: task.id,
        outcome: task.kind === 'review' ? 'approved' : 'no-answer',
        date: day,
      });
    }
    if (await stop()) break;
  }
  return day;
}
