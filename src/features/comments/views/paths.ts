// Public addresses of the comments feature, per language.
import type { Locale } from '../../../db/schema.ts';
import { unsubscribePath } from '../service.ts';

export const commentPaths = {
  tr: { post: '/tr/yorumlar', notice: '/tr/yorumlar/aydinlatma-metni', reply: '/tr/yorumlar/yanitla', unsubscribe: unsubscribePath('tr') },
  en: { post: '/en/comments', notice: '/en/comments/privacy-notice', reply: '/en/comments/reply', unsubscribe: unsubscribePath('en') },
} as const satisfies Record<Locale, { post: string; notice: string; reply: string; unsubscribe: string }>;

export function replyPath(locale: Locale, commentId: number): string {
  return `${commentPaths[locale].reply}/${commentId}`;
}
