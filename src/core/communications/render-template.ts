import { Liquid } from 'liquidjs';
import type { TTemplateText } from './default-templates.ts';
import { SAMPLE_CONTEXT, type TTemplateContext } from './template-context.ts';

/**
 * LiquidJS in strict mode: an unknown variable or filter is an error (never a blank), and only
 * the context's own properties are reachable (no prototype walking). Liquid cannot run code.
 * No file system: templates come from the database, `include`/`render` have nothing to read.
 */
const engine = new Liquid({
  strictVariables: true,
  strictFilters: true,
  ownPropertyOnly: true,
  lenientIf: true,
  relativeReference: false,
  templates: {},
});

/** Templates are short prose; this keeps a pasted novel or a loop bomb out. */
export const MAX_TEMPLATE_CHARS = 20_000;
const RENDER_LIMITS = { renderLimit: 1_000, memoryLimit: 1_000_000, parseLimit: MAX_TEMPLATE_CHARS * 2 };

export type TRenderedText = { subject: string; body: string; closing: string };

function renderPart(source: string, context: TTemplateContext): string {
  return engine.parseAndRenderSync(source, context as unknown as Record<string, unknown>, RENDER_LIMITS);
}

/** Subjects are one line: a template that renders newlines into a header is cut at the first. */
export function renderTemplate(text: TTemplateText, context: TTemplateContext): TRenderedText {
  return {
    subject: renderPart(text.subject, context).split('\n')[0]!.trim(),
    body: renderPart(text.body, context).trim(),
    closing: renderPart(text.closing, context).trim(),
  };
}

/** A second sample with the optional parts empty, so both branches of an `if` are checked. */
const SPARSE_SAMPLE: TTemplateContext = {
  ...SAMPLE_CONTEXT,
  interest: null,
  indemnity: null,
  creditor: { ...SAMPLE_CONTEXT.creditor, email: '', pec: '', phone: '', contacts: '' },
  debtor: { ...SAMPLE_CONTEXT.debtor, vat_number: '' },
};

/** The error of the first part that fails against the samples, or null when the template is sound. */
export function templateError(text: TTemplateText): { part: keyof TTemplateText; message: string } | null {
  for (const part of ['subject', 'body', 'closing'] as const) {
    if (text[part].length > MAX_TEMPLATE_CHARS)
      return { part, message: `longer than ${MAX_TEMPLATE_CHARS} characters` };
    for (const sample of [SAMPLE_CONTEXT, SPARSE_SAMPLE]) {
      try {
        renderPart(text[part], sample);
      } catch (error) {
        return { part, message: (error as Error).message.split('\n')[0]! };
      }
    }
  }
  return null;
}
