import { API_KEY_PERMISSIONS, type TApiKeyPermission, type TPrincipal } from '../../core/security/roles.ts';
import { AppError, invalid } from '../../core/shared/errors.ts';
import type { TSql } from '../../db/database.ts';
import {
  findApiKeyByHash,
  insertApiKey,
  listApiKeyRows,
  revokeApiKey,
  type TApiKeyRow,
  touchApiKey,
} from '../../db/queries/api-keys.ts';
import type { TContext } from '../shared/context.ts';
import { recordSecurityEvent } from './security-events.ts';
import { randomToken, tokenHash } from './tokens.ts';
import { resolveCreditorRefs } from './user-input.ts';

export const API_KEY_PREFIX = 'rk_';

export type TApiKeyView = {
  id: number;
  creditorId: number;
  name: string;
  prefix: string;
  permissions: string[];
  createdBy: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

function toApiKeyView(row: TApiKeyRow): TApiKeyView {
  return {
    id: row.id,
    creditorId: row.creditor_id,
    name: row.name,
    prefix: row.token_prefix,
    permissions: row.permissions,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
  };
}

/** "read,write" → the list; write implies work (an ERP that writes may also record outcomes). */
export function parseApiKeyPermissions(value: unknown, field = 'permissions'): TApiKeyPermission[] {
  const list = Array.isArray(value) ? value.map(String) : String(value ?? '').split(',');
  const names = list.map((p) => p.trim()).filter(Boolean);
  if (names.length === 0)
    throw invalid(field, value ?? null, `must name at least one of ${API_KEY_PERMISSIONS.join(', ')}`);
  for (const name of names)
    if (!(API_KEY_PERMISSIONS as readonly string[]).includes(name))
      throw invalid(field, name, `is not one of ${API_KEY_PERMISSIONS.join(', ')}`);
  const set = new Set(names as TApiKeyPermission[]);
  if (set.has('write')) set.add('work');
  return API_KEY_PERMISSIONS.filter((p) => set.has(p));
}

/** Creates a key for one creditor; the token is returned here once and never stored in clear. */
export async function createApiKey(
  ctx: TContext,
  input: { creditor: unknown; permissions: unknown; name?: unknown },
): Promise<TApiKeyView & { token: string }> {
  const [creditorId] = await resolveCreditorRefs(
    ctx.db,
    input.creditor === undefined ? undefined : [input.creditor],
    'creditor',
  );
  if (creditorId === undefined) throw invalid('creditor', null, 'is required');
  const permissions = parseApiKeyPermissions(input.permissions);
  const token = `${API_KEY_PREFIX}${randomToken()}`;
  const name = typeof input.name === 'string' && input.name.trim() ? input.name.trim() : 'api key';
  return ctx.db.transaction(async (tx) => {
    const row = await insertApiKey(tx, {
      creditorId,
      name,
      tokenHash: tokenHash(token),
      tokenPrefix: token.slice(0, 10),
      permissions,
      createdBy: ctx.actor,
      now: ctx.now,
    });
    await recordSecurityEvent({ ...ctx, db: tx }, 'api-key.created', {
      subjectType: 'api-key',
      subjectId: row.id,
      creditorIds: [creditorId],
      data: { name, permissions },
    });
    return { ...toApiKeyView(row), token };
  });
}

export async function listApiKeys(db: TSql, creditorId: number | null): Promise<TApiKeyView[]> {
  return (await listApiKeyRows(db, creditorId)).map(toApiKeyView);
}

export async function revokeApiKeyById(ctx: TContext, creditorId: number, id: number): Promise<void> {
  if (!(await revokeApiKey(ctx.db, creditorId, id, ctx.now)))
    throw new AppError('NOT_FOUND', `id: ${id} is not an active API key of this creditor`, {
      field: 'id',
      value: id,
    });
  await recordSecurityEvent(ctx, 'api-key.revoked', {
    subjectType: 'api-key',
    subjectId: id,
    creditorIds: [creditorId],
  });
}

/** The principal behind a bearer token, or null when unknown or revoked. */
export async function apiKeyPrincipal(db: TSql, token: string, now: Date): Promise<TPrincipal | null> {
  if (!token.startsWith(API_KEY_PREFIX)) return null;
  const row = await findApiKeyByHash(db, tokenHash(token));
  if (!row || row.revoked_at) return null;
  await touchApiKey(db, row.creditor_id, row.id, now);
  return {
    kind: 'api-key',
    id: row.id,
    label: row.name,
    role: null,
    permissions: row.permissions as TApiKeyPermission[],
    creditorIds: [row.creditor_id],
  };
}
