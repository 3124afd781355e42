// The SQL twin of foldTurkish() (src/features/articles/text.ts) for the letters Turkish names use: ı/I/İ → i, ş → s,
// ğ → g, ç → c, ö → o, ü → u, then ASCII lower case — lower() folds ASCII alike on SQLite and PostgreSQL, so a column
// folded here compares with a query folded by foldTurkish() on both engines.
import { sql, type RawBuilder } from 'kysely';

const pairs: ReadonlyArray<readonly [string, string]> = [
  ['ı', 'i'], ['I', 'i'], ['İ', 'i'], ['ş', 's'], ['Ş', 's'], ['ğ', 'g'], ['Ğ', 'g'], ['ç', 'c'], ['Ç', 'c'], ['ö', 'o'], ['Ö', 'o'], ['ü', 'u'], ['Ü', 'u'],
];

export function foldedSql(column: string): RawBuilder<string> {
  let out: RawBuilder<unknown> = sql.ref(column);
  for (const [from, to] of pairs) out = sql`replace(${out}, ${from}, ${to})`;
  return sql<string>`lower(${out})`;
}

/**
 * The JavaScript twin of foldedSql() for a search text: the same Turkish letters replaced, then lower case. (Unlike
 * foldTurkish() it keeps other accents, as foldedSql() does: â stays â on both sides.)
 */
export function foldLikeSql(text: string): string {
  let out = text.normalize('NFC');
  for (const [from, to] of pairs) out = out.replaceAll(from, to);
  return out.toLowerCase();
}

/** A user's text as a LIKE pattern matched anywhere: the wildcards and the escape character are dropped. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[%_\\]/g, '')}%`;
}
