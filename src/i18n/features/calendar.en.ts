// English messages of the calendar feature (merged into the main catalog in ../en.ts).
export const calendarEn = {
  'calendar.nav': 'Calendar',
} as const satisfies Record<string, string>;
