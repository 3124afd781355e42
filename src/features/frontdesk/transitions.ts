// The appointment state machine, pure: which action may move an appointment from which status to which, and when.
// requested → confirmed → checked_in → completed; requested/confirmed → cancelled or no_show. No I/O, no clock.

export const lifecycleStatuses = ['requested', 'confirmed', 'checked_in', 'completed', 'cancelled', 'no_show'] as const;
export type LifecycleStatus = (typeof lifecycleStatuses)[number];

export const lifecycleActions = ['confirm', 'check-in', 'complete', 'no-show', 'cancel'] as const;
export type LifecycleAction = (typeof lifecycleActions)[number];

/** Why a transition is refused; each has a message in both languages (frontdesk.refused.<reason>). */
export type Refusal = 'final' | 'notFromStatus' | 'tooEarlyToCheckIn' | 'notStartedYet';

const table: Record<LifecycleAction, { from: readonly LifecycleStatus[]; to: LifecycleStatus }> = {
  confirm: { from: ['requested'], to: 'confirmed' },
  // A caller who was never confirmed may still walk in: the desk checks them in from either state.
  'check-in': { from: ['requested', 'confirmed'], to: 'checked_in' },
  complete: { from: ['checked_in'], to: 'completed' },
  'no-show': { from: ['requested', 'confirmed'], to: 'no_show' },
  cancel: { from: ['requested', 'confirmed'], to: 'cancelled' },
};

const finalStatuses: readonly LifecycleStatus[] = ['completed', 'cancelled', 'no_show'];

export function isLifecycleAction(value: unknown): value is LifecycleAction {
  return typeof value === 'string' && (lifecycleActions as readonly string[]).includes(value);
}

export function isFinal(status: LifecycleStatus): boolean {
  return finalStatuses.includes(status);
}

export interface TransitionInput {
  status: LifecycleStatus;
  action: LifecycleAction;
  /** The appointment's start and the start of its local day in the clinic's zone (epoch ms). */
  start: number;
  dayStart: number;
  now: number;
}

export type TransitionResult = { ok: true; to: LifecycleStatus } | { ok: false; reason: Refusal };

/**
 * Decides one transition. Time rules: checking in is possible from the start of the appointment's day (clinic zone)
 * on, never for a later day; a no-show can only be recorded once the appointment has started.
 */
export function transition(input: TransitionInput): TransitionResult {
  const rule = table[input.action];
  if (!rule.from.includes(input.status)) return { ok: false, reason: isFinal(input.status) ? 'final' : 'notFromStatus' };
  if (input.action === 'check-in' && input.now < input.dayStart) return { ok: false, reason: 'tooEarlyToCheckIn' };
  if (input.action === 'no-show' && input.now < input.start) return { ok: false, reason: 'notStartedYet' };
  return { ok: true, to: rule.to };
}

/** The actions offered for a status (the time rules are left to transition()). */
export function actionsFrom(status: LifecycleStatus): LifecycleAction[] {
  return lifecycleActions.filter((a) => table[a].from.includes(status));
}

/** The event kind booking.events announces for the status an action leads to. */
export function eventKindFor(action: LifecycleAction): 'confirmed' | 'checked_in' | 'completed' | 'no_show' | 'cancelled' {
  switch (action) {
    case 'confirm':
      return 'confirmed';
    case 'check-in':
      return 'checked_in';
    case 'complete':
      return 'completed';
    case 'no-show':
      return 'no_show';
    case 'cancel':
      return 'cancelled';
  }
}
