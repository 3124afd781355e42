// The clinic's live settings and the content version that every instance watches to drop stale cached pages.
import type { Database, Tx } from '../../db/connect.ts';
import * as audit from '../audit/service.ts';
import * as repo from './repo.ts';
import { clinicSettingsSchema, type ClinicSettings, type SettingKey } from './schema.ts';

type Listener = () => void;

/** Who changes the settings, when and from where: the audit row's header. */
export interface SettingsChangeMeta {
  at: number;
  actor: { id: number; email: string };
  ip: string | null;
}

/** Audit details: every changed key, and from/to for the fields that are not weekly-hours lists. */
export function changeDetails(before: ClinicSettings, after: ClinicSettings, changed: readonly SettingKey[]): Record<string, unknown> {
  const values: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of changed) {
    if (Array.isArray(after[key])) continue;
    values[key] = { from: before[key], to: after[key] };
  }
  return { changed: [...changed], values };
}

export class SettingsService {
  #current: ClinicSettings | undefined;
  #version = -1;
  #timer: NodeJS.Timeout | undefined;
  readonly #listeners = new Set<Listener>();

  constructor(private readonly db: Database) {}

  /** Settings as last loaded; call load() once at start. */
  get current(): ClinicSettings {
    if (!this.#current) throw new Error('settings not loaded');
    return this.#current;
  }

  get version(): number {
    return this.#version;
  }

  onChange(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async load(): Promise<void> {
    const [raw, version] = await Promise.all([repo.readAll(this.db), repo.readContentVersion(this.db)]);
    const parsed = clinicSettingsSchema.safeParse(raw);
    if (!parsed.success) throw new Error(`stored settings are invalid: ${parsed.error.issues[0]?.path.join('.')}`);
    const changed = version !== this.#version;
    this.#current = parsed.data;
    this.#version = version;
    if (changed) for (const l of this.#listeners) l();
  }

  /** Polls the shared content version so that other app instances' changes show here too. */
  watch(intervalMs: number): void {
    this.stop();
    this.#timer = setInterval(() => {
      repo
        .readContentVersion(this.db)
        .then((v) => (v !== this.#version ? this.load() : undefined))
        .catch(() => undefined); // a database blip: keep serving what we have, try again next tick
    }, intervalMs);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** Writes changed settings inside the caller's transaction; returns the keys that really changed. */
  async write(tx: Tx, next: ClinicSettings): Promise<SettingKey[]> {
    const before = this.current;
    const changed = (Object.keys(next) as SettingKey[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(next[k]));
    for (const key of changed) await repo.upsert(tx, key, next[key]);
    if (changed.length) await repo.bumpContentVersion(tx);
    return changed;
  }

  /**
   * Saves a whole settings object from the back office: the changed keys, the content-version bump and one audit row
   * commit together; then the live settings are reloaded (which also drops cached public pages). Returns the changed keys.
   */
  async update(input: ClinicSettings, meta: SettingsChangeMeta): Promise<SettingKey[]> {
    const next = clinicSettingsSchema.parse(input);
    const before = this.current;
    const changed = await this.db.transaction().execute(async (tx) => {
      const keys = await this.write(tx, next);
      if (keys.length) {
        await audit.record(tx, { at: meta.at, actor: meta.actor, action: 'settings.update', ip: meta.ip, details: changeDetails(before, next, keys) });
      }
      return keys;
    });
    if (changed.length) await this.load();
    return changed;
  }

  /** Any feature that changes what public pages show calls this inside its transaction. */
  async markContentChanged(tx: Tx): Promise<void> {
    await repo.bumpContentVersion(tx);
  }
}
