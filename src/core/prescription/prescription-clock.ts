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
 *
 * A court claim interrupts LASTINGLY (art. 2945 c.2): the clock stands still while the case is
 * pending and a new period starts only when the judgment (or the payment order) becomes final
 * (`judgment-final`), 10 years for a final judgment (art. 2953). When the proceedings are
 * extinguished instead (`claim-extinguished`, art. 2945 c.3) the claim counts as an
 * instantaneous interruption: the new period runs from the day of the claim.
 */
export const INTERRUPTION_KINDS = [
  'registered-letter',
  'pec',
  'acknowledgement',
  'payment',
  'court-claim',
  'judgment-final',
  'claim-extinguished',
] as const;
export type TInterruptionKind = (typeof INTERRUPTION_KINDS)[number];

/** Art. 2953 c.c.: what a final judgment grants prescribes in ten years, whatever the original period. */
export const JUDGMENT_YEARS = 10;

export type TInterruption = { date: TCalendarDate; kind: TInterruptionKind; reference: string };

export type TInterruptionEffect = TInterruption & {
  /**
   * interrupted: a new period starts from it; suspended: a court claim stops the clock until the
   * judgment is final; during-claim: an event while the claim is pending changes nothing;
   * no-claim: a judgment-final/claim-extinguished with no pending claim to end (recorded, ignored);
   * before-start / after-expiry: too early or too late to interrupt anything.
   */
  effect: 'interrupted' | 'suspended' | 'during-claim' | 'no-claim' | 'before-start' | 'after-expiry';
  /** The expiry after this event (unchanged when it had no effect); null while a court claim is pending. */
  expiresOn: TCalendarDate | null;
};

export type TPrescriptionClock = {
  startsOn: TCalendarDate;
  basis: TPrescriptionBasis;
  /** The period now running: 10 after a final judgment (art. 2953). */
  years: number;
  history: TInterruptionEffect[];
  /** Null while a court claim is pending (art. 2945 c.2): nothing expires then. */
  expiresOn: TCalendarDate | null;
  daysLeft: number | null;
  isExpired: boolean;
  /** The day of the pending court claim that holds the clock, or null. */
  suspendedSince: TCalendarDate | null;
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
  let years = params.years ?? prescriptionYears(params.basis);
  let expiresOn = expiryFrom(params.dueDate, years);
  let claimOn: TCalendarDate | null = null;
  const history: TInterruptionEffect[] = [];
  const events = [...params.interruptions]
    .filter((e) => compareDates(e.date, params.today) <= 0)
    .sort((a, b) => compareDates(a.date, b.date));
  for (const event of events) {
    if (claimOn !== null) {
      // A pending claim: only its end moves the clock (art. 2945 c.2 and c.3).
      if (event.kind === 'judgment-final') {
        // A final judgment is a title of its own: 10 years (art. 2953), or the longer period agreed.
        years = Math.max(years, JUDGMENT_YEARS);
        expiresOn = expiryFrom(event.date, years);
        claimOn = null;
        history.push({ ...event, effect: 'interrupted', expiresOn });
      } else if (event.kind === 'claim-extinguished') {
        expiresOn = expiryFrom(claimOn, years);
        claimOn = null;
        history.push({ ...event, effect: 'interrupted', expiresOn });
      } else {
        history.push({ ...event, effect: 'during-claim', expiresOn: null });
      }
    } else if (event.kind === 'judgment-final') {
      // Recorded without its claim: the judgment still is a title for 10 years (art. 2953); a
      // final judgment also settles any prescription the debtor did not raise in the case.
      years = Math.max(years, JUDGMENT_YEARS);
      expiresOn = expiryFrom(event.date, years);
      history.push({ ...event, effect: 'interrupted', expiresOn });
    } else if (event.kind === 'claim-extinguished') {
      history.push({ ...event, effect: 'no-claim', expiresOn });
    } else if (compareDates(event.date, params.dueDate) <= 0) {
      history.push({ ...event, effect: 'before-start', expiresOn });
    } else if (compareDates(event.date, expiresOn) > 0) {
      history.push({ ...event, effect: 'after-expiry', expiresOn });
    } else if (event.kind === 'court-claim') {
      claimOn = event.date;
      history.push({ ...event, effect: 'suspended', expiresOn: null });
    } else {
      expiresOn = expiryFrom(event.date, years);
      history.push({ ...event, effect: 'interrupted', expiresOn });
    }
  }
  if (claimOn !== null) {
    return {
      startsOn: params.dueDate,
      basis: params.basis,
      years,
      history,
      expiresOn: null,
      daysLeft: null,
      isExpired: false,
      suspendedSince: claimOn,
      warningDays: null,
    };
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
    suspendedSince: null,
    warningDays: reached.length > 0 ? Math.min(...reached) : null,
  };
}
