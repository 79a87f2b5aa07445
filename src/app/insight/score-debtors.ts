import type { TRiskClass, TScoreFactor } from '../../core/insight/risk-score.ts';
import { findCreditorById, listCreditorRows, type TCreditorRow } from '../../db/queries/creditors.ts';
import { upsertScores } from '../../db/queries/risk.ts';
import { switchCasePolicies, type TPolicySwitch } from '../collection/switch-case-policies.ts';
import { appendRegisterEntries, type TRegisterEntryInput } from '../register/append-register-entries.ts';
import type { TContext } from '../shared/context.ts';
import { assessDebtors } from './assess-debtors.ts';
import { riskSettingsOf } from './risk-settings.ts';
import { evidenceView } from './risk-view.ts';

/**
 * Stored and registered factors keep key, measure and points; the label is the core's and is
 * added back when shown. Tens of thousands of debtors are scored at once: the labels would
 * triple what is written.
 */
function storedFactor(f: TScoreFactor): Omit<TScoreFactor, 'label'> {
  return { key: f.key, value: f.value, points: f.points };
}

export type TScoreRunSummary = {
  creditor: { id: number; vatNumber: string };
  asOf: string;
  scored: number;
  classes: Record<TRiskClass, number>;
  chronicLatePayers: number;
  changes: Array<{ debtorId: number; name: string; from: TRiskClass | null; to: TRiskClass; score: number }>;
  /** Open cases that followed a rule and switched policy because their debtor changed class. */
  policySwitches: TPolicySwitch[];
};

/**
 * Scores every debtor of each creditor (or of one) as of ctx.today and stores score, class,
 * factors and chronic-late-payer evidence. Each change of class, and each debtor newly flagged
 * as a chronic late payer, gets an activity-register row in the same transaction as the new
 * score: the register tells when and why a customer became "to avoid". Running it again on the
 * same data changes nothing and records nothing.
 */
export async function scoreDebtors(
  ctx: TContext,
  p: { creditorId?: number | null } = {},
): Promise<TScoreRunSummary[]> {
  const creditors: TCreditorRow[] = p.creditorId
    ? [await findCreditorById(ctx.db, p.creditorId)].filter((c): c is TCreditorRow => c !== undefined)
    : await listCreditorRows(ctx.db);
  const summaries: TScoreRunSummary[] = [];
  for (const creditor of creditors) summaries.push(await scoreCreditor(ctx, creditor));
  return summaries;
}

async function scoreCreditor(ctx: TContext, creditor: TCreditorRow): Promise<TScoreRunSummary> {
  const settings = riskSettingsOf(creditor.settings);
  return ctx.db.transaction(async (db) => {
    // One scoring run per creditor at a time, so two runs cannot both record the same change.
    await db.query('select id from creditors where id = $1 for update', [creditor.id]);
    const assessed = await assessDebtors(db, {
      creditorId: creditor.id,
      debtorId: null,
      asOf: ctx.today,
      settings,
    });
    await upsertScores(
      db,
      creditor.id,
      ctx.today,
      ctx.now,
      assessed.map((a) => ({
        debtorId: a.row.debtor_id,
        score: a.assessment.score,
        internalScore: a.assessment.internalScore,
        riskClass: a.assessment.class,
        isChronicLatePayer: a.isChronicLatePayer,
        factors: a.assessment.factors.map(storedFactor),
        chronicEvidence: evidenceView(a.evidence, a.row.credit_limit_currency),
      })),
    );
    const entries: TRegisterEntryInput[] = [];
    const summary: TScoreRunSummary = {
      creditor: { id: creditor.id, vatNumber: creditor.vat_number },
      asOf: ctx.today,
      scored: assessed.length,
      classes: { healthy: 0, 'under-observation': 0, 'to-avoid': 0 },
      chronicLatePayers: 0,
      changes: [],
      policySwitches: [],
    };
    for (const a of assessed) {
      const to = a.assessment.class;
      summary.classes[to] += 1;
      if (a.isChronicLatePayer) summary.chronicLatePayers += 1;
      const factors = a.assessment.factors.filter((f) => f.points !== 0).map(storedFactor);
      if (a.row.recorded_class !== to) {
        summary.changes.push({
          debtorId: a.row.debtor_id,
          name: a.row.name,
          from: a.row.recorded_class as TRiskClass | null,
          to,
          score: a.assessment.score,
        });
        entries.push({
          action: 'risk.class-changed',
          subjectType: 'debtor',
          subjectId: a.row.debtor_id,
          debtorId: a.row.debtor_id,
          reason: `score ${a.assessment.score} as of ${ctx.today}`,
          data: {
            from: a.row.recorded_class,
            to,
            score: a.assessment.score,
            internalScore: a.assessment.internalScore,
            asOf: ctx.today,
            factors,
          },
        });
      }
      if (a.isChronicLatePayer && !a.row.recorded_chronic) {
        entries.push({
          action: 'risk.chronic-late-payer',
          subjectType: 'debtor',
          subjectId: a.row.debtor_id,
          debtorId: a.row.debtor_id,
          reason: `${a.evidence.length} instalments more than ${settings.chronic.minDaysLate} days beyond terms in 12 months`,
          data: { asOf: ctx.today, evidence: evidenceView(a.evidence, a.row.credit_limit_currency) },
        });
      }
    }
    await appendRegisterEntries({ ...ctx, db }, creditor.id, entries);
    // After the class rows, so the register reads: the class changed, then the case followed.
    summary.policySwitches = await switchCasePolicies({ ...ctx, db }, creditor.id, summary.changes);
    return summary;
  });
}
