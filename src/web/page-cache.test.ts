import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { PageCache } from './page-cache.ts';

describe('PageCache', () => {
  it('renders once and serves the same bytes until cleared', async () => {
    const cache = new PageCache();
    let renders = 0;
    const render = () => Promise.resolve(`<p>${++renders}</p>`);
    const [a, b] = await Promise.all([cache.get('k', render), cache.get('k', render)]);
    expect(renders).toBe(1);
    expect(a).toBe(b);
    expect(a?.contentType).toBe('text/html; charset=utf-8');
    cache.clear();
    expect((await cache.get('k', render))?.identity.toString()).toBe('<p>2</p>');
  });

  it('keeps nothing for a missing page', async () => {
    const cache = new PageCache();
    expect(await cache.get('k', () => Promise.resolve(undefined))).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('renders again once an entry reaches its expiry, by the injected clock', async () => {
    let now = 1_000;
    const cache = new PageCache(10, () => now);
    let renders = 0;
    const render = () => Promise.resolve({ body: `v${++renders}`, contentType: 'application/xml; charset=utf-8', expiresAt: 2_000 });
    const first = await cache.get('k', render);
    expect(first?.contentType).toBe('application/xml; charset=utf-8');
    now = 1_999;
    expect(await cache.get('k', render)).toBe(first);
    now = 2_000;
    const second = await cache.get('k', render);
    expect(renders).toBe(2);
    expect(gunzipSync(second!.gzip).toString()).toBe('v2');
  });
});
