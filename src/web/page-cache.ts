// Rendered public pages, pre-compressed once and served as the same bytes to everyone until content changes.
import type { CompressedBody } from './compressed.ts';
import { compressBody } from './compressed.ts';

export class PageCache {
  readonly #entries = new Map<string, CompressedBody>();
  readonly #pending = new Map<string, Promise<CompressedBody | undefined>>();
  #generation = 0;

  constructor(private readonly maxEntries = 2000) {}

  get size(): number {
    return this.#entries.size;
  }

  clear(): void {
    this.#entries.clear();
    this.#pending.clear();
    this.#generation++;
  }

  /** Returns the cached page for key, rendering it once (concurrent misses share one render). undefined = no such page. */
  async get(key: string, render: () => Promise<string | undefined>): Promise<CompressedBody | undefined> {
    const hit = this.#entries.get(key);
    if (hit) return hit;
    const inFlight = this.#pending.get(key);
    if (inFlight) return inFlight;
    const generation = this.#generation;
    const promise = render()
      .then((html) => {
        if (html === undefined) return undefined;
        const body = compressBody(html, 'text/html; charset=utf-8');
        // A page rendered from content that changed meanwhile is served once but not kept.
        if (generation === this.#generation) {
          if (this.#entries.size >= this.maxEntries) this.#entries.delete(this.#entries.keys().next().value!);
          this.#entries.set(key, body);
        }
        return body;
      })
      .finally(() => {
        if (this.#pending.get(key) === promise) this.#pending.delete(key);
      });
    this.#pending.set(key, promise);
    return promise;
  }
}
