import { describe, expect, it } from 'vitest';
import { negotiateLocale, translator, upper } from './index.ts';

describe('i18n', () => {
  it('negotiates tr or en from Accept-Language by quality', () => {
    expect(negotiateLocale('en-GB,en;q=0.9')).toBe('en');
    expect(negotiateLocale('fr, en;q=0.1, tr;q=0.05')).toBe('en');
    expect(negotiateLocale('tr;q=0, en;q=0')).toBe('tr');
    expect(negotiateLocale('garbage;;;,,')).toBe('tr');
    expect(negotiateLocale(undefined, 'en')).toBe('en');
  });

  it('fills placeholders and upper-cases the Turkish way', () => {
    expect(translator('tr')('contact.call', { phone: '0216' })).toBe('0216 numarasını arayın');
    expect(upper('tr', 'istanbul ılık')).toBe('İSTANBUL ILIK');
  });
});
