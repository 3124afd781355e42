// slugify is shared by the server (ArticleService.suggestSlug) and the editor script (client/editor.ts): one function, one set of rules.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSlug, SLUG_MAX, slugify } from './text.ts';

describe('slugify', () => {
  it('transliterates Turkish letters in both cases', () => {
    expect(slugify('Işık tedavisi')).toBe('isik-tedavisi');
    expect(slugify('İNME SONRASI ŞİKÂYETLER')).toBe('inme-sonrasi-sikayetler');
    expect(slugify('ığüşöç ĞÜŞÖÇ')).toBe('igusoc-gusoc');
    expect(slugify('Kas spazmı neden olur?')).toBe('kas-spazmi-neden-olur');
    expect(slugify('I\u0307stanbul')).toBe('istanbul'); // İ typed as I + combining dot
  });

  it('turns everything else into single hyphens between words', () => {
    expect(slugify('  What causes — muscle spasm?! ')).toBe('what-causes-muscle-spasm');
    expect(slugify('Crème brûlée & café')).toBe('creme-brulee-cafe');
    expect(slugify('<script>alert(1)</script>')).toBe('script-alert-1-script');
    expect(slugify('!!!')).toBe('');
    expect(slugify('👩‍⚕️ ١٢٣')).toBe('');
  });

  it('cuts long titles at a word boundary', () => {
    const slug = slugify('uzun '.repeat(60));
    expect(slug.length).toBeLessThanOrEqual(SLUG_MAX);
    expect(slug.endsWith('-')).toBe(false);
    expect(slug.split('-').every((w) => w === 'uzun')).toBe(true);
  });

  it('always gives a valid slug or nothing, and is stable when applied again', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
        const slug = slugify(text);
        expect(slug === '' || isSlug(slug)).toBe(true);
        expect(slugify(slug)).toBe(slug);
      }),
      { numRuns: 500 },
    );
  });
});
