// English messages of the frontdesk feature (merged into the main catalog in ../en.ts).
export const frontdeskEn = {
  'frontdesk.nav': 'Front desk',
} as const satisfies Record<string, string>;
