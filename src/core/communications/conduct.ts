/**
 * Conduct rules (DOMAIN.md section 2): what a third party could see must not reveal a debt
 * collection, and a debtor is not contacted at night or too often. Pure: the clock is an argument.
 */

/** Words that must never appear in an e-mail subject (anyone looking at an inbox sees it). */
const REVEALING_WORDS =
  /recupero|credit[oi]\b|debit|insolut|moros|mora\b|sollecit|diffida|ingiunzion|legale|avvocat|debt|overdue|unpaid|arrear|collection|default|lawyer|legal|reminder/i;

export function revealingWord(subject: string): string | null {
  return REVEALING_WORDS.exec(subject)?.[0] ?? null;
}

export type TConductRules = {
  /** Local hour (Europe/Rome) from which nothing is sent... */
  quietFromHour: number;
  /** ...until this local hour. */
  quietToHour: number;
  /** Messages (actions, whatever the channels) per debtor in any 7 days. */
  weeklyCap: number;
};

/**
 * Defaults: nothing between 20:00 and 08:00, and at most 2 communications a week. No law fixes
 * calling hours (DOMAIN.md); courts saw harassment in several contacts a day, so two a week keeps
 * far from it while letting a reminder and a letter of the same week through.
 */
export const DEFAULT_CONDUCT: TConductRules = { quietFromHour: 20, quietToHour: 8, weeklyCap: 2 };

/** The hour in Italy for an instant. */
export function localHour(now: Date, timeZone = 'Europe/Rome'): number {
  const hour = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(now);
  return Number(hour);
}

export function isQuietHour(now: Date, rules: TConductRules): boolean {
  const h = localHour(now);
  return rules.quietFromHour > rules.quietToHour
    ? h >= rules.quietFromHour || h < rules.quietToHour
    : h >= rules.quietFromHour && h < rules.quietToHour;
}

/** When quiet hours are over: the next instant whose local hour is quietToHour (within 24 h). */
export function endOfQuietHours(now: Date, rules: TConductRules): Date {
  const t = new Date(now.getTime());
  t.setUTCMinutes(0, 0, 0);
  for (let i = 0; i < 25; i++) {
    t.setUTCHours(t.getUTCHours() + 1);
    if (localHour(t) === rules.quietToHour) return t;
  }
  return t;
}

export function parseConduct(settings: Record<string, unknown>): TConductRules {
  const raw = (settings.conduct ?? {}) as Partial<TConductRules>;
  const pick = (v: unknown, d: number, max: number) =>
    Number.isInteger(v) && (v as number) >= 0 && (v as number) <= max ? (v as number) : d;
  return {
    quietFromHour: pick(raw.quietFromHour, DEFAULT_CONDUCT.quietFromHour, 23),
    quietToHour: pick(raw.quietToHour, DEFAULT_CONDUCT.quietToHour, 23),
    weeklyCap: pick(raw.weeklyCap, DEFAULT_CONDUCT.weeklyCap, 100),
  };
}
