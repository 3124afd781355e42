// English messages of the notifications feature (merged into the main catalog in ../en.ts).
export const notificationsEn = {
  'notifications.nav': 'Messages',
} as const satisfies Record<string, string>;
