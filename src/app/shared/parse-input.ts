import type { z } from 'zod';
import { AppError } from '../../core/shared/errors.ts';

/** Runs a zod schema and turns its first issue into an INVALID_INPUT error naming the field path. */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown, root = ''): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const path = [root, ...issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p)))]
    .filter(Boolean)
    .join('.')
    .replace(/\.\[/g, '[');
  let received: unknown = value;
  for (const key of issue.path)
    received = (received as Record<PropertyKey, unknown> | undefined)?.[key as PropertyKey];
  const field = path || 'input';
  throw new AppError(
    'INVALID_INPUT',
    `${field}: ${JSON.stringify(received) ?? 'undefined'} ${issue.message}`,
    {
      field,
      value: received,
      issues: result.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })),
    },
  );
}
