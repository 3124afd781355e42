// Seeds the demo article categories and articles (both languages, published in the past) inside the demo transaction.
import type { Tx } from '../connect.ts';
import { createArticleTx, createCategoryTx } from '../../features/articles/service.ts';
import { demoArticles, demoCategories } from './demo-articles.ts';

const DAY = 24 * 60 * 60 * 1000;

export async function seedArticles(tx: Tx, now: number): Promise<void> {
  for (const [i, c] of demoCategories.entries()) {
    await createCategoryTx(tx, { key: c.key, sortOrder: i, translations: { tr: c.tr, en: c.en } }, now);
  }
  for (const a of demoArticles) {
    const publishedAt = now - a.publishedDaysAgo * DAY;
    const updatedAt = now - a.updatedDaysAgo * DAY;
    const text = (t: (typeof a)['tr']) => ({ slug: t.slug, title: t.title, summary: t.summary, bodyMd: t.body, coverAlt: t.coverAlt, publishedAt, updatedAt });
    await createArticleTx(
      tx,
      {
        key: a.key,
        categoryKey: a.category,
        authorName: a.author,
        editorName: a.editor,
        commentsEnabled: true,
        status: 'published',
        publishAt: publishedAt,
        translations: { tr: text(a.tr), en: text(a.en) },
      },
      now,
    );
  }
}
