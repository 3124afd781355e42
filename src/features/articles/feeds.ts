// Machine-readable outputs of the public site: the Atom feed per language, sitemap.xml and robots.txt.
import type { Locale } from '../../db/schema.ts';
import type { FeedModel, SitemapEntry } from './service.ts';

// Characters XML 1.0 does not allow at all (C0 controls but tab/newline/return, lone surrogates, U+FFFE/FFFF).
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g; // eslint-disable-line no-control-regex -- the point is to remove them

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text (or an attribute value) safe inside XML: disallowed characters dropped, markup characters escaped. */
export function xmlText(text: string): string {
  return text.replace(NOT_XML, '').replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);
}

const iso = (at: number) => new Date(at).toISOString();

export interface FeedContext {
  baseUrl: string;
  clinicName: string;
  title: string;
  feedPath: string;
}

export function atomFeed(model: FeedModel, ctx: FeedContext): string {
  const host = new URL(ctx.baseUrl).hostname;
  const updated = Math.max(model.indexUpdatedAt, ...model.entries.map((e) => e.updatedAt));
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${model.locale}" xml:base="${xmlText(ctx.baseUrl)}/">`,
    `  <title>${xmlText(ctx.title)}</title>`,
    `  <subtitle>${xmlText(model.indexSummary)}</subtitle>`,
    `  <id>${xmlText(ctx.baseUrl + model.indexPath)}</id>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlText(ctx.baseUrl + ctx.feedPath)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlText(ctx.baseUrl + model.indexPath)}"/>`,
    `  <updated>${iso(updated)}</updated>`,
    `  <author><name>${xmlText(ctx.clinicName)}</name></author>`,
  ];
  for (const e of model.entries) {
    lines.push(
      '  <entry>',
      `    <title>${xmlText(e.title)}</title>`,
      // A tag URI stays the same when the slug changes, so readers do not show a renamed article twice.
      `    <id>tag:${xmlText(host)},2026:articles/${e.id}/${model.locale}</id>`,
      `    <link rel="alternate" type="text/html" href="${xmlText(ctx.baseUrl + e.path)}"/>`,
      `    <published>${iso(e.publishedAt)}</published>`,
      `    <updated>${iso(e.updatedAt)}</updated>`,
      `    <author><name>${xmlText(e.authorName)}</name></author>`,
      ...(e.categoryName ? [`    <category term="${xmlText(e.categorySlug ?? '')}" label="${xmlText(e.categoryName)}"/>`] : []),
      `    <summary>${xmlText(e.summary)}</summary>`,
      `    <content type="html">${xmlText(e.html)}</content>`,
      '  </entry>',
    );
  }
  lines.push('</feed>', '');
  return lines.join('\n');
}

export function sitemapXml(entries: SitemapEntry[], baseUrl: string): string {
  const lines = ['<?xml version="1.0" encoding="utf-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">'];
  for (const e of entries) {
    lines.push('  <url>', `    <loc>${xmlText(baseUrl + e.path)}</loc>`);
    if (e.lastmod) lines.push(`    <lastmod>${iso(e.lastmod)}</lastmod>`);
    const alternates = Object.entries(e.alternates) as Array<[Locale, string]>;
    if (alternates.length > 1) {
      for (const [locale, path] of alternates) lines.push(`    <xhtml:link rel="alternate" hreflang="${locale}" href="${xmlText(baseUrl + path)}"/>`);
      if (e.alternates.tr) lines.push(`    <xhtml:link rel="alternate" hreflang="x-default" href="${xmlText(baseUrl + e.alternates.tr)}"/>`);
    }
    lines.push('  </url>');
  }
  lines.push('</urlset>', '');
  return lines.join('\n');
}

export function robotsTxt(baseUrl: string): string {
  return ['User-agent: *', 'Allow: /', 'Disallow: /admin', 'Disallow: /api', '', `Sitemap: ${baseUrl}/sitemap.xml`, ''].join('\n');
}
