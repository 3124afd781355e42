// Turkish messages of the frontdesk feature: typed against the English keys.
import type { frontdeskEn } from './frontdesk.en.ts';

export const frontdeskTr: Record<keyof typeof frontdeskEn, string> = {
  'frontdesk.nav': 'Ön büro',
};
