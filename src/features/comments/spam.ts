// The spam score: soft signals add points; at or above the threshold a comment goes to the spam queue instead of
// the pending one. Hard signals (honeypot, invalid or replayed proof of work, rate limits, too many links) never get
// here: they are refused outright. Pure: the service gathers the signals.

export interface SpamSignals {
  /** The browser solved the proof-of-work challenge (JavaScript on). */
  proofOfWork: boolean;
  /** The no-JavaScript form carried a valid render stamp. */
  formStamp: boolean;
  /** The same text (case, spacing and invisible characters aside) was sent recently. */
  duplicate: boolean;
  links: number;
  body: string;
  name: string;
}

export interface SpamVerdict {
  score: number;
  reasons: string[];
}

/** Words that in a rehabilitation clinic's comments almost only ever come from spam. */
const SPAM_WORDS = /\b(casino|bet(?:ting)?|viagra|cialis|crypto|bitcoin|forex|loan|seo|backlinks?|escort|porn|bahis|kumar|iddaa|kredi\s+kart[ıi]|takip[çc]i\s+sat)/iu;

export function spamScore(s: SpamSignals): SpamVerdict {
  const reasons: Array<[string, number]> = [];
  if (!s.proofOfWork) reasons.push(['no-proof-of-work', 30]);
  if (!s.proofOfWork && !s.formStamp) reasons.push(['no-form', 20]);
  if (s.duplicate) reasons.push(['duplicate', 60]);
  if (s.links > 0) reasons.push(['links', 10 * s.links]);
  if (SPAM_WORDS.test(s.body) || SPAM_WORDS.test(s.name)) reasons.push(['spam-words', 40]);
  if (/https?:\/\/|www\./i.test(s.name)) reasons.push(['link-in-name', 40]);
  const letters = s.body.replace(/[^\p{L}]/gu, '');
  if (letters.length >= 20 && letters === letters.toLocaleUpperCase('tr') && letters !== letters.toLocaleLowerCase('tr')) reasons.push(['shouting', 15]);
  return { score: reasons.reduce((sum, [, points]) => sum + points, 0), reasons: reasons.map(([r]) => r) };
}
