import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../../src/app/security/add-user.ts';
import { confirmTotpEnrolment, startTotpEnrolment } from '../../src/app/security/change-user.ts';
import { totpCode } from '../../src/app/security/totp.ts';
import { makeContext } from '../../src/app/shared/context.ts';
import { createApp } from '../../src/server/app.ts';
import { apiKeyHeaders, strongPassword, userHeaders } from '../support/api-auth.ts';
import { CREDITOR_VAT, seedCreditor } from '../support/fixtures.ts';
import { createTestDatabase, type TTestDatabase } from '../support/test-database.ts';

let t: TTestDatabase;
let now = new Date('2026-11-24T09:00:00Z');
let app: ReturnType<typeof createApp>;
const password = strongPassword();

beforeAll(async () => {
  t = await createTestDatabase();
  await seedCreditor(t.db);
  app = createApp({ db: t.db, clock: () => now });
  await addUser(makeContext(t.db, 'test', now), {
    email: 'Anna.Verdi@Example.it',
    name: 'Anna Verdi',
    role: 'credit_manager',
    creditors: [CREDITOR_VAT],
    password,
  });
});
afterAll(() => t.drop());

function cookiesOf(response: Response): Record<string, string> {
  const jar: Record<string, string> = {};
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const [name, value] = pair!.split('=');
    jar[name!] = value!;
  }
  return jar;
}

function logIn(body: unknown) {
  return app.request('/api/v1/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe('log-in, sessions and CSRF', () => {
  it('logs in with the two cookies, answers GET /session, refuses a write without the CSRF header, logs out', async () => {
    const response = await logIn({ email: 'anna.verdi@example.it', password });
    expect(response.status).toBe(200);
    const body = (await response.json()) as any;
    expect(body.user).toMatchObject({
      email: 'anna.verdi@example.it',
      name: 'Anna Verdi',
      role: 'credit_manager',
    });
    expect(body.user.creditorIds).toHaveLength(1);
    const setCookies = response.headers.getSetCookie();
    const session = setCookies.find((c) => c.startsWith('riscossa_session='))!;
    expect(session).toContain('HttpOnly');
    expect(session).toContain('SameSite=Strict');
    expect(session).toContain('Path=/');
    expect(session).not.toContain('Secure');
    const csrf = setCookies.find((c) => c.startsWith('riscossa_csrf='))!;
    expect(csrf).not.toContain('HttpOnly');

    const jar = cookiesOf(response);
    const cookie = `riscossa_session=${jar.riscossa_session}; riscossa_csrf=${jar.riscossa_csrf}`;
    const me = await app.request('/api/v1/session', { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as any).user.email).toBe('anna.verdi@example.it');
    expect((await app.request('/api/v1/debtors', { headers: { cookie } })).status).toBe(200);

    const noCsrf = await app.request('/api/v1/payments', { method: 'POST', headers: { cookie }, body: '{}' });
    expect(noCsrf.status).toBe(403);
    expect(((await noCsrf.json()) as any).code).toBe('CSRF');
    const wrongCsrf = await app.request('/api/v1/payments', {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': 'x'.repeat(43) },
      body: '{}',
    });
    expect(wrongCsrf.status).toBe(403);
    const withCsrf = await app.request('/api/v1/payments', {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': jar.riscossa_csrf!, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(withCsrf.status).toBe(400); // past authentication: the body itself is refused

    expect((await app.request('/api/v1/session', { method: 'DELETE', headers: { cookie } })).status).toBe(
      204,
    );
    expect((await app.request('/api/v1/session', { headers: { cookie } })).status).toBe(401);
    expect((await app.request('/api/v1/debtors', { headers: { cookie } })).status).toBe(401);
  });

  it('refuses wrong credentials with one generic 401, and unauthenticated API calls', async () => {
    for (const body of [
      { email: 'anna.verdi@example.it', password: 'wrong password here' },
      { email: 'nobody@example.it', password },
      { email: 42 },
    ]) {
      const response = await logIn(body);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({
        code: 'UNAUTHENTICATED',
        message: 'e-mail, password or one-time code not accepted',
        details: {},
      });
    }
    const anonymous = await app.request('/api/v1/creditors');
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as any).code).toBe('UNAUTHENTICATED');
    expect((await app.request('/api/health')).status).toBe(200);
    const [failures] = await t.db.query<{ n: number }>(
      "select count(*)::int8 as n from security_events where action = 'login.failed'",
    );
    expect(failures!.n).toBe(3);
  });

  it('ends a session after 30 idle minutes and 12 hours after log-in', async () => {
    now = new Date('2026-11-24T10:00:00Z');
    const jar = cookiesOf(await logIn({ email: 'anna.verdi@example.it', password }));
    const cookie = `riscossa_session=${jar.riscossa_session}`;
    now = new Date('2026-11-24T10:29:00Z');
    expect((await app.request('/api/v1/session', { headers: { cookie } })).status).toBe(200);
    now = new Date('2026-11-24T10:58:00Z'); // 29 minutes after the last request
    expect((await app.request('/api/v1/session', { headers: { cookie } })).status).toBe(200);
    now = new Date('2026-11-24T11:29:00Z'); // 31 idle minutes
    expect((await app.request('/api/v1/session', { headers: { cookie } })).status).toBe(401);

    now = new Date('2026-11-24T12:00:00Z');
    const jar2 = cookiesOf(await logIn({ email: 'anna.verdi@example.it', password }));
    const cookie2 = `riscossa_session=${jar2.riscossa_session}`;
    for (let minutes = 25; minutes <= 12 * 60; minutes += 25) {
      now = new Date(Date.parse('2026-11-24T12:00:00Z') + minutes * 60_000);
      const status = (await app.request('/api/v1/session', { headers: { cookie: cookie2 } })).status;
      expect(status).toBe(minutes < 12 * 60 ? 200 : 401);
    }
    now = new Date('2026-11-25T00:01:00Z');
    expect((await app.request('/api/v1/session', { headers: { cookie: cookie2 } })).status).toBe(401);
  });

  it('locks the account after 5 failures (even the right password is refused), then the rate limit answers 429', async () => {
    now = new Date('2026-11-25T08:00:00Z');
    const ctx = makeContext(t.db, 'test', now);
    const other = strongPassword();
    await addUser(ctx, {
      email: 'lock@example.it',
      name: 'Lock',
      role: 'read_only',
      creditors: [CREDITOR_VAT],
      password: other,
    });
    for (let i = 0; i < 5; i++)
      expect((await logIn({ email: 'lock@example.it', password: 'nope nope nope' })).status).toBe(401);
    expect((await logIn({ email: 'lock@example.it', password: other })).status).toBe(401);
    const [user] = await t.db.query<{ locked_until: Date }>(
      "select locked_until from users where email = 'lock@example.it'",
    );
    expect(user!.locked_until.toISOString()).toBe('2026-11-25T08:15:00.000Z');
    for (let i = 0; i < 4; i++) await logIn({ email: 'lock@example.it', password: 'nope nope nope' });
    const limited = await logIn({ email: 'lock@example.it', password: other });
    expect(limited.status).toBe(429);
    expect(((await limited.json()) as any).code).toBe('RATE_LIMITED');
    now = new Date('2026-11-25T08:31:00Z'); // the failures aged out of the window, the lock expired
    expect((await logIn({ email: 'lock@example.it', password: other })).status).toBe(200);
  });

  it('asks for the one-time code once TOTP is enrolled', async () => {
    now = new Date('2026-11-25T09:00:00Z');
    const ctx = makeContext(t.db, 'test', now);
    const secret = await startTotpEnrolment(ctx, 'anna.verdi@example.it');
    expect(secret.uri).toMatch(/^otpauth:\/\/totp\/Riscossa:anna\.verdi%40example\.it\?/);
    await expect(confirmTotpEnrolment(ctx, 'anna.verdi@example.it', '000000')).rejects.toThrow(/code/);
    await confirmTotpEnrolment(ctx, 'anna.verdi@example.it', totpCode(secret.secret, now));
    const without = await logIn({ email: 'anna.verdi@example.it', password });
    expect(without.status).toBe(401);
    expect(((await without.json()) as any).details).toEqual({ field: 'totp', totpRequired: true });
    expect((await logIn({ email: 'anna.verdi@example.it', password, totp: '123456' })).status).toBe(401);
    const ok = await logIn({ email: 'anna.verdi@example.it', password, totp: totpCode(secret.secret, now) });
    expect(ok.status).toBe(200);
  });

  it('refuses weak and common passwords', async () => {
    const ctx = makeContext(t.db, 'test', now);
    for (const weak of [
      'short1!',
      'password1234',
      'qwertyuiop123',
      'aaaaaaaaaaaaaa',
      'juventus2026!',
      'weak.user.name@x',
    ]) {
      await expect(
        addUser(ctx, { email: 'weak.user.name@x.it', name: 'W', role: 'read_only', password: weak }),
      ).rejects.toMatchObject({ code: 'INVALID_INPUT', details: { field: 'password', value: '(hidden)' } });
    }
    const [row] = await t.db.query<{ password_hash: string }>(
      "select password_hash from users where email = 'lock@example.it'",
    );
    expect(row!.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });
});

describe('API keys and permissions', () => {
  it('authenticates a bearer key without CSRF, within its permissions', async () => {
    now = new Date();
    const read = await apiKeyHeaders(t.db, CREDITOR_VAT, ['read']);
    expect((await app.request('/api/v1/debtors', { headers: read })).status).toBe(200);
    const refused = await app.request('/api/v1/payments', { method: 'POST', headers: read, body: '{}' });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: 'FORBIDDEN', details: { permission: 'write' } });
    const write = await apiKeyHeaders(t.db, CREDITOR_VAT, ['write']);
    expect(
      (await app.request('/api/v1/payments', { method: 'POST', headers: write, body: '{}' })).status,
    ).toBe(400);
    expect(
      (await app.request('/api/v1/debtors', { headers: { authorization: 'Bearer rk_unknown' } })).status,
    ).toBe(401);
    const [denied] = await t.db.query<{ n: number }>(
      "select count(*)::int8 as n from security_events where action = 'permission.denied'",
    );
    expect(denied!.n).toBe(1);
  });

  it('keeps read_only from writing and an operator from creating creditors', async () => {
    const readOnly = await userHeaders(t.db, { role: 'read_only', creditors: [CREDITOR_VAT] });
    expect(
      (await app.request('/api/v1/payments', { method: 'POST', headers: readOnly, body: '{}' })).status,
    ).toBe(403);
    const operator = await userHeaders(t.db, { role: 'operator', creditors: [CREDITOR_VAT] });
    const created = await app.request('/api/v1/creditors', {
      method: 'POST',
      headers: { ...operator, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Other', vatNumber: 'IT02438750586' }),
    });
    expect(created.status).toBe(403);
  });

  it('sends security headers and no-store on API answers', async () => {
    const response = await app.request('/api/health');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(response.headers.get('strict-transport-security')).toBeNull();
    const tls = await app.request('https://riscossa.example/api/health');
    expect(tls.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
  });
});
