// Back-office navigation: each entry names the permission it needs, so a role sees only what it may use.
import type { MessageKey } from '../../i18n/index.ts';
import type { Action } from './permissions.ts';

export interface NavItem {
  href: string;
  label: MessageKey;
  action: Action;
}

/** Later features (calendar, articles, comments, patients) add their entries here. */
export const backOfficeNav: NavItem[] = [
  { href: '/admin', label: 'admin.nav.dashboard', action: 'backoffice.view' },
  { href: '/admin/appointments', label: 'bookingPage.admin.nav', action: 'appointments.view' },
  { href: '/admin/staff', label: 'admin.nav.staff', action: 'staff.view' },
  { href: '/admin/settings', label: 'admin.nav.settings', action: 'settings.manage' },
  { href: '/admin/resources', label: 'resources.nav', action: 'resources.manage' },
  { href: '/admin/content', label: 'editor.nav', action: 'content.edit' },
  { href: '/admin/messages', label: 'notifications.nav', action: 'messages.view' },
  { href: '/admin/audit', label: 'admin.nav.audit', action: 'audit.view' },
  { href: '/admin/account', label: 'admin.nav.account', action: 'backoffice.view' },
];
