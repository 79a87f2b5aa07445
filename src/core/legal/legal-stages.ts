import { onOrNextBusinessDay } from '../collection/business-calendar.ts';
import { addDays, type TCalendarDate } from '../shared/calendar-date.ts';
import { invalid } from '../shared/errors.ts';
import { termEnd } from './procedural-terms.ts';

/**
 * The legal phase after the out-of-court steps (seed 002): legal notice, petition for a payment
 * order (art. 633 c.p.c.), the order granted, served (within 60 days, art. 644), the opposition
 * window (40 days, art. 641), the order final (art. 647), enforcement (precetto art. 480,
 * pignoramento). Each stage is recorded when it happens; the deadlines follow from the dates.
 */
export const LEGAL_STAGES = [
  'legal-notice',
  'petition-filed',
  'order-granted',
  'order-served',
  'opposed',
  'order-final',
  'precetto-served',
  'pignoramento',
] as const;
export type TLegalStage = (typeof LEGAL_STAGES)[number];

/** The stage(s) one of which must already be recorded before this one (empty: none needed). */
const REQUIRES: Record<TLegalStage, readonly TLegalStage[]> = {
  'legal-notice': [],
  'petition-filed': [],
  'order-granted': ['petition-filed'],
  'order-served': ['order-granted'],
  opposed: ['order-served'],
  'order-final': ['order-served'],
  'precetto-served': ['order-final'],
  pignoramento: ['precetto-served'],
};

/** Days the legal notice gives to pay (customary, not a law): the notice states it. */
export const LEGAL_NOTICE_DAYS = 15;
export const SERVICE_DAYS = 60; // art. 644 c.p.c.
export const OPPOSITION_DAYS = 40; // art. 641 c.p.c.
export const PRECETTO_WAIT_DAYS = 10; // art. 482 c.p.c.
export const PRECETTO_LAPSE_DAYS = 90; // art. 481 c.p.c.
export const PIGNORAMENTO_SALE_REQUEST_DAYS = 45; // art. 497 c.p.c.

export type TLegalEvent = { stage: TLegalStage; on: TCalendarDate };

export type TLegalDeadline = {
  key:
    | 'notice-payment'
    | 'serve-order'
    | 'opposition-window'
    | 'enforcement-not-before'
    | 'precetto-lapses'
    | 'sale-request';
  /** The last day (or for `enforcement-not-before` the first day). */
  date: TCalendarDate;
  from: TLegalStage;
  basis: string;
  /** Met, missed, or still open on the day of the view. */
  status: 'open' | 'met' | 'missed';
};

function eventOn(events: readonly TLegalEvent[], stage: TLegalStage): TCalendarDate | null {
  return events.find((e) => e.stage === stage)?.on ?? null;
}

/** Every deadline the recorded stages imply, with its status on `today`. */
export function legalDeadlines(events: readonly TLegalEvent[], today: TCalendarDate): TLegalDeadline[] {
  const out: TLegalDeadline[] = [];
  const on = (s: TLegalStage) => eventOn(events, s);
  const status = (
    date: TCalendarDate,
    metBy: TCalendarDate | null,
    isLastDay = true,
  ): TLegalDeadline['status'] => {
    if (metBy) return !isLastDay || metBy <= date ? 'met' : 'missed';
    return today > date ? 'missed' : 'open';
  };
  const notice = on('legal-notice');
  if (notice) {
    const date = onOrNextBusinessDay(addDays(notice, LEGAL_NOTICE_DAYS));
    out.push({
      key: 'notice-payment',
      date,
      from: 'legal-notice',
      basis: `the legal notice's term to pay (${LEGAL_NOTICE_DAYS} days)`,
      status: on('petition-filed') ? 'met' : today > date ? 'missed' : 'open',
    });
  }
  const granted = on('order-granted');
  if (granted) {
    const date = termEnd(granted, SERVICE_DAYS, { summerSuspension: true });
    out.push({
      key: 'serve-order',
      date,
      from: 'order-granted',
      basis: 'art. 644 c.p.c.: served within 60 days of the grant, or the order is ineffective',
      status: status(date, on('order-served')),
    });
  }
  const served = on('order-served');
  if (served) {
    const date = termEnd(served, OPPOSITION_DAYS, { summerSuspension: true });
    const opposed = on('opposed');
    out.push({
      key: 'opposition-window',
      date,
      from: 'order-served',
      basis:
        'art. 641 c.p.c.: 40 days from service for the debtor to oppose; then the order becomes final (art. 647)',
      status: opposed ? 'met' : today > date ? 'met' : 'open',
    });
  }
  const precetto = on('precetto-served');
  if (precetto) {
    out.push({
      key: 'enforcement-not-before',
      date: addDays(precetto, PRECETTO_WAIT_DAYS + 1),
      from: 'precetto-served',
      basis: 'art. 482 c.p.c.: no enforcement before 10 days from the precetto',
      status: on('pignoramento') ? 'met' : 'open',
    });
    // VERIFY: the 90 days of art. 481 are treated as not subject to the summer suspension.
    const lapse = termEnd(precetto, PRECETTO_LAPSE_DAYS, { summerSuspension: false });
    out.push({
      key: 'precetto-lapses',
      date: lapse,
      from: 'precetto-served',
      basis: 'art. 481 c.p.c.: the precetto lapses if enforcement does not start within 90 days',
      status: status(lapse, on('pignoramento')),
    });
  }
  const pignoramento = on('pignoramento');
  if (pignoramento) {
    const date = termEnd(pignoramento, PIGNORAMENTO_SALE_REQUEST_DAYS, { summerSuspension: true });
    out.push({
      key: 'sale-request',
      date,
      from: 'pignoramento',
      basis: 'art. 497 c.p.c.: the attachment lapses without a request for sale or assignment within 45 days',
      status: today > date ? 'missed' : 'open',
    });
  }
  return out;
}

/**
 * Refuses a stage out of order, twice, before the stage it follows, or in breach of a dilatory
 * term (an order final before its opposition window closed; enforcement before 10 days from
 * the precetto). A late service is allowed but the view marks the deadline missed.
 */
export function checkStage(events: readonly TLegalEvent[], stage: TLegalStage, on: TCalendarDate): void {
  if (events.some((e) => e.stage === stage))
    throw invalid('stage', stage, 'is already recorded for this case');
  const required = REQUIRES[stage];
  if (required.length > 0) {
    const before = required.map((s) => eventOn(events, s)).find((d) => d !== null);
    if (!before) throw invalid('stage', stage, `needs ${required.join(' or ')} first`);
    if (on < before) throw invalid('date', on, `is before ${required.join(' or ')} (${before})`);
  }
  if (stage === 'order-final') {
    if (eventOn(events, 'opposed')) throw invalid('stage', stage, 'is not possible: the order was opposed');
    const window = termEnd(eventOn(events, 'order-served')!, OPPOSITION_DAYS, { summerSuspension: true });
    if (on <= window)
      throw invalid('date', on, `is within the opposition window (until ${window}, art. 641 c.p.c.)`);
  }
  if (stage === 'pignoramento') {
    const earliest = addDays(eventOn(events, 'precetto-served')!, PRECETTO_WAIT_DAYS + 1);
    if (on < earliest) throw invalid('date', on, `is before ${earliest} (art. 482 c.p.c.)`);
  }
}

/** The day after the opposition window closes: when to check no opposition was filed. */
export function oppositionReminderDate(servedOn: TCalendarDate): TCalendarDate {
  return addDays(termEnd(servedOn, OPPOSITION_DAYS, { summerSuspension: true }), 1);
}

export const CLOSING_OUTCOMES = ['paid', 'settled', 'written-off', 'uncollectable'] as const;
export type TClosingOutcome = (typeof CLOSING_OUTCOMES)[number];
