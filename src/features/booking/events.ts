// Appointment events: every change to an appointment is announced to listeners INSIDE the transaction that makes it,
// so what a listener writes (outbox messages, waitlist offers) commits or rolls back together with the change.
// Listeners must only write through the transaction they are given and must not do slow I/O (no sending here).
import type { Tx } from '../../db/connect.ts';

export const appointmentEventKinds = ['created', 'confirmed', 'moved', 'cancelled', 'checked_in', 'completed', 'no_show'] as const;
export type AppointmentEventKind = (typeof appointmentEventKinds)[number];

export interface AppointmentEvent {
  kind: AppointmentEventKind;
  appointmentId: number;
  /** When the change happened (the service's clock). */
  at: number;
  /** Who made it: the patient (public pages, manage link), the clinic (staff) or the system (e.g. a waitlist offer). */
  by: 'patient' | 'clinic' | 'system';
  /** The start and end before a move. */
  previous?: { start: number; end: number };
  /** On 'created' only: the patient's manage token in clear (it is stored only as a hash). */
  manageToken?: string;
  /** Staff member's id when by === 'clinic'. */
  staffId?: number;
  /** Cancellation reason, if one was given (never health data; not for patient messages). */
  reason?: string;
}

export type AppointmentListener = (tx: Tx, event: AppointmentEvent) => Promise<void>;

export class AppointmentEvents {
  readonly #listeners: AppointmentListener[] = [];

  /** Registers a listener; returns a function that removes it. */
  on(listener: AppointmentListener): () => void {
    this.#listeners.push(listener);
    return () => {
      const i = this.#listeners.indexOf(listener);
      if (i >= 0) this.#listeners.splice(i, 1);
    };
  }

  /** Called by the booking code inside its transaction; a listener's error fails (rolls back) the change. */
  async emit(tx: Tx, event: AppointmentEvent): Promise<void> {
    for (const listener of this.#listeners) await listener(tx, event);
  }
}
