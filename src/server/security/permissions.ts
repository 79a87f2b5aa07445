import type { TPermission } from '../../core/security/roles.ts';

/**
 * THE permission table of the HTTP API: the first rule whose method and path match decides.
 * Anything not listed needs `read` for GET/HEAD and `write` for every other method, so a new
 * route is safe by default and only exceptions are written here.
 */
type TRule = { methods: readonly string[] | 'unsafe' | 'any'; path: RegExp; permission: TPermission };

const RULES: readonly TRule[] = [
  // People, keys and tenants: administrators only.
  { methods: 'any', path: /^\/api\/v1\/users(\/|$)/, permission: 'admin' },
  { methods: 'any', path: /^\/api\/v1\/api-keys(\/|$)/, permission: 'admin' },
  { methods: ['POST'], path: /^\/api\/v1\/creditors$/, permission: 'admin' },
  // A creditor's own data (name, address, IBAN, logo) shapes every letter: administrators and the
  // credit managers of that creditor (tenant scope in the route), never operators or API keys.
  { methods: ['PATCH'], path: /^\/api\/v1\/creditors\/[^/]+$/, permission: 'policies' },
  // The interest rate table is law and the same for every creditor: administrators only.
  { methods: 'unsafe', path: /^\/api\/v1\/rates(\/|$)/, permission: 'admin' },
  // Agency mode spans the client creditors of an agency (mandates, trust accounts, the TULPS
  // register, specialists): until agency staff are users of their own, administrators only.
  { methods: 'any', path: /^\/api\/v1\/(mandates|agency|specialists)(\/|$)/, permission: 'admin' },
  // Policies and webhook endpoints shape what is sent to debtors and to other systems.
  { methods: 'unsafe', path: /^\/api\/v1\/policies(\/|$)/, permission: 'policies' },
  { methods: 'unsafe', path: /^\/api\/v1\/conduct$/, permission: 'policies' },
  { methods: 'any', path: /^\/api\/v1\/webhooks(\/|$)/, permission: 'policies' },
  // An operator's day: work tasks, record outcomes, note a dispute the debtor raised.
  { methods: ['POST'], path: /^\/api\/v1\/tasks\/[^/]+\/complete$/, permission: 'work' },
  { methods: ['POST', 'DELETE'], path: /^\/api\/v1\/disputes$/, permission: 'work' },
  // A personal link for the debtor met on a call (and its revocation).
  { methods: ['POST'], path: /^\/api\/v1\/debtors\/[^/]+\/links$/, permission: 'work' },
  { methods: ['DELETE'], path: /^\/api\/v1\/links\/[^/]+$/, permission: 'work' },
  // Exports of a debtor's personal data and erasure.
  { methods: ['GET'], path: /^\/api\/v1\/debtors\/[^/]+\/personal-data$/, permission: 'write' },
  { methods: ['POST'], path: /^\/api\/v1\/debtors\/[^/]+\/anonymise$/, permission: 'admin' },
];

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isSafeMethod(method: string): boolean {
  return SAFE_METHODS.has(method.toUpperCase());
}

export function requiredPermission(method: string, path: string): TPermission {
  const m = method.toUpperCase();
  for (const rule of RULES) {
    const isMethodMatch =
      rule.methods === 'any' || (rule.methods === 'unsafe' ? !isSafeMethod(m) : rule.methods.includes(m));
    if (isMethodMatch && rule.path.test(path)) return rule.permission;
  }
  return isSafeMethod(m) ? 'read' : 'write';
}
