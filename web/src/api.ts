/** The one way the app talks to the server: JSON, cookie session, CSRF header on unsafe methods. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: Record<string, unknown>;
  constructor(status: number, code: string, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export const UNAUTHENTICATED_EVENT = 'riscossa:unauthenticated';

export function csrfToken(): string | null {
  const match = /(?:^|;\s*)riscossa_csrf=([^;]+)/.exec(document.cookie);
  return match ? decodeURIComponent(match[1]!) : null;
}

export function unsafeHeaders(): Record<string, string> {
  const token = csrfToken();
  return token ? { 'X-CSRF-Token': token } : {};
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (method !== 'GET' && method !== 'HEAD') Object.assign(headers, unsafeHeaders());
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 204) return undefined as T;
  const data = (await response.json().catch(() => null)) as
    | (T & { code?: string; message?: string; details?: Record<string, unknown> })
    | null;
  if (!response.ok) {
    if (response.status === 401 && !path.startsWith('/api/v1/session') && !path.startsWith('/api/v1/public/'))
      window.dispatchEvent(new Event(UNAUTHENTICATED_EVENT));
    throw new ApiError(
      response.status,
      data?.code ?? 'INTERNAL',
      data?.message ?? response.statusText,
      data?.details ?? {},
    );
  }
  return data as T;
}

/** A query string from the defined values only. */
export function query(params: Record<string, string | number | boolean | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** A file the server answers to a POST (a merged PDF, a CSV), as a local URL for a download link. */
export async function apiFile(path: string, body: unknown): Promise<string> {
  const response = await fetch(path, {
    method: 'POST',
    headers: { ...unsafeHeaders(), 'Content-Type': 'application/json' },
    credentials: 'same-origin',
    body: JSON.stringify(body),
  });
  if (!response.ok) {
    const data = (await response.json().catch(() => null)) as { code?: string; message?: string } | null;
    throw new ApiError(response.status, data?.code ?? 'INTERNAL', data?.message ?? response.statusText);
  }
  return URL.createObjectURL(await response.blob());
}
