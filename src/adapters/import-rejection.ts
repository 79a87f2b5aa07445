/** One problem found in an imported file: `where` is an XML path, "line N" of a CSV, or a position. */
export type TImportIssue = { where: string; message: string };

/**
 * A file refused as a whole. It carries every problem found (a person fixes them in one go) and
 * is thrown inside the file's transaction, so nothing of the file is kept.
 */
export class ImportRejection extends Error {
  readonly issues: TImportIssue[];

  constructor(where: string | TImportIssue[], message?: string) {
    const issues = typeof where === 'string' ? [{ where, message: message ?? 'is invalid' }] : where;
    super(issues.map((i) => `${i.where}: ${i.message}`).join('; '));
    this.name = 'ImportRejection';
    this.issues = issues;
  }
}

/** Collects issues while a file is read, then throws them together. */
export class IssueList {
  readonly issues: TImportIssue[] = [];

  add(where: string, message: string): void {
    this.issues.push({ where, message });
  }

  /** Runs `fn`, recording an ImportRejection or a located error instead of stopping. */
  attempt<T>(where: string, fn: () => T): T | undefined {
    try {
      return fn();
    } catch (error) {
      if (error instanceof ImportRejection) this.issues.push(...error.issues);
      else {
        const message = error instanceof Error ? error.message : String(error);
        this.issues.push({
          where,
          message: message.startsWith(`${where}: `) ? message.slice(where.length + 2) : message,
        });
      }
      return undefined;
    }
  }

  throwIfAny(): void {
    if (this.issues.length > 0) throw new ImportRejection(this.issues);
  }
}
