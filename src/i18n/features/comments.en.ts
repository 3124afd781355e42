// English messages of the comments feature (merged into the main catalog in ../en.ts).
export const commentsEn = {
  'comments.nav': 'Comments',
} as const satisfies Record<string, string>;
