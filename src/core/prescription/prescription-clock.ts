import { addMonths, compareDates, daysBetween, type TCalendarDate } from '../shared/calendar-date.ts';
import { assertUnreachable } from '../shared/errors.ts';

/**
 * Limitation periods (prescrizione) of a receivable, per instalment.
 * - ordinary: 10 years (art. 2946 c.c.), the default;
 * - periodic: 5 years for what is payable periodically, yearly or shorter (art. 2948 n. 4);
 * - professional-fees: 3 years for professionals' fees (art. 2956 n. 2);
 * - payment-order: 10 years from a final judgment or payment order (art. 2953), whatever the
 *   period of the original credit.
 */
export const PRESCRIPTION_BASES = ['ordinary', 'periodic', 'professional-fees', 'payment-order'] as const;
export type TPrescriptionBasis = (typeof PRESCRIPTION_BASES)[number];

export function prescriptionYears(basis: TPrescriptionBasis): number {
  switch (basis) {
    case 'ordinary':
    case 'payment-order':
      return 10;
    case 'periodic':
      return 5;
    case 'professional-fees':
      return 3;
    default:
      return assertUnreachable(basis);
  }
}

/** Days before expiry at which the worklist warns, most distant first. */
export const PRESCRIPTION_WARNING_DAYS = [180, 90, 30] as const;

/**
 * What interrupts it (art. 2943 c.4 and 2944 c.c.): a written demand the debtor actually received
 * (registered letter: the delivery date; PEC: the date of the delivery receipt), an
 * acknowledgement of the debt by the debtor (a payment on account is one), a court claim. The
 * date is the day of delivery, not of sending: the demand is a receptive act (art. 1334).
 */
export const INTERRUPTION_KINDS = [
  'registered-letter',
  'pec',
  'acknowledgement',
  'payment',
  'court-claim',
] as const;
export type TInterruptionKind = (typeof INTERRUPTION_KINDS)[number];

export type TInterruption = { date: TCalendarDate; kind: TInterruptionKind; reference: string };

export type TInterruptionEffect = TInterruption & {
  effect: 'interrupted' | 'before-start' | 'after-expiry';
  /** The expiry after this event (unchanged when it had no effect). */
  expiresOn: TCalendarDate;
};

export type TPrescriptionClock = {
  startsOn: TCalendarDate;
  basis: TPrescriptionBasis;
  years: number;
  history: TInterruptionEffect[];
  expiresOn: TCalendarDate;
  daysLeft: number;
  isExpired: boolean;
  /** The nearest warning threshold reached (180, 90, 30 days), or null. */
  warningDays: number | null;
};

/**
 * Art. 2963 c.c.: a period of years ends on the day of the final year corresponding to the
 * starting day (29 February → 28 February in a common year); the starting day itself is not
 * counted. A period runs from the due date, when the right can be exercised (art. 2935), and
 * starts again from each interruption (art. 2945 c.1). An event after the expiry revives nothing.
 */
function expiryFrom(start: TCalendarDate, years: number): TCalendarDate {
  return addMonths(start, years * 12);
}

export function prescriptionClock(params: {
  dueDate: TCalendarDate;
  basis: TPrescriptionBasis;
  /** Overrides the basis's years when the invoice says so (configurable per invoice). */
  years?: number | null;
  interruptions: readonly TInterruption[];
  today: TCalendarDate;
}): TPrescriptionClock {
  const years = params.years ?? prescriptionYears(params.basis);
  let expiresOn = expiryFrom(params.dueDate, years);
  const history: TInterruptionEffect[] = [];
  const events = [...params.interruptions]
    .filter((e) => compareDates(e.date, params.today) <= 0)
    .sort((a, b) => compareDates(a.date, b.date));
  for (const event of events) {
    if (compareDates(event.date, params.dueDate) <= 0) {
      history.push({ ...event, effect: 'before-start', expiresOn });
    } else if (compareDates(event.date, expiresOn) > 0) {
      history.push({ ...event, effect: 'after-expiry', expiresOn });
    } else {
      expiresOn = expiryFrom(event.date, years);
      history.push({ ...event, effect: 'interrupted', expiresOn });
    }
  }
  const daysLeft = daysBetween(params.today, expiresOn);
  const reached = PRESCRIPTION_WARNING_DAYS.filter((d) => daysLeft >= 0 && daysLeft <= d);
  return {
    startsOn: params.dueDate,
    basis: params.basis,
    years,
    history,
    expiresOn,
    daysLeft,
    isExpired: daysLeft < 0,
    warningDays: reached.length > 0 ? Math.min(...reached) : null,
  };
}
