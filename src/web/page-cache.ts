// Rendered public pages, pre-compressed once and served as the same bytes to everyone until content changes.
import type { CompressedBody } from './compressed.ts';
import { compressBody } from './compressed.ts';

/** What a render may return besides plain HTML: another content type, or an instant at which the bytes go stale. */
export interface RenderedPage {
  body: string;
  /** Defaults to HTML. */
  contentType?: string;
  /**
   * Epoch ms at which this entry must be rendered again even though no content changed — e.g. the next scheduled
   * article publication, which changes every list of articles without any write to the database.
   */
  expiresAt?: number | undefined;
}

interface Entry {
  body: CompressedBody;
  expiresAt: number | undefined;
}

export class PageCache {
  readonly #entries = new Map<string, Entry>();
  readonly #pending = new Map<string, Promise<CompressedBody | undefined>>();
  #generation = 0;

  constructor(
    private readonly maxEntries = 2000,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.#entries.size;
  }

  clear(): void {
    this.#entries.clear();
    this.#pending.clear();
    this.#generation++;
  }

  /** The cached page for key if it is there and fresh — synchronous, for the hot path. */
  peek(key: string): CompressedBody | undefined {
    const hit = this.#entries.get(key);
    if (!hit || (hit.expiresAt !== undefined && this.now() >= hit.expiresAt)) return undefined;
    return hit.body;
  }

  /** Returns the cached page for key, rendering it once (concurrent misses share one render). undefined = no such page. */
  async get(key: string, render: () => Promise<string | RenderedPage | undefined>): Promise<CompressedBody | undefined> {
    const hit = this.#entries.get(key);
    if (hit) {
      if (hit.expiresAt === undefined || this.now() < hit.expiresAt) return hit.body;
      this.#entries.delete(key);
    }
    const inFlight = this.#pending.get(key);
    if (inFlight) return inFlight;
    const generation = this.#generation;
    const promise = render()
      .then((result) => {
        if (result === undefined) return undefined;
        const page = typeof result === 'string' ? { body: result } : result;
        const body = compressBody(page.body, page.contentType ?? 'text/html; charset=utf-8');
        // A page rendered from content that changed meanwhile is served once but not kept.
        if (generation === this.#generation) {
          if (this.#entries.size >= this.maxEntries) this.#entries.delete(this.#entries.keys().next().value!);
          this.#entries.set(key, { body, expiresAt: page.expiresAt });
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
