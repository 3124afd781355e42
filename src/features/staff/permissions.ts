// The one permission matrix: role → allowed actions. Every back-office route names the action it needs.
export const roles = ['admin', 'receptionist', 'therapist'] as const;
export type Role = (typeof roles)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (roles as readonly string[]).includes(value);
}

export const actions = [
  'backoffice.view', // dashboard, own account, own sessions, own second factor
  'staff.view',
  'staff.manage', // create, change role, deactivate, reset password, link practitioner
  'settings.manage',
  'audit.view',
  'appointments.view', // appointment lists with patient name and phone
  'clinical.view', // health data: intake answers (later the clinical record)
  'resources.manage', // practitioners, devices, rooms, their hours and exceptions; service rules; holidays
  'content.edit', // articles, public pages and service texts in the editor: drafts, previews, saving texts
  'content.publish', // article status changes: publish, schedule, unpublish, archive, delete
  'comments.moderate', // comment queues: approve, reject as spam, edit, delete, reply as the clinic
  'appointments.manage', // front desk: book for a caller, move, cancel, confirm, check in, complete, no-show; waitlist
  'appointments.attend', // check a patient in and complete the session (therapists do this at their own sessions)
  'calendar.viewAll', // every resource's calendar (without it: only the practitioner's own calendar)
  'reports.view', // device utilization and other reports
  'messages.view', // outgoing messages (outbox): status, attempts, errors, resend
  'privacy.manage', // data-subject requests: find a patient, see and export what is held, consent withdrawal, erasure
] as const;
export type Action = (typeof actions)[number];

const matrix: Record<Role, ReadonlySet<Action>> = {
  admin: new Set<Action>(actions),
  receptionist: new Set<Action>(['backoffice.view', 'staff.view', 'appointments.view', 'appointments.manage', 'appointments.attend', 'calendar.viewAll', 'reports.view', 'messages.view']),
  therapist: new Set<Action>(['backoffice.view', 'appointments.view', 'appointments.attend', 'clinical.view']),
};

export function can(role: Role, action: Action): boolean {
  return matrix[role].has(action);
}

/** Roles that must use a second factor regardless of the clinic-wide switch. */
export function totpAlwaysRequired(role: Role): boolean {
  return role === 'admin';
}
