import { addDays, type TCalendarDate } from '../shared/calendar-date.ts';
import type {
  TCollectionState,
  TDecision,
  TEvidence,
  THoldFacts,
  TPlannedAction,
  TPolicyBook,
  TPromiseFacts,
  TStepRecord,
} from './case-state.ts';
import { decide } from './decide.ts';
import { isPreDueStep, type TPolicy, type TTaskKind } from './policy.ts';

/**
 * Tests of the pure core only: an in-memory stand-in for what the database stores (cases, steps,
 * tasks, promises, payments), applying each decision the way the run does. The application's
 * own tests use the real database.
 */
export const ALL_YES: TEvidence = {
  termsAgreed: 'yes',
  invoiceAccurate: 'yes',
  receiptConfirmed: 'yes',
  deliveryProof: 'yes',
  paymentInstructions: 'yes',
};

type TSimInstalment = {
  id: number;
  invoiceId: number;
  dueDate: TCalendarDate;
  amountCents: number;
  evidence: TEvidence;
  paymentMethod: string | null;
};
type TSimCase = {
  id: number;
  policyId: number;
  anchorDueDate: TCalendarDate;
  steps: Map<string, TStepRecord>;
  members: Set<number>;
  promises: TPromiseFacts[];
  brokenPromiseCount: number;
  isOpen: boolean;
};
export type TSimTask = {
  id: number;
  caseId: number;
  stepKey: string | null;
  kind: TTaskKind;
  isOpen: boolean;
  createdOn: TCalendarDate;
};
export type TLogEntry = { day: TCalendarDate; caseId: number; action: TPlannedAction };
export type TOutcome = 'no-answer' | 'promise' | 'dispute' | 'approved' | 'unreachable';

export class CollectionSimulator {
  today: TCalendarDate;
  readonly book: TPolicyBook;
  readonly instalments = new Map<number, TSimInstalment>();
  readonly payments: Array<{ instalmentId: number; cents: number; on: TCalendarDate }> = [];
  readonly disputes = new Set<number>();
  holds: THoldFacts[] = [];
  readonly cases: TSimCase[] = [];
  readonly tasks: TSimTask[] = [];
  readonly log: TLogEntry[] = [];
  /** Problems seen while applying decisions: order broken, a settled instalment contacted... */
  readonly violations: string[] = [];
  private nextId = 1;

  constructor(policy: TPolicy, today: TCalendarDate) {
    this.today = today;
    this.book = { policies: new Map([[1, policy]]), rules: [], defaultPolicyId: 1 };
  }

  addInstalment(invoiceId: number, dueDate: TCalendarDate, amountCents: number, evidence = ALL_YES): number {
    const id = this.nextId++;
    this.instalments.set(id, { id, invoiceId, dueDate, amountCents, evidence, paymentMethod: 'MP05' });
    return id;
  }

  outstanding(id: number): number {
    const paid = this.payments.filter((p) => p.instalmentId === id).reduce((s, p) => s + p.cents, 0);
    return this.instalments.get(id)!.amountCents - paid;
  }

  pay(id: number, cents: number): void {
    const amount = Math.min(cents, this.outstanding(id));
    if (amount > 0) this.payments.push({ instalmentId: id, cents: amount, on: this.today });
  }

  openCase(): TSimCase | undefined {
    return this.cases.find((c) => c.isOpen);
  }

  state(): TCollectionState {
    const open = this.openCase();
    const inClosedCase = new Set(this.cases.filter((c) => !c.isOpen).flatMap((c) => [...c.members]));
    const instalments = [...this.instalments.values()]
      .filter((i) => this.outstanding(i.id) > 0 && !inClosedCase.has(i.id))
      .map((i) => ({
        id: i.id,
        invoiceId: i.invoiceId,
        invoiceNumber: `INV-${i.invoiceId}`,
        dueDate: i.dueDate,
        amountCents: i.amountCents,
        outstandingCents: this.outstanding(i.id),
        paymentMethod: i.paymentMethod,
        evidence: i.evidence,
        caseId: open?.members.has(i.id) ? open.id : null,
        invoicePolicyId: null,
      }));
    return {
      debtor: { id: 1, country: 'IT', riskClass: null, customerGroup: null, policyId: null },
      instalments,
      disputedInvoiceIds: new Set(this.disputes),
      holds: this.holds,
      openCase: open
        ? {
            id: open.id,
            policyId: open.policyId,
            anchorDueDate: open.anchorDueDate,
            steps: [...open.steps.values()],
            openTaskCount: this.tasks.filter((t) => t.caseId === open.id && t.isOpen).length,
            promises: open.promises.map((p) => ({ ...p, paidSinceCents: this.paidSince(open, p) })),
            brokenPromiseCount: open.brokenPromiseCount,
          }
        : null,
    };
  }

  private paidSince(c: TSimCase, p: TPromiseFacts): number {
    return this.payments
      .filter((pay) => c.members.has(pay.instalmentId) && pay.on >= p.madeOn)
      .reduce((s, pay) => s + pay.cents, 0);
  }

  /** One run of the engine on `today`, applied. */
  run(): TDecision {
    const state = this.state();
    const decision = decide(state, this.book, this.today);
    let c = this.openCase();
    if (decision.openCase) {
      c = {
        id: this.nextId++,
        policyId: decision.openCase.policyId,
        anchorDueDate: decision.openCase.anchorDueDate,
        steps: new Map(),
        members: new Set(decision.openCase.instalmentIds),
        promises: [],
        brokenPromiseCount: 0,
        isOpen: true,
      };
      this.cases.push(c);
    }
    if (!c) return decision;
    for (const id of decision.joinInstalmentIds) c.members.add(id);
    for (const u of decision.promiseUpdates) c.promises.find((p) => p.id === u.promiseId)!.status = u.status;
    if (decision.isPromiseBroken) c.brokenPromiseCount += 1;
    const policy = this.book.policies.get(c.policyId)!;
    for (const action of decision.actions) this.apply(c, policy, state, action);
    if (decision.closeCase) c.isOpen = false;
    return decision;
  }

  private apply(c: TSimCase, policy: TPolicy, state: TCollectionState, action: TPlannedAction): void {
    const problem = (text: string) =>
      this.violations.push(`${this.today} case ${c.id} ${action.stepKey}: ${text}`);
    if (c.steps.has(action.stepKey)) problem('step taken twice');
    for (const earlier of policy.steps.slice(0, action.stepIndex)) {
      const record = c.steps.get(earlier.key);
      const isPassedOver = !record && isPreDueStep(earlier) && this.today > c.anchorDueDate;
      if (record?.state !== 'done' && !isPassedOver) problem(`taken before ${earlier.key} was done`);
    }
    for (const i of action.instalments) {
      if (this.outstanding(i.id) <= 0) problem(`instalment ${i.id} is settled`);
      const inst = this.instalments.get(i.id)!;
      if (this.disputes.has(inst.invoiceId)) problem(`instalment ${i.id} is disputed`);
      if (
        state.holds.some(
          (h) =>
            (h.invoiceId === null || h.invoiceId === inst.invoiceId) &&
            h.startsOn <= this.today &&
            (h.endsOn === null || this.today <= h.endsOn),
        )
      )
        problem(`instalment ${i.id} is on hold`);
    }
    if (action.status !== 'skipped' && action.instalments.length === 0) problem('no instalment to chase');
    const isWaiting = action.status === 'pending' || action.status === 'review';
    c.steps.set(action.stepKey, {
      stepKey: action.stepKey,
      state: isWaiting ? 'waiting' : 'done',
      isSkipped: action.status === 'skipped',
      createdOn: this.today,
      doneOn: isWaiting ? null : this.today,
    });
    for (const kind of action.taskKinds) {
      this.tasks.push({
        id: this.nextId++,
        caseId: c.id,
        stepKey: action.stepKey,
        kind,
        isOpen: true,
        createdOn: this.today,
      });
    }
    this.log.push({ day: this.today, caseId: c.id, action });
  }

  openTasks(): TSimTask[] {
    return this.tasks.filter((t) => t.isOpen);
  }

  /** An operator records a task's outcome on `today`. */
  complete(
    task: TSimTask,
    outcome: TOutcome,
    promise?: { dueDate: TCalendarDate; amountCents: number },
  ): void {
    task.isOpen = false;
    const c = this.cases.find((x) => x.id === task.caseId)!;
    if (
      task.stepKey &&
      !this.tasks.some((t) => t.stepKey === task.stepKey && t.caseId === c.id && t.isOpen)
    ) {
      const record = c.steps.get(task.stepKey)!;
      c.steps.set(task.stepKey, { ...record, state: 'done', doneOn: this.today });
    }
    if (outcome === 'promise' && promise) {
      c.promises.push({
        id: this.nextId++,
        planId: null,
        seq: 1,
        madeOn: this.today,
        dueDate: promise.dueDate,
        amountCents: promise.amountCents,
        status: 'pending',
        paidSinceCents: 0,
      });
    }
    if (outcome === 'dispute') {
      for (const id of c.members)
        if (this.outstanding(id) > 0) this.disputes.add(this.instalments.get(id)!.invoiceId);
    }
  }

  advance(days = 1): void {
    this.today = addDays(this.today, days);
  }
}
