import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.ts';
import { adminHeaders, type TAuthHeaders } from '../support/api-auth.ts';
import { CREDITOR_VAT, DEBTOR_VAT, invoice, seedCreditor } from '../support/fixtures.ts';
import { createTestDatabase, type TTestDatabase } from '../support/test-database.ts';

/**
 * Generated request bodies and query strings through the whole HTTP layer, as an administrator
 * (so bodies reach the use cases): never a 500, and a refused request (4xx) writes nothing.
 * Tables that a refusal legitimately writes (security log, sessions, idempotency) are left out
 * of the fingerprint; register entries other than security events are in it.
 */
let t: TTestDatabase;
let app: ReturnType<typeof createApp>;
let admin: TAuthHeaders;
let fingerprintSql = '';

const NOT_DATA = new Set([
  'security_events',
  'sessions',
  'login_attempts',
  'idempotency_keys',
  'api_keys',
  'register_heads',
  'schema_migrations',
  'webhook_deliveries',
]);

beforeAll(async () => {
  t = await createTestDatabase();
  await seedCreditor(t.db);
  app = createApp({ db: t.db, clock: () => new Date('2026-04-07T10:00:00Z') });
  admin = await adminHeaders(t.db);
  await app.request('/api/v1/invoices', {
    method: 'POST',
    headers: { ...admin, 'content-type': 'application/json' },
    body: JSON.stringify([
      invoice({ number: 'F-1' }),
      invoice({ number: 'F-2', total: '50.00', instalments: [{ dueDate: '2026-03-01', amount: '50.00' }] }),
    ]),
  });
  const tables = await t.db.query<{ table_name: string }>(
    `select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by 1`,
  );
  fingerprintSql = `select md5(string_agg(h, '|' order by n)) as h from (${tables
    .filter((r) => !NOT_DATA.has(r.table_name))
    .map(
      (r) =>
        `select '${r.table_name}' as n, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from ${r.table_name} x${
          r.table_name === 'register_entries' ? " where action not like 'security.%'" : ''
        }`,
    )
    .join(' union all ')}) s`;
});
afterAll(() => t.drop());

const fingerprint = async () => (await t.db.query<{ h: string }>(fingerprintSql))[0]!.h;

const text = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom('', '0', '-1', '1e400', 'null', '2026-02-30', '../x', "'; drop table debtors; --"),
);
const date = fc.oneof(text, fc.constantFrom('2026-03-01', '2026-04-07', '1900-01-01', '9999-12-31'));
const amount = fc.oneof(
  text,
  fc.double(),
  fc.integer(),
  fc.constantFrom('10.00', '0.00', '-5.00', '99999999999999.99'),
);
const anyValue = fc.oneof(text, fc.integer(), fc.boolean(), fc.constant(null), fc.jsonValue({ maxDepth: 2 }));
const plausible = fc.record(
  {
    creditor: fc.oneof(fc.constant(CREDITOR_VAT), anyValue),
    debtor: fc.oneof(fc.constant(DEBTOR_VAT), anyValue),
    invoice: fc.oneof(fc.constantFrom('F-1', 'F-2'), anyValue),
    invoices: fc.oneof(fc.array(fc.constantFrom('F-1', 'F-2', 'nope')), anyValue),
    year: fc.oneof(fc.constant(2026), anyValue),
    amount,
    date,
    outcome: fc.oneof(fc.constantFrom('no-answer', 'promise', 'refused'), anyValue),
    reason: anyValue,
    dryRun: fc.oneof(fc.boolean(), anyValue),
    name: anyValue,
    vatNumber: fc.oneof(fc.constant(CREDITOR_VAT), anyValue),
    email: anyValue,
    password: anyValue,
    totp: anyValue,
  },
  { requiredKeys: [] },
);
const body = fc.oneof(
  plausible.map((b) => JSON.stringify(b)),
  fc
    .array(
      fc.record(
        { number: text, total: amount, creditor: fc.constant({ vatNumber: CREDITOR_VAT }) },
        { requiredKeys: [] },
      ),
      { maxLength: 3 },
    )
    .map((b) => JSON.stringify(b)),
  fc.jsonValue({ maxDepth: 3 }).map((b) => JSON.stringify(b)),
  fc.string({ maxLength: 40 }),
);
const query = fc
  .dictionary(
    fc.constantFrom(
      'creditor',
      'debtor',
      'invoice',
      'after',
      'limit',
      'asOf',
      'date',
      'status',
      'format',
      'kind',
      'amount',
      'from',
      'to',
      'year',
      'by',
      'warnings',
      'done',
      'on',
    ),
    fc.oneof(text, fc.constantFrom(CREDITOR_VAT, DEBTOR_VAT, 'F-1', '2026-03-01', 'csv', 'xlsx', 'true')),
    { maxKeys: 4 },
  )
  .map((q) => new URLSearchParams(q).toString());

function routes(methods: string[]) {
  const seen = new Set<string>();
  return app.routes.filter((r) => {
    const key = `${r.method} ${r.path}`;
    if (
      !methods.includes(r.method) ||
      !r.path.startsWith('/api/v1/') ||
      r.path === '/api/v1/imports' ||
      seen.has(key)
    )
      return false;
    seen.add(key);
    return true;
  });
}

const concrete = (path: string, id: string) => path.replace(':id', id).replace(':name', 'aging');

describe('fuzzing the HTTP layer', () => {
  it('answers generated bodies of every write route without a 500, and a refused one writes nothing', async () => {
    const failures: string[] = [];
    for (const route of routes(['POST', 'DELETE', 'PUT', 'PATCH'])) {
      await fc.assert(
        fc.asyncProperty(body, fc.constantFrom('1', '2', '999', 'x'), async (payload, id) => {
          const before = await fingerprint();
          const response = await app.request(concrete(route.path, id), {
            method: route.method,
            headers: { ...admin, 'content-type': 'application/json' },
            body: payload,
          });
          const answer = await response.text();
          if (response.status >= 500)
            failures.push(`${route.method} ${route.path} ${payload} → ${response.status} ${answer}`);
          if (response.status >= 400 && (await fingerprint()) !== before)
            failures.push(`${route.method} ${route.path} ${payload} → ${response.status} but data changed`);
          if (answer) expect(JSON.parse(answer)).toBeTypeOf('object');
        }),
        { numRuns: 25, seed: 4242 },
      );
    }
    expect(failures).toEqual([]);
  });

  it('answers generated query strings of every read route without a 500', async () => {
    const failures: string[] = [];
    for (const route of routes(['GET'])) {
      await fc.assert(
        fc.asyncProperty(query, fc.constantFrom('1', '999', 'IT00488410010', 'x'), async (q, id) => {
          const response = await app.request(`${concrete(route.path, id)}?${q}`, { headers: admin });
          if (response.status >= 500)
            failures.push(`GET ${route.path}?${q} → ${response.status} ${await response.text()}`);
        }),
        { numRuns: 25, seed: 4242 },
      );
    }
    expect(failures).toEqual([]);
  });
});
