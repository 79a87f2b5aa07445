import type { Context } from 'hono';
import { invalid } from '../core/shared/errors.ts';

/** The request body as a JSON object ({} when empty); anything else is refused by name. */
export async function jsonObject(c: Context): Promise<Record<string, unknown>> {
  const text = await c.req.text();
  if (!text.trim()) return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw invalid('body', text.slice(0, 80), 'is not JSON');
  }
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw invalid('body', body, 'must be a JSON object');
  return body as Record<string, unknown>;
}
