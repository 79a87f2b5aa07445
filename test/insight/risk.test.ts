import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessDebtors } from '../../src/app/insight/assess-debtors.ts';
import { importExternalRatings } from '../../src/app/insight/import-external-ratings.ts';
import { riskSettingsOf } from '../../src/app/insight/risk-settings.ts';
import { scoreDebtors } from '../../src/app/insight/score-debtors.ts';
import { setCreditLimit } from '../../src/app/insight/set-credit-limit.ts';
import { updateRiskSettings } from '../../src/app/insight/set-risk-settings.ts';
import { showDebtorRisk } from '../../src/app/insight/show-debtor-risk.ts';
import { addCreditor } from '../../src/app/ledger/add-creditor.ts';
import { addInvoices } from '../../src/app/ledger/add-invoices.ts';
import { resolveDebtor } from '../../src/app/ledger/resolve-debtor.ts';
import { aggregateBehaviour } from '../../src/core/insight/payment-behaviour.ts';
import { RISK_AS_OF, RISK_HISTORY } from '../../src/core/insight/risk-fixture.ts';
import { parseDate } from '../../src/core/shared/calendar-date.ts';
import { ctxOn, DEBTOR_VAT, OTHER_DEBTOR_VAT } from '../support/fixtures.ts';
import { createTestDatabase, type TTestDatabase } from '../support/test-database.ts';
import { AS_OF, buildPortfolio, VERDI_VAT } from './portfolio.ts';

let t: TTestDatabase;
let acmeId: number;
let betaId: number;

beforeAll(async () => {
  t = await createTestDatabase();
  ({ acmeId, betaId } = await buildPortfolio(t.db));
});
afterAll(async () => t.drop());

const ctx = () => ctxOn(t.db, AS_OF);
const DEFAULTS = riskSettingsOf({});

async function registerRows(action: string) {
  return t.db.query<{ debtor_id: number; reason: string; data: any }>(
    'select debtor_id, reason, data from register_entries where creditor_id = $1 and action = $2 order by seq',
    [acmeId, action],
  );
}

async function rossi() {
  return resolveDebtor(t.db, DEBTOR_VAT, acmeId);
}

describe('payment behaviour in SQL', () => {
  it('gives exactly the aggregates the core computes from the same history', async () => {
    const d = await rossi();
    const [a] = await assessDebtors(t.db, {
      creditorId: acmeId,
      debtorId: d.id,
      asOf: parseDate(AS_OF),
      settings: DEFAULTS,
    });
    expect(a!.behaviour).toEqual(aggregateBehaviour(RISK_HISTORY, RISK_AS_OF, 30));
  });
});

describe('risk score run', () => {
  it('classifies every debtor and records each first class in the register', async () => {
    const [acme, beta] = await scoreDebtors(ctx());
    // Rossi: 100 - 9 - 8 - 16 - 1 = 66; Bianchi: 100 - 15 (avg 93.5) - 15 (weighted 46.2) - 10 (1 of 2 late) = 60
    expect(acme!.changes.map((c) => [c.name, c.from, c.to, c.score])).toEqual([
      ['Rossi Costruzioni S.p.A.', null, 'under-observation', 66],
      ['Bianchi Impianti S.r.l.', null, 'under-observation', 60],
      ['Verdi Logistica S.r.l.', null, 'healthy', 100],
    ]);
    expect(acme!.classes).toEqual({ healthy: 1, 'under-observation': 2, 'to-avoid': 0 });
    // Beta's Rossi: Z-1 29 days open: 100 - 7 - 10 - 20 = 63
    expect(beta!.changes.map((c) => [c.to, c.score])).toEqual([['under-observation', 63]]);
    const rows = await registerRows('risk.class-changed');
    expect(rows.map((r) => [r.data.from, r.data.to, r.data.score])).toEqual([
      [null, 'under-observation', 66],
      [null, 'under-observation', 60],
      [null, 'healthy', 100],
    ]);
    expect(rows[0]!.data.factors.map((f: any) => [f.key, f.points])).toEqual([
      ['averageDaysBeyondTerms', -9],
      ['weightedDaysBeyondTerms', -8],
      ['shareLate', -16],
      ['trend', -1],
    ]);
    const [stored] = await t.db.query<any>(
      'select score, internal_score, class, scored_on from debtor_risk where creditor_id = $1 and debtor_id = $2',
      [acmeId, (await rossi()).id],
    );
    expect(stored).toEqual({ score: 66, internal_score: 66, class: 'under-observation', scored_on: AS_OF });
  });

  it('records nothing when run again on the same data', async () => {
    const [acme] = await scoreDebtors(ctx(), { creditorId: acmeId });
    expect(acme!.changes).toEqual([]);
    expect(await registerRows('risk.class-changed')).toHaveLength(3);
  });

  it('moves a debtor over its limit, under a stricter threshold, to "to avoid" and records why', async () => {
    const limit = await setCreditLimit(ctx(), { debtor: DEBTOR_VAT, creditorId: acmeId, amount: '1500.00' });
    expect(limit).toMatchObject({ status: 'set', creditLimit: '1500.00', previous: null });
    await updateRiskSettings(ctx(), acmeId, { toAvoidBelowScore: 55 });
    const [acme] = await scoreDebtors(ctx(), { creditorId: acmeId });
    // exposure 1600.00 over 1500.00: -15 -> 51 < 55
    expect(acme!.changes.map((c) => [c.name, c.from, c.to, c.score])).toEqual([
      ['Rossi Costruzioni S.p.A.', 'under-observation', 'to-avoid', 51],
    ]);
    const last = (await registerRows('risk.class-changed')).at(-1)!;
    expect(last.reason).toBe('score 51 as of 2026-06-30');
    expect(last.data.factors.find((f: any) => f.key === 'creditLimitUse')).toMatchObject({
      value: 106.7,
      points: -15,
    });
  });

  it('flags a chronic late payer with the evidence once the rule is met', async () => {
    await updateRiskSettings(ctx(), acmeId, { chronic: { minLateInstalments: 2, minSharePercent: 40 } });
    const [acme] = await scoreDebtors(ctx(), { creditorId: acmeId });
    expect(acme!.chronicLatePayers).toBe(1);
    const [flag] = await registerRows('risk.chronic-late-payer');
    expect(flag!.data.evidence).toEqual([
      {
        invoiceNumber: 'INV-2',
        dueDate: '2025-11-30',
        amount: '2000.00',
        open: '0.00',
        daysBeyondTerms: 40,
        settledOn: '2026-01-09',
      },
      {
        invoiceNumber: 'INV-3',
        dueDate: '2026-03-31',
        amount: '500.00',
        open: '500.00',
        daysBeyondTerms: 91,
        settledOn: null,
      },
    ]);
    const settings = riskSettingsOf(
      (await t.db.query<any>('select settings from creditors where id = $1', [acmeId]))[0].settings,
    );
    expect(settings).toEqual({
      healthyFromScore: 70,
      toAvoidBelowScore: 55,
      externalWeightPercent: 30,
      chronic: { minLateInstalments: 2, minDaysLate: 30, minSharePercent: 40 },
    });
  });

  it('shows one debtor live, with the ERP flags', async () => {
    const view = await showDebtorRisk(t.db, await rossi(), parseDate(AS_OF));
    expect(view).toMatchObject({
      score: 51,
      class: 'to-avoid',
      exposure: '1600.00',
      overdue: '800.00',
      creditLimit: '1500.00',
      isOverLimit: true,
      isToAvoid: true,
      canBuyOnCredit: false,
      isChronicLatePayer: true,
      recorded: { class: 'to-avoid', score: 51, scoredOn: AS_OF },
    });
    const verdi = await showDebtorRisk(t.db, await resolveDebtor(t.db, VERDI_VAT, acmeId), parseDate(AS_OF));
    expect([verdi.score, verdi.class, verdi.canBuyOnCredit, verdi.creditLimit]).toEqual([
      100,
      'healthy',
      true,
      null,
    ]);
  });
});

describe('external ratings', () => {
  const CSV = [
    'debtor,provider,rated_on,rating,score,scale_min,scale_max,higher_is_better',
    `${OTHER_DEBTOR_VAT.slice(2)},Cerved,2026-05-01,A2,8,1,10,true`,
    `${VERDI_VAT},Cerved,2026-05-01,C1,25,0,100,true`,
    `${VERDI_VAT},Cerved,2024-01-01,A1,99,0,100,true`,
  ].join('\n');

  it('imports, blends with the internal score and re-imports without change', async () => {
    const first = await importExternalRatings(ctx(), { creditorId: acmeId, csv: CSV, source: 'cerved.csv' });
    expect(first).toEqual({ lines: 3, inserted: 3, updated: 0, unchanged: 0 });
    const again = await importExternalRatings(ctx(), { creditorId: acmeId, csv: CSV, source: 'cerved.csv' });
    expect(again).toEqual({ lines: 3, inserted: 0, updated: 0, unchanged: 3 });
    const bianchi = await showDebtorRisk(
      t.db,
      await resolveDebtor(t.db, OTHER_DEBTOR_VAT, acmeId),
      parseDate(AS_OF),
    );
    // 8 on 1..10 -> round(100 x 7 / 9) = 78; (60 x 70 + 78 x 30) / 100 = 65.4 -> 65
    expect([bianchi.internalScore, bianchi.score, bianchi.class]).toEqual([60, 65, 'under-observation']);
    expect(bianchi.externalRating).toEqual({
      provider: 'Cerved',
      rating: 'A2',
      score: 78,
      ratedOn: '2026-05-01',
    });
    // Verdi: the 2026 rating is the latest in 12 months: (100 x 70 + 25 x 30) / 100 = 77.5 -> 78
    const verdi = await showDebtorRisk(t.db, await resolveDebtor(t.db, VERDI_VAT, acmeId), parseDate(AS_OF));
    expect([verdi.score, verdi.class]).toEqual([78, 'healthy']);
  });

  it('refuses the whole file for one bad line, naming it', async () => {
    const bad = `debtor,provider,rated_on,rating,score\n${VERDI_VAT},CRIF,2026-06-01,B,50\nIT00000000000,CRIF,2026-06-01,B,150\n`;
    await expect(
      importExternalRatings(ctx(), { creditorId: acmeId, csv: bad, source: 'x.csv' }),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      details: { field: 'line 3.score' },
    });
    const unknown = `debtor,provider,rated_on,rating,score\nIT05555555555,CRIF,2026-06-01,B,50\n`;
    await expect(
      importExternalRatings(ctx(), { creditorId: acmeId, csv: unknown, source: 'x.csv' }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
      details: { field: 'line 2.debtor' },
    });
    const [count] = await t.db.query<{ n: number }>(
      "select count(*)::int8 as n from external_ratings where provider = 'CRIF'",
    );
    expect(count?.n).toBe(0);
  });

  it('keeps tenants apart', async () => {
    const beta = await assessDebtors(t.db, {
      creditorId: betaId,
      debtorId: null,
      asOf: parseDate(AS_OF),
      settings: DEFAULTS,
    });
    expect(beta.map((b) => [b.row.name, b.behaviour.exposureCents, b.row.external_score])).toEqual([
      ['Rossi Costruzioni S.p.A.', 10_000, null],
    ]);
  });
});

describe('an old debt still open', () => {
  it('weighs in the score after the 12 months, in SQL as in the core', async () => {
    const c = ctxOn(t.db, AS_OF);
    const gamma = await addCreditor(c, { name: 'Gamma S.r.l.', vatNumber: 'IT05555555555' });
    await addInvoices(c, {
      number: 'G-1',
      issueDate: '2025-05-20',
      total: '100.00',
      debtor: { name: 'Verdi Logistica S.r.l.', vatNumber: VERDI_VAT },
      creditor: { vatNumber: 'IT05555555555' },
      instalments: [{ dueDate: '2025-06-19', amount: '100.00' }],
    });
    const [a] = await assessDebtors(t.db, {
      creditorId: gamma.id,
      debtorId: null,
      asOf: parseDate(AS_OF),
      settings: DEFAULTS,
    });
    const core = aggregateBehaviour(
      [{ invoiceNumber: 'G-1', dueDate: parseDate('2025-06-19'), amountCents: 10_000, allocations: [] }],
      parseDate(AS_OF),
      30,
    );
    expect(a!.behaviour).toEqual(core);
    // 376 days: avg -15 (cap), weighted -25 (cap), all late -20 -> 40
    expect([a!.assessment.score, a!.assessment.class]).toEqual([40, 'under-observation']);
  });
});
