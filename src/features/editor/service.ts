// Saves the texts of public pages and services from the editor: the texts, the content-version bump (so cached
// public pages change at once, on every instance) and the audit row commit together. Articles go through ArticleService.
import type { Database, Tx } from '../../db/connect.ts';
import type { Locale } from '../../db/schema.ts';
import * as audit from '../audit/service.ts';
import type { ContentService, PublicTextInput } from '../content/service.ts';
import type { SettingsService } from '../settings/service.ts';

export interface EditorChangeMeta {
  actor: { id: number; email: string };
  ip: string | null;
}

type Texts = Partial<Record<Locale, PublicTextInput>>;

export class EditorService {
  readonly #db: Database;
  readonly #content: ContentService;
  readonly #settings: SettingsService;
  readonly #now: () => number;

  constructor(deps: { db: Database; content: ContentService; settings: SettingsService; now: () => number }) {
    this.#db = deps.db;
    this.#content = deps.content;
    this.#settings = deps.settings;
    this.#now = deps.now;
  }

  savePage(key: string, texts: Texts, meta: EditorChangeMeta): Promise<void> {
    return this.#publicChange('page.update', { type: 'page', id: key }, meta, (tx, now) => this.#content.savePageTexts(tx, key, texts, now));
  }

  saveService(key: string, texts: Texts, meta: EditorChangeMeta): Promise<void> {
    return this.#publicChange('page.service.update', { type: 'service', id: key }, meta, (tx) => this.#content.saveServiceTexts(tx, key, texts));
  }

  async #publicChange(
    action: string,
    target: { type: string; id: string },
    meta: EditorChangeMeta,
    change: (tx: Tx, now: number) => Promise<void>,
  ): Promise<void> {
    const now = this.#now();
    await this.#db.transaction().execute(async (tx) => {
      await change(tx, now);
      await this.#settings.markContentChanged(tx);
      await audit.record(tx, { at: now, actor: meta.actor, action, target, ip: meta.ip });
    });
    // Reloading sees the new version: this instance drops its cached pages now; others within the poll interval.
    await this.#settings.load();
  }
}
