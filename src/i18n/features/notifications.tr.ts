// Turkish messages of the notifications feature: typed against the English keys.
import type { notificationsEn } from './notifications.en.ts';

export const notificationsTr: Record<keyof typeof notificationsEn, string> = {
  'notifications.nav': 'Mesajlar',
};
