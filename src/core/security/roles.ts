/**
 * Roles and permissions: ONE table. A route needs one permission (see src/server/permissions.ts);
 * a principal (a user by role, or an API key by its list) holds a set of them.
 *
 * - read: see the data of the creditors one reaches
 * - work: work tasks, record outcomes (an operator's day)
 * - write: change the ledger, import, run collection, disputes, holds
 * - policies: change collection policies and webhook endpoints
 * - admin: users, creditors, API keys
 */
export const PERMISSIONS = ['read', 'work', 'write', 'policies', 'admin'] as const;
export type TPermission = (typeof PERMISSIONS)[number];

export const ROLES = [
  'administrator',
  'credit_manager',
  'operator',
  'agency_specialist',
  'read_only',
] as const;
export type TRole = (typeof ROLES)[number];

export const ROLE_PERMISSIONS: Record<TRole, readonly TPermission[]> = {
  administrator: ['read', 'work', 'write', 'policies', 'admin'],
  credit_manager: ['read', 'work', 'write', 'policies'],
  operator: ['read', 'work'],
  agency_specialist: ['read', 'work'],
  read_only: ['read'],
};

/** Permissions an API key may carry (never policies or admin: those stay with people). */
export const API_KEY_PERMISSIONS = ['read', 'work', 'write'] as const;
export type TApiKeyPermission = (typeof API_KEY_PERMISSIONS)[number];

/** Administrators reach every creditor; everyone else only the creditors listed for them. */
export function isAllCreditorsRole(role: TRole): boolean {
  return role === 'administrator';
}

/**
 * Who is acting on a request. `creditorIds` null means every creditor (administrators); an
 * empty list means none.
 */
export type TPrincipal = {
  kind: 'user' | 'api-key';
  id: number;
  label: string;
  role: TRole | null;
  permissions: readonly TPermission[];
  creditorIds: readonly number[] | null;
};

export function hasPermission(principal: TPrincipal, permission: TPermission): boolean {
  return principal.permissions.includes(permission);
}

export function reachesCreditor(principal: TPrincipal, creditorId: number): boolean {
  return principal.creditorIds === null || principal.creditorIds.includes(creditorId);
}

/** The actor written in the register for what a principal does. */
export function principalActor(principal: TPrincipal): string {
  return principal.kind === 'user' ? `user:${principal.label}` : `api-key:${principal.id}`;
}
