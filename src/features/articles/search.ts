// Search result text: snippets around the matched words, escaped first and only then marked with <mark>.
import { foldTurkish } from './text.ts';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** A word matches when its folded form starts with a (folded, stemmed) search term: the same rule the query uses. */
function matchingTerm(word: string, terms: readonly string[]): string | undefined {
  const folded = foldTurkish(word);
  return terms.find((t) => folded.startsWith(t));
}

interface WordSpan {
  start: number;
  end: number;
  term: string | undefined;
}

function wordSpans(text: string, terms: readonly string[]): WordSpan[] {
  const spans: WordSpan[] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}\p{M}]+/gu)) {
    spans.push({ start: m.index, end: m.index + m[0].length, term: matchingTerm(m[0], terms) });
  }
  return spans;
}

/** The whole text as safe HTML with every matching word in <mark>. */
export function highlight(text: string, terms: readonly string[]): string {
  let out = '';
  let at = 0;
  for (const span of wordSpans(text, terms)) {
    if (!span.term) continue;
    out += escapeHtml(text.slice(at, span.start)) + '<mark>' + escapeHtml(text.slice(span.start, span.end)) + '</mark>';
    at = span.end;
  }
  return out + escapeHtml(text.slice(at));
}

/**
 * About `size` words of the text around the passage that holds the most different search terms, as safe HTML with
 * the matches marked; undefined when the text holds none of them.
 */
export function snippet(text: string, terms: readonly string[], size = 30): string | undefined {
  const spans = wordSpans(text, terms);
  const hits = spans.flatMap((s, i) => (s.term ? [i] : []));
  if (hits.length === 0) return undefined;
  let best = { from: 0, score: -1 };
  for (const hit of hits) {
    const from = Math.max(0, hit - 5);
    const score = new Set(spans.slice(from, from + size).flatMap((s) => (s.term ? [s.term] : []))).size;
    if (score > best.score) best = { from, score };
  }
  const first = spans[best.from]!;
  const last = spans[Math.min(spans.length, best.from + size) - 1]!;
  const start = best.from === 0 ? 0 : first.start;
  const end = best.from + size >= spans.length ? text.length : last.end;
  const passage = text.slice(start, end).replace(/\s+/g, ' ').trim();
  return (start > 0 ? '… ' : '') + highlight(passage, terms) + (end < text.length ? ' …' : '');
}
