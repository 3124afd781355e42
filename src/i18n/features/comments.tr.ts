// Turkish messages of the comments feature: typed against the English keys.
import type { commentsEn } from './comments.en.ts';

export const commentsTr: Record<keyof typeof commentsEn, string> = {
  'comments.nav': 'Yorumlar',
};
