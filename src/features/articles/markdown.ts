// Article Markdown → HTML with stable heading ids and a table of contents; plain text for search and reading time.
// Raw HTML stays disabled (markdown-it escapes it), so nothing a writer types can become markup or script.
import MarkdownIt, { type Token } from 'markdown-it';
import { slugify } from './text.ts';

const md = new MarkdownIt({ html: false, linkify: true, typographer: true });

export interface TocEntry {
  level: 2 | 3;
  id: string;
  text: string;
}

export interface RenderedArticle {
  html: string;
  toc: TocEntry[];
}

/** Ids the article page itself uses; a heading that would take one gets a suffix instead. */
const reservedIds = new Set(['main', 'comments', 'toc', 'toc-title', 'related', 'related-title', 'cta', 'cta-title', 'article-title', 'breadcrumb']);

function inlineText(token: Token | undefined): string {
  if (!token?.children) return token?.content ?? '';
  return token.children
    .map((child) => (child.type === 'text' || child.type === 'code_inline' ? child.content : child.type === 'softbreak' || child.type === 'hardbreak' ? ' ' : ''))
    .join('');
}

export function renderArticle(source: string): RenderedArticle {
  const tokens = md.parse(source, {});
  const toc: TocEntry[] = [];
  const used = new Set(reservedIds);
  for (const [i, token] of tokens.entries()) {
    if (token.type === 'heading_open' || token.type === 'heading_close') {
      // The page's title is the only h1; a "# Heading" in the body becomes a section heading.
      if (token.tag === 'h1') token.tag = 'h2';
    }
    if (token.type === 'heading_open') {
      const text = inlineText(tokens[i + 1]).trim();
      const base = slugify(text) || 'section';
      let id = base;
      for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
      used.add(id);
      token.attrSet('id', id);
      if (token.tag === 'h2' || token.tag === 'h3') toc.push({ level: token.tag === 'h2' ? 2 : 3, id, text });
    }
    for (const child of token.children ?? []) {
      if (child.type === 'link_open' && /^https?:\/\//i.test(String(child.attrGet('href') ?? ''))) child.attrSet('rel', 'external noopener noreferrer');
      if (child.type === 'image') {
        child.attrSet('loading', 'lazy');
        child.attrSet('decoding', 'async');
      }
    }
  }
  return { html: md.renderer.render(tokens, md.options, {}), toc };
}

/** The words a reader sees, without Markdown syntax: what search indexes and reading time counts. */
export function markdownPlainText(source: string): string {
  const parts: string[] = [];
  for (const token of md.parse(source, {})) {
    if (token.type === 'inline') parts.push(inlineText(token));
    else if (token.type === 'code_block' || token.type === 'fence') parts.push(token.content);
  }
  return parts.join('\n').replace(/[ \t]+/g, ' ').trim();
}

/** Minutes at about 200 words a minute, at least one. */
export function readingMinutes(plainText: string): number {
  const words = plainText.split(/\s+/).filter(Boolean).length;
  return Math.max(1, Math.round(words / 200));
}
