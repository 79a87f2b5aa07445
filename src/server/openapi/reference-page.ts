/**
 * A browsable reference rendered on the server from the OpenAPI document: plain HTML, no script
 * and nothing from a CDN (the CSP allows neither inline scripts nor other origins).
 */
const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!,
  );

type TOperation = {
  summary?: string;
  description?: string;
  parameters?: Array<{ name: string; in: string; description?: string }>;
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { description?: string; content?: Record<string, unknown> }>;
};

function queryList(op: TOperation): string {
  const query = (op.parameters ?? []).filter((p) => p.in === 'query');
  if (query.length === 0) return '';
  const items = query.map(
    (p) => `<li><code>${escapeHtml(p.name)}</code> ${escapeHtml(p.description ?? '')}</li>`,
  );
  return `<details><summary>Query parameters</summary><ul>${items.join('')}</ul></details>`;
}

function responseList(op: TOperation): string {
  const items = Object.entries(op.responses ?? {}).map(
    ([status, r]) =>
      `<li><code>${escapeHtml(status)}</code> ${escapeHtml(r.description ?? '')}${
        r.content ? ` <small>(${escapeHtml(Object.keys(r.content).join(', '))})</small>` : ''
      }</li>`,
  );
  return items.length > 0 ? `<details><summary>Responses</summary><ul>${items.join('')}</ul></details>` : '';
}

export function renderReferencePage(document: Record<string, unknown>): string {
  const paths = (document.paths ?? {}) as Record<string, Record<string, TOperation>>;
  const sections = Object.entries(paths)
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([path, operations]) =>
      Object.entries(operations).map(([method, op]) => {
        const schema = op.requestBody?.content?.['application/json']?.schema;
        return `<section><h2><code>${method.toUpperCase()} ${escapeHtml(path)}</code></h2><p>${escapeHtml(op.description ?? '')}</p>${
          schema
            ? `<details><summary>Request body</summary><pre>${escapeHtml(JSON.stringify(schema, null, 2))}</pre></details>`
            : ''
        }${queryList(op)}${responseList(op)}</section>`;
      }),
    );
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Riscossa API reference</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}h2{font-size:1rem;margin:1.5rem 0 .25rem}pre{background:#f4f4f4;padding:.5rem;overflow:auto}</style>
</head><body><h1>Riscossa API reference</h1><p>Machine-readable: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI 3.1).</p>${sections.join('\n')}</body></html>`;
}
