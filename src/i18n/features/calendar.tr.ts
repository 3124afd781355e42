// Turkish messages of the calendar feature: typed against the English keys.
import type { calendarEn } from './calendar.en.ts';

export const calendarTr: Record<keyof typeof calendarEn, string> = {
  'calendar.nav': 'Takvim',
};
