// Back-office navigation: each entry names the permission it needs, so a role sees only what it may use.
import type { MessageKey } from '../../i18n/index.ts';
import type { Action } from './permissions.ts';

export interface NavItem {
  href: string;
  label: MessageKey;
  action: Action;
  /** Spoken label of the number a feature puts in request.navCounts[href] (e.g. "{count} waiting"). */
  countLabel?: MessageKey;
}

/** Later features (calendar, articles, comments, patients) add their entries here. */
export const backOfficeNav: NavItem[] = [
  { href: '/admin', label: 'admin.nav.dashboard', action: 'backoffice.view' },
  { href: '/admin/today', label: 'frontdesk.nav', action: 'appointments.view' },
  { href: '/admin/appointments', label: 'bookingPage.admin.nav', action: 'appointments.view' },
  { href: '/admin/waitlist', label: 'frontdesk.waitlist.nav', action: 'appointments.view' },
  { href: '/admin/calendar', label: 'calendar.nav', action: 'appointments.view' },
  { href: '/admin/reports/utilization', label: 'calendar.reports.nav', action: 'reports.view' },
  { href: '/admin/staff', label: 'admin.nav.staff', action: 'staff.view' },
  { href: '/admin/settings', label: 'admin.nav.settings', action: 'settings.manage' },
  { href: '/admin/resources', label: 'resources.nav', action: 'resources.manage' },
  { href: '/admin/content', label: 'editor.nav', action: 'content.edit' },
  { href: '/admin/privacy', label: 'privacy.nav', action: 'privacy.manage' },
  { href: '/admin/comments', label: 'comments.nav', action: 'comments.moderate', countLabel: 'comments.navCount' },
  { href: '/admin/messages', label: 'notifications.nav', action: 'messages.view' },
  { href: '/admin/audit', label: 'admin.nav.audit', action: 'audit.view' },
  { href: '/admin/account', label: 'admin.nav.account', action: 'backoffice.view' },
];
