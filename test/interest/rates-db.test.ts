import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addRate } from '../../src/app/interest/add-rate.ts';
import { computeAmountInterest } from '../../src/app/interest/compute-amount-interest.ts';
import { loadRateTable } from '../../src/app/interest/rate-table.ts';
import { listInterestRates } from '../../src/db/queries/interest.ts';
import { ctxOn } from '../support/fixtures.ts';
import { createTestDatabase, type TTestDatabase } from '../support/test-database.ts';
import { DOMAIN_RATE_ROWS } from './rate-rows.ts';

let t: TTestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

describe('the rate table in the database', () => {
  it('is seeded with exactly the rows of DOMAIN.md, 2020 H1 and 2026 H2 unverified', async () => {
    expect(await loadRateTable(t.db)).toEqual(DOMAIN_RATE_ROWS);
    const unverified = (await listInterestRates(t.db))
      .filter((r) => !r.is_verified)
      .map((r) => r.period_start);
    expect(unverified).toEqual(['2020-01-01', '2026-07-01']);
  });

  it('refuses a row that is not ECB + 8 or does not start a semester, in the database itself', async () => {
    await expect(
      t.db.query(
        `insert into interest_rates (kind, period_start, reference_rate, rate, source, is_verified, added_by)
         values ('commercial', '2027-01-01', 2.00, 9.00, 'GU', true, 'test')`,
      ),
    ).rejects.toThrow(/check/);
    await expect(
      t.db.query(
        `insert into interest_rates (kind, period_start, reference_rate, rate, source, is_verified, added_by)
         values ('commercial', '2027-02-01', 2.00, 10.00, 'GU', true, 'test')`,
      ),
    ).rejects.toThrow(/check/);
  });

  it('computes on an amount with the seeded rates, to the cent', async () => {
    // Same case as the core test: 10,000.00 due 15 Jun 2025 to 31 Jan 2026 = 45.82 + 511.67 + 86.21.
    const result = await computeAmountInterest(t.db, {
      amount: '10000.00',
      from: '2025-06-15',
      to: '2026-01-31',
    });
    expect(result.total).toBe('643.70');
    expect(result.periods.map((p) => [p.from, p.to, p.days, p.ratePercent, p.interest, p.source])).toEqual([
      ['2025-06-16', '2025-06-30', 15, '11.15', '45.82', 'GU n. 63 del 17/03/2025'],
      ['2025-07-01', '2025-12-31', 184, '10.15', '511.67', 'GU n. 161 del 14/07/2025'],
      ['2026-01-01', '2026-01-31', 31, '10.15', '86.21', 'GU n. 15 del 20/01/2026'],
    ]);
  });

  it('refuses 2026 H2 until an administrator confirms it, then computes with it', async () => {
    const input = { amount: '10000.00', from: '2026-06-30', to: '2026-07-31' };
    await expect(computeAmountInterest(t.db, input)).rejects.toMatchObject({
      code: 'MISSING_RATE',
      message: expect.stringContaining('for 2026 H2 (10.40 %) is not verified'),
    });
    const allowed = await computeAmountInterest(t.db, { ...input, allowUnverifiedRates: true });
    expect([allowed.total, allowed.periods[0]!.isVerified]).toEqual(['88.33', false]);

    const ctx = ctxOn(t.db, '2026-11-23');
    const confirmed = await addRate(ctx, {
      kind: 'commercial',
      from: '2026-07-01',
      ecbRate: '2.40',
      source: 'GU n. 999 del 20/07/2026 (test)',
    });
    expect(confirmed).toMatchObject({
      status: 'confirmed',
      ratePercent: '10.40',
      ecbRate: '2.40',
      isVerified: true,
      addedBy: 'test',
    });
    expect(confirmed.replaced).toMatchObject({ is_verified: false, rate: '10.4000' });
    expect((await computeAmountInterest(t.db, input)).total).toBe('88.33');
  });

  it('never overwrites a verified rate, and adds a new semester', async () => {
    const ctx = ctxOn(t.db, '2026-11-23');
    await expect(
      addRate(ctx, { kind: 'commercial', from: '2026-01-01', ecbRate: '2.00', source: 'GU n. 1' }),
    ).rejects.toThrow(
      'from: "2026-01-01" already has a verified commercial rate of 10.15 % (GU n. 15 del 20/01/2026)',
    );
    expect(
      await addRate(ctx, {
        kind: 'commercial',
        from: '2026-01-01',
        ecbRate: '2.15',
        source: 'GU n. 15 del 20/01/2026',
      }),
    ).toMatchObject({ status: 'unchanged' });
    await expect(
      computeAmountInterest(t.db, { amount: '100', from: '2026-12-31', to: '2027-01-02' }),
    ).rejects.toThrow('no late-payment rate for 2027 H1');
    await addRate(ctx, {
      kind: 'commercial',
      from: '2027-01-01',
      ecbRate: '2.00',
      source: 'GU n. 12 del 16/01/2027 (test)',
    });
    // 100.00 for 2 days at 10 % = 0.0548 → 0.05.
    expect(
      (
        await computeAmountInterest(t.db, {
          amount: '100',
          from: '2026-12-31',
          to: '2027-01-02',
          allowUnverifiedRates: true,
        })
      ).periods.map((p) => [p.ratePeriod, p.days, p.interest]),
    ).toEqual([['2027 H1', 2, '0.05']]);
    await expect(
      addRate(ctx, { kind: 'legal', from: '2027-01-01', ecbRate: '1', source: 'x' }),
    ).rejects.toThrow('ecbRate: "1" does not apply to the legal rate');
    await expect(
      addRate(ctx, { kind: 'commercial', from: '2027-03-01', ecbRate: '1', source: 'x' }),
    ).rejects.toThrow('does not start a semester');
  });
});
