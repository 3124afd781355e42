// Environment → validated, typed Config. A bad value stops the start with one line naming the variable.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const timeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'is not an IANA time zone such as Europe/Istanbul');

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const envSchema = z.object({
  PORT: z.coerce.number({ error: 'must be a port number' }).int().min(0).max(65535, 'must be a port number (0-65535)').default(3000),
  HOST: z.string().min(1).default('localhost'),
  BASE_URL: z.url({ error: 'must be an absolute http(s) URL such as https://clinic.example' }).optional(),
  DATABASE_URL: z.string().min(1).default('./data/rehab-center.sqlite'),
  DATA_DIR: z.string().min(1).default('./data'),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters long').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CLINIC_TIMEZONE: timeZone.default('Europe/Istanbul'),
  TRUST_PROXY: booleanFlag.default(false),
  SESSION_IDLE_MINUTES: positiveInt(15),
  SESSION_ABSOLUTE_HOURS: positiveInt(12),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: positiveInt(5),
  LOGIN_MAX_FAILURES_PER_IP: positiveInt(20),
  LOGIN_WINDOW_MINUTES: positiveInt(15),
  TOTP_GRACE_DAYS: z.coerce.number().int().min(0).max(7, 'must be between 0 and 7').default(7),
  TOTP_REQUIRED_FOR_ALL: booleanFlag.default(false),
  REAUTH_MINUTES: positiveInt(5),
  PAGE_CACHE_POLL_SECONDS: positiveInt(2),
  BOOKING_MAX_PER_IP_PER_HOUR: positiveInt(10),
  BOOKING_MAX_PER_PHONE_PER_DAY: positiveInt(3),
  HOUSEKEEPING_INTERVAL_MINUTES: z.coerce.number({ error: 'must be a whole number of minutes' }).int().min(0).max(1440, 'must be between 0 and 1440 minutes').default(60),
  BOOKING_MANAGE_CUTOFF_HOURS: z.coerce.number({ error: 'must be a whole number of hours' }).int().min(0).max(720, 'must be between 0 and 720 hours').default(2),
  WAITLIST_OFFER_COUNT: z.coerce.number({ error: 'must be a whole number' }).int().min(1).max(20, 'must be between 1 and 20').default(3),
  WAITLIST_OFFER_HOURS: z.coerce.number({ error: 'must be a whole number of hours' }).int().min(1).max(168, 'must be between 1 and 168 hours').default(12),
  COMMENTS_MAX_PER_IP_PER_HOUR: positiveInt(5),
  COMMENTS_MAX_PER_ARTICLE_PER_HOUR: positiveInt(30),
  COMMENTS_MAX_LINKS: z.coerce.number().int().min(0).max(20, 'must be between 0 and 20').default(2),
  COMMENTS_SPAM_THRESHOLD: z.coerce.number().int().min(1).max(1000).default(50),
  COMMENTS_POW_MAX_NUMBER: z.coerce.number().int().min(10).max(10_000_000, 'must be between 10 and 10000000').default(100_000),
  // notifications (outbox worker, e-mail, WhatsApp) — see docs/notifications.md
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL').optional(),
  MAIL_FROM: z.string().min(3).max(300).optional(),
  WHATSAPP_TOKEN: z.string().min(1).optional(),
  WHATSAPP_PHONE_NUMBER_ID: z.string().regex(/^\d{1,30}$/, 'must be the numeric phone-number id').optional(),
  WHATSAPP_API_URL: z.url({ error: 'must be an absolute http(s) URL' }).default('https://graph.facebook.com/v21.0'),
  WHATSAPP_TEMPLATE_CONFIRMATION: z.string().min(1).max(300).default('appointment_confirmation'),
  WHATSAPP_TEMPLATE_REMINDER: z.string().min(1).max(300).default('appointment_reminder'),
  OUTBOX_POLL_SECONDS: z.coerce.number({ error: 'must be a number of seconds' }).min(0.05).max(3600).default(5),
  OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
});

export type DatabaseTarget =
  | { engine: 'sqlite'; file: string }
  | { engine: 'postgres'; url: string };

export interface Config {
  port: number;
  host: string;
  baseUrl: string;
  secureCookies: boolean;
  database: DatabaseTarget;
  dataDir: string;
  sessionSecret: string;
  logLevel: string;
  clinicTimeZone: string;
  trustProxy: boolean;
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  login: { maxFailuresPerAccount: number; maxFailuresPerIp: number; windowMs: number };
  totpGraceDays: number;
  totpRequiredForAll: boolean;
  reauthMs: number;
  pageCachePollMs: number;
  /** How often expired sessions, old rate-limit rows and idempotency keys are purged; 0 = never (tests). */
  housekeepingIntervalMs: number;
  booking: { maxPerIpPerHour: number; maxPerPhonePerDay: number; manageCutoffMs: number };
  /** Waitlist offers: how many waiting patients are offered a freed slot, and for how long an offer holds. */
  waitlist: { offerCount: number; offerTtlMs: number };
  comments: { maxPerIpPerHour: number; maxPerArticlePerHour: number; maxLinks: number; spamThreshold: number; powMaxNumber: number };
  notifications: {
    smtpUrl: string | undefined;
    mailFrom: string | undefined;
    whatsapp: { token: string; phoneNumberId: string; apiUrl: string } | undefined;
    /** Template name per purpose and language ("name" for both languages, or "tr=ad,en=name"). */
    whatsappTemplates: { confirmation: Record<'tr' | 'en', string>; reminder: Record<'tr' | 'en', string> };
    pollMs: number;
    maxAttempts: number;
  };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function parseDatabaseUrl(value: string): DatabaseTarget {
  if (/^postgres(ql)?:\/\//i.test(value)) return { engine: 'postgres', url: value };
  if (/^sqlite:/i.test(value)) {
    const file = value.replace(/^sqlite:(\/\/)?/i, '');
    if (!file) throw new ConfigError('DATABASE_URL: sqlite: URL has no file path (e.g. sqlite:./data/clinic.sqlite)');
    return { engine: 'sqlite', file };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    throw new ConfigError(`DATABASE_URL: unsupported scheme in "${value.split('://')[0]}://" — use a file path, sqlite: or postgres://`);
  }
  return { engine: 'sqlite', file: value };
}

/** Reads the secret kept in the data folder, creating it on first start. */
function persistentSecret(dataDir: string): string {
  const file = path.join(dataDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}

/** "name" → the same template for both languages; "tr=randevu_onay,en=appointment_confirmation" → one per language. */
function templateNames(variable: string, value: string): Record<'tr' | 'en', string> {
  if (!value.includes('=')) return { tr: value.trim(), en: value.trim() };
  const out: Partial<Record<'tr' | 'en', string>> = {};
  for (const part of value.split(',')) {
    const [lang, name] = part.split('=').map((s) => s.trim());
    if ((lang === 'tr' || lang === 'en') && name && /^[a-z0-9_]+$/.test(name)) out[lang] = name;
    else throw new ConfigError(`${variable}: "${part}" is not lang=template_name (tr or en)`);
  }
  if (!out.tr || !out.en) throw new ConfigError(`${variable}: give a template for both tr and en`);
  return { tr: out.tr, en: out.en };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`${String(issue.path[0] ?? 'environment')}: ${issue.message}`);
  }
  const e = parsed.data;
  const baseUrl = (e.BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  if (!/^https?:\/\//.test(baseUrl)) throw new ConfigError('BASE_URL: must start with http:// or https://');
  if (Boolean(e.WHATSAPP_TOKEN) !== Boolean(e.WHATSAPP_PHONE_NUMBER_ID)) {
    throw new ConfigError(`${e.WHATSAPP_TOKEN ? 'WHATSAPP_PHONE_NUMBER_ID' : 'WHATSAPP_TOKEN'}: WhatsApp needs both WHATSAPP_TOKEN and WHATSAPP_PHONE_NUMBER_ID`);
  }
  return {
    port: e.PORT,
    host: e.HOST,
    baseUrl,
    secureCookies: baseUrl.startsWith('https://'),
    database: parseDatabaseUrl(e.DATABASE_URL),
    dataDir: e.DATA_DIR,
    sessionSecret: e.SESSION_SECRET ?? persistentSecret(e.DATA_DIR),
    logLevel: e.LOG_LEVEL,
    clinicTimeZone: e.CLINIC_TIMEZONE,
    trustProxy: e.TRUST_PROXY,
    sessionIdleMs: e.SESSION_IDLE_MINUTES * 60_000,
    sessionAbsoluteMs: e.SESSION_ABSOLUTE_HOURS * 3_600_000,
    login: {
      maxFailuresPerAccount: e.LOGIN_MAX_FAILURES_PER_ACCOUNT,
      maxFailuresPerIp: e.LOGIN_MAX_FAILURES_PER_IP,
      windowMs: e.LOGIN_WINDOW_MINUTES * 60_000,
    },
    totpGraceDays: e.TOTP_GRACE_DAYS,
    totpRequiredForAll: e.TOTP_REQUIRED_FOR_ALL,
    reauthMs: e.REAUTH_MINUTES * 60_000,
    pageCachePollMs: e.PAGE_CACHE_POLL_SECONDS * 1000,
    housekeepingIntervalMs: e.HOUSEKEEPING_INTERVAL_MINUTES * 60_000,
    booking: {
      maxPerIpPerHour: e.BOOKING_MAX_PER_IP_PER_HOUR,
      maxPerPhonePerDay: e.BOOKING_MAX_PER_PHONE_PER_DAY,
      manageCutoffMs: e.BOOKING_MANAGE_CUTOFF_HOURS * 3_600_000,
    },
    waitlist: { offerCount: e.WAITLIST_OFFER_COUNT, offerTtlMs: e.WAITLIST_OFFER_HOURS * 3_600_000 },
    comments: {
      maxPerIpPerHour: e.COMMENTS_MAX_PER_IP_PER_HOUR,
      maxPerArticlePerHour: e.COMMENTS_MAX_PER_ARTICLE_PER_HOUR,
      maxLinks: e.COMMENTS_MAX_LINKS,
      spamThreshold: e.COMMENTS_SPAM_THRESHOLD,
      powMaxNumber: e.COMMENTS_POW_MAX_NUMBER,
    },
    notifications: {
      smtpUrl: e.SMTP_URL,
      mailFrom: e.MAIL_FROM,
      whatsapp:
        e.WHATSAPP_TOKEN && e.WHATSAPP_PHONE_NUMBER_ID
          ? { token: e.WHATSAPP_TOKEN, phoneNumberId: e.WHATSAPP_PHONE_NUMBER_ID, apiUrl: e.WHATSAPP_API_URL.replace(/\/+$/, '') }
          : undefined,
      whatsappTemplates: {
        confirmation: templateNames('WHATSAPP_TEMPLATE_CONFIRMATION', e.WHATSAPP_TEMPLATE_CONFIRMATION),
        reminder: templateNames('WHATSAPP_TEMPLATE_REMINDER', e.WHATSAPP_TEMPLATE_REMINDER),
      },
      pollMs: Math.round(e.OUTBOX_POLL_SECONDS * 1000),
      maxAttempts: e.OUTBOX_MAX_ATTEMPTS,
    },
  };
}
