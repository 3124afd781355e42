// Comment text as plain text: normalizing, duplicate fingerprints, links found in it, and the pieces a view renders
// (paragraphs, lines, text runs and http(s) links). Nothing here produces HTML: views escape every piece.
import { createHash } from 'node:crypto';

/** Line endings to \n, no NULs, trimmed; everything else is kept exactly as typed. */
export function normalizeBody(body: string): string {
  return body.replace(/\r\n?/g, '\n').replaceAll(String.fromCharCode(0), '').trim();
}

/** Length in characters as a reader counts them (code points, so an emoji is one, not two). */
export function charCount(text: string): number {
  return Array.from(text).length;
}

/** Same words, whatever the case, spacing or invisible characters: the duplicate-content fingerprint. */
export function bodyFingerprint(body: string): string {
  const folded = body
    .normalize('NFKC')
    .replace(/[\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g, '')
    .toLocaleLowerCase('tr')
    .replace(/\s+/g, ' ')
    .trim();
  return createHash('sha256').update(folded).digest('hex');
}

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'`]+/giu;
/** Bare domains also count against the link limit (spammers write them without a scheme). */
const BARE_DOMAIN = /\b(?:www\.)?[a-z0-9-]{2,63}\.(?:com|net|org|info|biz|ru|xyz|top|io|co|me|tr|online|site|shop|club|link|click)(?:\/\S*)?\b/giu;

/** Trailing punctuation belongs to the sentence, not the address. */
function trimUrl(url: string): string {
  return url.replace(/[.,;:!?)\]}'"»”’]+$/u, '');
}

export function countLinks(body: string): number {
  const explicit = [...body.matchAll(URL_PATTERN)].length;
  const withoutUrls = body.replace(URL_PATTERN, ' ');
  return explicit + [...withoutUrls.matchAll(BARE_DOMAIN)].length;
}

export type TextRun = { text: string } | { href: string; text: string };

/** Splits one line into text runs and http(s) links (only those two schemes ever become links). */
export function linkify(line: string): TextRun[] {
  const runs: TextRun[] = [];
  let last = 0;
  for (const match of line.matchAll(URL_PATTERN)) {
    const url = trimUrl(match[0]);
    const start = match.index;
    if (start > last) runs.push({ text: line.slice(last, start) });
    let valid: boolean;
    try {
      const parsed = new URL(url);
      valid = parsed.protocol === 'http:' || parsed.protocol === 'https:';
    } catch {
      valid = false;
    }
    runs.push(valid ? { href: url, text: url } : { text: url });
    last = start + url.length;
  }
  if (last < line.length) runs.push({ text: line.slice(last) });
  return runs;
}

/** Paragraphs (split at blank lines), each a list of lines, each a list of runs. */
export function paragraphs(body: string): TextRun[][][] {
  return body
    .split(/\n{2,}/)
    .filter((p) => p.trim() !== '')
    .map((p) => p.split('\n').map(linkify));
}

/** Up to `max` characters of a comment on one line, for lists and e-mails. */
export function excerpt(body: string, max = 140): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
