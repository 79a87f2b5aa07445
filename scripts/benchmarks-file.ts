import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const HEADER = `# Benchmarks

Each section below is written by its benchmark script between \`<!-- bench:NAME -->\` and
\`<!-- /bench:NAME -->\`; a run replaces its own section and leaves the rest of the file alone.
`;

/** Replaces (or appends) the section `name` of a BENCHMARKS.md file. */
export function updateBenchmarkSection(path: string, name: string, body: string): void {
  const start = `<!-- bench:${name} -->`;
  const end = `<!-- /bench:${name} -->`;
  const block = `${start}\n${body.trim()}\n${end}`;
  const text = existsSync(path) ? readFileSync(path, 'utf8') : HEADER;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  const updated =
    from >= 0 && to > from
      ? text.slice(0, from) + block + text.slice(to + end.length)
      : `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(path, updated);
}
