import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError, ERROR_HTTP_STATUS } from '../core/shared/errors.ts';

/** One error shape for every route: {code, message, details}; internal details stay in the log. */
export function errorResponse(error: unknown, c: Context): Response {
  if (error instanceof AppError) {
    const status = ERROR_HTTP_STATUS[error.code] as ContentfulStatusCode;
    return c.json({ code: error.code, message: error.message, details: error.details }, status);
  }
  if (error instanceof SyntaxError) {
    return c.json({ code: 'INVALID_INPUT', message: 'the request body is not valid JSON', details: {} }, 400);
  }
  console.error(error);
  return c.json({ code: 'INTERNAL', message: 'internal error', details: {} }, 500);
}
