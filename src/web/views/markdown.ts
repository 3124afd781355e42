// Markdown written by staff → HTML, with raw HTML disabled so no markup can be injected.
import MarkdownIt from 'markdown-it';

const md = new MarkdownIt({ html: false, linkify: true, typographer: true });

export function markdownToHtml(source: string): string {
  return md.render(source);
}
