import { renderStatementPdf } from '../../adapters/statement-pdf/render-statement-pdf.ts';
import type { TSql } from '../../db/database.ts';
import { findCreditorByVat, findCreditorLogo } from '../../db/queries/creditors.ts';
import type { TDebtorStatement } from './debtor-statement.ts';

/** The statement PDF with the creditor's logo at the top when the creditor has one. */
export async function statementPdfOf(
  db: TSql,
  statement: TDebtorStatement,
  createdAt: Date,
): Promise<Buffer> {
  const creditor = await findCreditorByVat(db, statement.creditor.vatNumber);
  const logo = creditor?.has_logo ? await findCreditorLogo(db, creditor.id) : null;
  return renderStatementPdf(statement, createdAt, logo?.bytes ?? null);
}
