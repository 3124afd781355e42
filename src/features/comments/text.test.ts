import { describe, expect, it } from 'vitest';
import { spamScore } from './spam.ts';
import { bodyFingerprint, charCount, countLinks, linkify, normalizeBody, paragraphs } from './text.ts';

describe('comment text', () => {
  it('keeps what was typed, only unifying line endings and trimming', () => {
    expect(normalizeBody('  a\r\nb\rc \u0000 ')).toBe('a\nb\nc');
    expect(charCount('🙂İı')).toBe(3);
  });

  it('links only http(s) addresses, without the sentence’s trailing punctuation', () => {
    expect(linkify('see https://a.example/x?y=1. and javascript:alert(1)')).toEqual([
      { text: 'see ' },
      { href: 'https://a.example/x?y=1', text: 'https://a.example/x?y=1' },
      { text: '. and javascript:alert(1)' },
    ]);
    expect(linkify('(http://b.example)')).toEqual([{ text: '(' }, { href: 'http://b.example', text: 'http://b.example' }, { text: ')' }]);
  });

  it('splits paragraphs at blank lines and lines at line breaks', () => {
    expect(paragraphs('a\nb\n\n\nc').map((p) => p.map((line) => line.map((r) => r.text).join('')))).toEqual([['a', 'b'], ['c']]);
  });

  it('counts explicit and bare links', () => {
    expect(countLinks('https://a.example and www.spam.com and cheap.xyz/pills')).toBe(3);
    expect(countLinks('Kas spazmı neden olur? 3.5 gün sonra.')).toBe(0);
  });

  it('finds duplicates whatever the case, spacing or invisible characters (Turkish casing)', () => {
    expect(bodyFingerprint('IŞIK  terapisi\u200B')).toBe(bodyFingerprint('ışık terapisi'));
    expect(bodyFingerprint('ışık terapisi')).not.toBe(bodyFingerprint('isik terapisi'));
  });
});

describe('spam score', () => {
  const base = { proofOfWork: true, formStamp: false, duplicate: false, links: 0, body: 'Bir sorum var.', name: 'Ayşe' };
  it('is zero for a plain question sent with the proof of work', () => {
    expect(spamScore(base)).toEqual({ score: 0, reasons: [] });
  });
  it('adds up the signals', () => {
    expect(spamScore({ ...base, proofOfWork: false, formStamp: true }).reasons).toEqual(['no-proof-of-work']);
    const spam = spamScore({ ...base, proofOfWork: false, links: 2, body: 'BEST CASINO BONUS HERE TODAY ONLY', name: 'http://x.example' });
    expect(spam.reasons).toEqual(['no-proof-of-work', 'no-form', 'links', 'spam-words', 'link-in-name', 'shouting']);
    expect(spam.score).toBeGreaterThanOrEqual(100);
    expect(spamScore({ ...base, duplicate: true }).score).toBe(60);
  });
});
