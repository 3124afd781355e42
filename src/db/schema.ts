// Table types for Kysely. Instants are UTC epoch milliseconds (bigint in PostgreSQL, integer in SQLite);
// booleans are 0/1 integers on both engines; structured values are JSON text.
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

export type Locale = 'tr' | 'en';

export interface SettingTable {
  key: string;
  value: string;
}

export interface SiteStateTable {
  id: number;
  content_version: number;
}

export interface LocationTable {
  id: Generated<number>;
  name: string;
}

export interface PractitionerTable {
  id: Generated<number>;
  location_id: number;
  full_name: string;
  title_tr: string;
  title_en: string;
  active: number;
}

export interface PractitionerQualificationTable {
  practitioner_id: number;
  qualification: string;
}

export interface DeviceTable {
  id: Generated<number>;
  location_id: number;
  kind: string;
  name_tr: string;
  name_en: string;
  setup_minutes: number;
  cleanup_minutes: number;
  active: number;
}

export interface RoomTable {
  id: Generated<number>;
  location_id: number;
  kind: string;
  name_tr: string;
  name_en: string;
  active: number;
  buffer_before_minutes: Generated<number>;
  buffer_after_minutes: Generated<number>;
}

export interface ServiceTable {
  id: Generated<number>;
  key: string;
  category: string; // examination | robotic | therapy
  duration_minutes: number;
  online_booking: number;
  sort_order: number;
  active: number;
  step_minutes: Generated<number>;
  min_notice_minutes: Generated<number>;
  horizon_days: Generated<number>;
  initial_status: Generated<string>; // requested | confirmed
  reminder_hours: Generated<number>; // migration 006: reminder this many hours before; 0 = none
}

export interface ServiceTranslationTable {
  service_id: number;
  locale: Locale;
  name: string;
  summary: string;
  body_md: string;
}

export interface ServiceRequirementTable {
  id: Generated<number>;
  service_id: number;
  resource_type: string; // practitioner | device | room
  qualification: string; // practitioner qualification, device kind or room kind
}

export interface HolidayTable {
  date: string; // YYYY-MM-DD in the clinic's zone
  name_tr: string;
  name_en: string;
  starts_at: string | null; // half-day eves: closed from this HH:MM on; null = whole day
}

export interface PageTable {
  id: Generated<number>;
  key: string;
  locale: Locale;
  slug: string;
  title: string;
  summary: string;
  body_md: string;
  updated_at: number;
}

export interface UserTable {
  id: Generated<number>;
  email: string;
  name: string;
  role: string;
  locale: Locale;
  password_hash: string;
  must_change_password: number;
  active: number;
  totp_secret: string | null;
  totp_enabled_at: number | null;
  totp_grace_until: number | null;
  totp_last_step: number | null;
  practitioner_id: number | null;
  created_at: number;
  updated_at: number;
}

export interface RecoveryCodeTable {
  id: Generated<number>;
  user_id: number;
  code_hash: string;
  used_at: number | null;
}

export interface SessionTable {
  id_hash: string;
  user_id: number;
  stage: string; // 'second-factor' until TOTP is given, then 'full'
  csrf_token: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  reauth_at: number;
  ip: string;
  user_agent: string;
}

export interface LoginFailureTable {
  id: Generated<number>;
  bucket: string;
  at: number;
}

export interface AuditHeadTable {
  id: number;
  last_hash: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: number;
  actor_user_id: number | null;
  actor_label: string;
  action: string;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  details: string;
  prev_hash: string;
  hash: string;
}

export interface ResourceHourTable {
  id: Generated<number>;
  resource_key: string; // practitioner:ID | device:ID | room:ID
  day: number;
  opens: string;
  closes: string;
}

export interface ResourceExceptionTable {
  id: Generated<number>;
  resource_key: string;
  starts_at: number;
  ends_at: number;
  kind: string; // closed | open
  note: Generated<string>;
}

export interface PatientTable {
  id: Generated<number>;
  full_name: string;
  phone: string;
  email: string | null;
  locale: Locale;
  created_at: number;
  updated_at: number;
  /** Set when the record was erased on the patient's request (identifying fields are blank from then on). */
  erased_at: Generated<number | null>;
}

export interface AppointmentTable {
  id: Generated<number>;
  service_id: number;
  patient_id: number;
  status: string;
  starts_at: number;
  ends_at: number;
  source: string;
  locale: Locale;
  manage_token_hash: string;
  cancel_reason: string | null;
  cancelled_by: string | null;
  created_at: number;
  updated_at: number;
}

export interface AppointmentResourceTable {
  appointment_id: number;
  resource_key: string;
  occupied_start: number;
  occupied_end: number;
}

export interface OccupancyTable {
  resource_key: string;
  cell: number;
  appointment_id: number;
}

export interface IdempotencyKeyTable {
  key: string;
  request_hash: string;
  status_code: number;
  response: string;
  created_at: number;
}

export interface IntakeTable {
  appointment_id: number;
  answers: string;
  created_at: number;
}

export interface LegalTextTable {
  id: Generated<number>;
  kind: string;
  locale: Locale;
  version: number;
  body_md: string;
  published_at: number;
}

export interface ConsentTable {
  id: Generated<number>;
  appointment_id: number | null;
  patient_id: number;
  kind: string;
  locale: Locale;
  version: number;
  given: number;
  at: number;
}

export interface RateEventTable {
  id: Generated<number>;
  bucket: string;
  at: number;
}

// ---- Articles (migration 004) ----

export type ArticleStatus = 'draft' | 'scheduled' | 'published' | 'archived';

export interface ArticleCategoryTable {
  id: Generated<number>;
  key: string;
  sort_order: number;
  created_at: number;
  updated_at: number;
}

export interface ArticleCategoryTranslationTable {
  category_id: number;
  locale: Locale;
  slug: string;
  name: string;
  description: string;
}

export interface ArticleTable {
  id: Generated<number>;
  key: string;
  category_id: number | null;
  author_name: string;
  editor_name: string;
  comments_enabled: number;
  status: ArticleStatus;
  publish_at: number | null;
  created_at: number;
  updated_at: number;
  /** The cover shown on the public page (an article_images row of this article); null: none. */
  cover_image_id: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface ArticleImageTable {
  id: Generated<number>;
  article_id: number;
  width: number;
  height: number;
  /** SHA-256 of the uploaded file, as received. */
  original_hash: string;
  created_at: number;
}

export type ImageFormat = 'avif' | 'webp';

export interface ArticleImageVariantTable {
  image_id: number;
  format: ImageFormat;
  width: number;
  height: number;
  bytes: Buffer;
  /** SHA-256 of `bytes`, hex: the variant's public file name. */
  content_hash: string;
  byte_size: number;
}

export interface ArticleTranslationTable {
  article_id: number;
  locale: Locale;
  slug: string;
  title: string;
  summary: string;
  body_md: string;
  seo_title: string | null;
  seo_description: string | null;
  cover_alt: string;
  published_at: number | null;
  updated_at: number;
}

export interface ArticleSlugRedirectTable {
  locale: Locale;
  old_slug: string;
  article_id: number;
  created_at: number;
}

/** Turkish-folded plain text per translation (FTS5 table on SQLite; table + generated tsvector on PostgreSQL). */
export interface ArticleSearchTable {
  article_id: number;
  locale: Locale;
  title: string;
  summary: string;
  body: string;
}

// ---- Notifications outbox (migration 006) ----

/** manual: WhatsApp without the Cloud API configured — staff send it themselves through a wa.me link. */
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'cancelled' | 'manual';

export interface OutboxTable {
  id: Generated<number>;
  channel: 'email' | 'whatsapp';
  kind: string;
  recipient: string;
  locale: Locale;
  subject: string | null;
  body_text: string;
  body_html: string | null;
  /** JSON EmailAttachment[] */
  attachments: string | null;
  /** JSON { name, params } */
  whatsapp_template: string | null;
  appointment_id: number | null;
  /** Who the message is for (migration 013); waitlist offers have it but no appointment. */
  patient_id: number | null;
  dedupe_key: string | null;
  status: OutboxStatus;
  attempts: Generated<number>;
  next_attempt_at: number;
  lease_owner: string | null;
  lease_until: number | null;
  last_error: string | null;
  provider_id: string | null;
  resend_of: number | null;
  created_at: number;
  updated_at: number;
  sent_at: number | null;
}

// ---- Front desk (migration 008) ----

export interface AppointmentStatusHistoryTable {
  id: Generated<number>;
  appointment_id: number;
  from_status: string | null;
  to_status: string;
  at: number;
  by: string; // clinic | patient | system
  staff_id: number | null;
  reason: string | null;
}

export interface AppointmentNoteTable {
  appointment_id: number;
  body: string;
  updated_by: number | null;
  updated_at: number;
}

export interface WaitlistEntryTable {
  id: Generated<number>;
  patient_id: number;
  service_id: number;
  weekdays: string;
  time_ranges: string;
  date_from: string;
  date_to: string;
  notes: Generated<string>;
  status: string; // waiting | booked | removed
  appointment_id: number | null;
  created_by: number | null;
  created_at: number;
  updated_at: number;
}

export interface WaitlistOfferTable {
  id: Generated<number>;
  entry_id: number;
  token_hash: string;
  starts_at: number;
  ends_at: number;
  expires_at: number;
  status: string; // open | accepted | taken | withdrawn
  freed_by: number | null;
  appointment_id: number | null;
  created_at: number;
  updated_at: number;
}

// ---- Comments (migration 007) ----

export type CommentStatus = 'pending' | 'approved' | 'spam';

export interface CommentTable {
  id: Generated<number>;
  article_id: number;
  locale: Locale;
  parent_id: number | null;
  status: CommentStatus;
  author_name: string;
  author_email: string | null;
  notify_on_reply: number;
  is_clinic: number;
  staff_user_id: number | null;
  body: string;
  body_hash: string;
  ip_hash: string | null;
  spam_score: number;
  spam_reasons: string;
  notice_version: number | null;
  consent_version: number | null;
  created_at: number;
  updated_at: number;
  approved_at: number | null;
  edited_at: number | null;
}

export interface CommentPowSpentTable {
  signature: string;
  expires_at: number;
}

export interface DB {
  settings: SettingTable;
  site_state: SiteStateTable;
  locations: LocationTable;
  practitioners: PractitionerTable;
  practitioner_qualifications: PractitionerQualificationTable;
  devices: DeviceTable;
  rooms: RoomTable;
  services: ServiceTable;
  service_translations: ServiceTranslationTable;
  service_requirements: ServiceRequirementTable;
  holidays: HolidayTable;
  pages: PageTable;
  users: UserTable;
  recovery_codes: RecoveryCodeTable;
  sessions: SessionTable;
  login_failures: LoginFailureTable;
  audit_head: AuditHeadTable;
  audit_log: AuditLogTable;
  resource_hours: ResourceHourTable;
  resource_exceptions: ResourceExceptionTable;
  patients: PatientTable;
  appointments: AppointmentTable;
  appointment_resources: AppointmentResourceTable;
  occupancy: OccupancyTable;
  idempotency_keys: IdempotencyKeyTable;
  intakes: IntakeTable;
  legal_texts: LegalTextTable;
  consents: ConsentTable;
  rate_events: RateEventTable;
  article_categories: ArticleCategoryTable;
  article_category_translations: ArticleCategoryTranslationTable;
  articles: ArticleTable;
  article_translations: ArticleTranslationTable;
  article_slug_redirects: ArticleSlugRedirectTable;
  article_images: ArticleImageTable;
  article_image_variants: ArticleImageVariantTable;
  article_search: ArticleSearchTable;
  comments: CommentTable;
  comment_pow_spent: CommentPowSpentTable;
  outbox: OutboxTable;
  appointment_status_history: AppointmentStatusHistoryTable;
  appointment_notes: AppointmentNoteTable;
  waitlist_entries: WaitlistEntryTable;
  waitlist_offers: WaitlistOfferTable;
}

export type PageRow = Selectable<PageTable>;
export type UserRow = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;
export type SessionRow = Selectable<SessionTable>;
export type AuditRow = Selectable<AuditLogTable>;
export type ArticleRow = Selectable<ArticleTable>;
export type ArticleTranslationRow = Selectable<ArticleTranslationTable>;
export type OutboxRow = Selectable<OutboxTable>;
