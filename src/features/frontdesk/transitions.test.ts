import { describe, expect, it } from 'vitest';
import { actionsFrom, eventKindFor, lifecycleActions, lifecycleStatuses, transition, type LifecycleAction, type LifecycleStatus } from './transitions.ts';

const HOUR = 3_600_000;
const dayStart = Date.UTC(2026, 11, 2, 21, 0); // 2026-12-03 00:00 in Istanbul
const start = dayStart + 13 * HOUR; // 13:00 local

const legal: Record<LifecycleAction, Partial<Record<LifecycleStatus, LifecycleStatus>>> = {
  confirm: { requested: 'confirmed' },
  'check-in': { requested: 'checked_in', confirmed: 'checked_in' },
  complete: { checked_in: 'completed' },
  'no-show': { requested: 'no_show', confirmed: 'no_show' },
  cancel: { requested: 'cancelled', confirmed: 'cancelled' },
};

describe('appointment transitions', () => {
  // After the start, so that no time rule interferes: only the table decides.
  const now = start + HOUR;

  for (const action of lifecycleActions) {
    for (const status of lifecycleStatuses) {
      const to = legal[action][status];
      it(`${action} from ${status} → ${to ?? 'refused'}`, () => {
        const result = transition({ status, action, start, dayStart, now });
        if (to) expect(result).toEqual({ ok: true, to });
        else {
          expect(result.ok).toBe(false);
          if (!result.ok) expect(result.reason).toBe(['completed', 'cancelled', 'no_show'].includes(status) ? 'final' : 'notFromStatus');
        }
      });
    }
  }

  it('allows check-in from the start of the appointment’s local day, not the evening before', () => {
    expect(transition({ status: 'confirmed', action: 'check-in', start, dayStart, now: dayStart - 1 })).toEqual({ ok: false, reason: 'tooEarlyToCheckIn' });
    expect(transition({ status: 'confirmed', action: 'check-in', start, dayStart, now: dayStart })).toEqual({ ok: true, to: 'checked_in' });
  });

  it('records a no-show only once the appointment has started', () => {
    expect(transition({ status: 'confirmed', action: 'no-show', start, dayStart, now: start - 1 })).toEqual({ ok: false, reason: 'notStartedYet' });
    expect(transition({ status: 'confirmed', action: 'no-show', start, dayStart, now: start })).toEqual({ ok: true, to: 'no_show' });
  });

  it('cancels and confirms regardless of the time', () => {
    expect(transition({ status: 'requested', action: 'cancel', start, dayStart, now: dayStart - 48 * HOUR }).ok).toBe(true);
    expect(transition({ status: 'requested', action: 'confirm', start, dayStart, now: dayStart - 48 * HOUR }).ok).toBe(true);
  });

  it('offers exactly the legal actions per status and names their events', () => {
    expect(actionsFrom('requested')).toEqual(['confirm', 'check-in', 'no-show', 'cancel']);
    expect(actionsFrom('confirmed')).toEqual(['check-in', 'no-show', 'cancel']);
    expect(actionsFrom('checked_in')).toEqual(['complete']);
    for (const s of ['completed', 'cancelled', 'no_show'] as const) expect(actionsFrom(s)).toEqual([]);
    expect(lifecycleActions.map(eventKindFor)).toEqual(['confirmed', 'checked_in', 'completed', 'no_show', 'cancelled']);
  });
});
