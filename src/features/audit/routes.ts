// The audit trail page (admins only): who did what, when, from which address, to which record — filterable, read-only.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { formatNumber, type Locale, type Translate } from '../../i18n/index.ts';
import { adminLocale, adminT, sendAdmin } from '../staff/admin-page.ts';
import { refuseMethods, staffRoute } from '../staff/http.ts';
import type { StaffUser } from '../staff/service.ts';
import * as audit from './service.ts';
import { AuditList, type AuditFilterErrors, type AuditFilterForm, type AuditListRow, type ChainStatus } from './views/audit-list.tsx';

export const AUDIT_PAGE_SIZE = 50;
const MAX_PAGE = 100_000;

/** Actions with a human-readable label; any other action is shown as its raw name. */
export const knownAuditActions = [
  'auth.login.success',
  'auth.login.failure',
  'auth.login.blocked',
  'auth.login.refused',
  'auth.login.password-ok',
  'auth.second-factor.failure',
  'auth.logout',
  'auth.session.revoke',
  'auth.session.revoke-others',
  'user.create',
  'user.update',
  'user.role.change',
  'user.activate',
  'user.deactivate',
  'user.password.change',
  'user.password.reset',
  'user.totp.enable',
  'user.totp.recovery-codes',
  'settings.update',
  // the article and page editor (src/features/editor)
  'article.create',
  'article.update',
  'article.translation.save',
  'article.translation.remove',
  'article.publish',
  'article.schedule',
  'article.unpublish',
  'article.archive',
  'article.delete',
  'article.category.create',
  'article.category.update',
  'page.update',
  'page.service.update',
  // booking, resources, covers
  'appointment.create',
  'appointment.cancel',
  'appointment.reschedule',
  'intake.view',
  'article.cover.update',
  'article.cover.remove',
  'resource.update',
  'resource.hours.update',
  'resource.exception.create',
  'resource.exception.delete',
  'service.rules.update',
  'holiday.create',
  'holiday.delete',
  // front desk, calendar, comments, messages
  'appointment.confirm',
  'appointment.check-in',
  'appointment.complete',
  'appointment.no-show',
  'appointment.note',
  'appointment.move',
  'waitlist.add',
  'waitlist.remove',
  'comment.approve',
  'comment.reject',
  'comment.delete',
  'comment.edit',
  'comment.reply',
  'comment.unsubscribe',
  'message.resend',
  'message.manual-sent',
  // data-subject requests (src/features/privacy)
  'patient.search',
  'patient.privacy.view',
  'patient.export',
  'patient.consent.withdraw',
  'patient.whatsapp.withdraw',
  'patient.erase',
  'comment.privacy.search',
  'comment.export',
  'comment.erase',
] as const;
type KnownAuditAction = (typeof knownAuditActions)[number];

function isKnownAction(action: string): action is KnownAuditAction {
  return (knownAuditActions as readonly string[]).includes(action);
}

export function auditActionLabel(t: Translate, action: string): string {
  return isKnownAction(action) ? t(`audit.action.${action}`) : action;
}

type AuditDb = Parameters<typeof audit.verifyChain>[0];

/** AppServices does not carry the database handle; the staff service holds the app's one (same instance, same pool). */
function databaseOf(app: FastifyInstance): AuditDb {
  return app.services.database.db;
}

// ---------- query parameters: each one validated on its own, a bad one is ignored with a message ----------

const personParam = z
  .string()
  .regex(/^[1-9]\d{0,9}$/)
  .transform(Number)
  .pipe(z.number().int().max(2_147_483_647));
const actionParam = z.string().regex(/^[a-z0-9._-]{1,100}$/i);
const dateParam = z.iso.date();
const pageParam = z
  .string()
  .regex(/^[1-9]\d{0,6}$/)
  .transform(Number)
  .pipe(z.number().int().min(1).max(MAX_PAGE));

interface ParsedQuery {
  form: AuditFilterForm;
  errors: AuditFilterErrors;
  filter: { actorUserId?: number; action?: string; from?: number; to?: number };
  page: number;
}

/** undefined: not given (or left empty); null: given but not a single string (repeated parameter and the like). */
function rawParam(query: Record<string, unknown>, name: string): string | null | undefined {
  const v = query[name];
  if (v === undefined || v === '') return undefined;
  return typeof v === 'string' ? v : null;
}

/** The first instant of a YYYY-MM-DD day in the clinic's zone, or undefined when no such day exists. */
function dayStart(date: string, zone: string): DateTime | undefined {
  const day = DateTime.fromISO(date, { zone });
  return day.isValid ? day.startOf('day') : undefined;
}

function parseQuery(request: FastifyRequest, t: Translate, people: ReadonlySet<number>, actionExists: boolean, zone: string): ParsedQuery {
  const query = (request.query ?? {}) as Record<string, unknown>;
  const out: ParsedQuery = { form: { person: '', action: '', from: '', to: '' }, errors: {}, filter: {}, page: 1 };

  const person = rawParam(query, 'person');
  if (person !== undefined) {
    const parsed = personParam.safeParse(person);
    if (parsed.success && people.has(parsed.data)) {
      out.filter.actorUserId = parsed.data;
      out.form.person = String(parsed.data);
    } else out.errors.person = t('audit.filter.badPerson');
  }

  const action = rawParam(query, 'action');
  if (action !== undefined) {
    const parsed = actionParam.safeParse(action);
    // A known action, or one the trail holds (e.g. written by an older version); the list offers the known ones.
    if (parsed.success && (isKnownAction(parsed.data) || actionExists)) {
      out.filter.action = parsed.data;
      out.form.action = parsed.data;
    } else out.errors.action = t('audit.filter.badAction');
  }

  let fromDay: DateTime | undefined;
  const from = rawParam(query, 'from');
  if (from !== undefined) {
    const parsed = dateParam.safeParse(from);
    fromDay = parsed.success ? dayStart(parsed.data, zone) : undefined;
    if (fromDay && parsed.success) {
      out.filter.from = fromDay.toMillis();
      out.form.from = parsed.data;
    } else out.errors.from = t('audit.filter.badDate');
  }

  const to = rawParam(query, 'to');
  if (to !== undefined) {
    const parsed = dateParam.safeParse(to);
    const toDay = parsed.success ? dayStart(parsed.data, zone) : undefined;
    if (!toDay || !parsed.success) out.errors.to = t('audit.filter.badDate');
    else if (fromDay && toDay < fromDay) out.errors.to = t('audit.filter.badRange');
    else {
      // Whole days: up to (not including) the start of the next day in the clinic's zone, daylight-saving safe.
      out.filter.to = toDay.plus({ days: 1 }).toMillis();
      out.form.to = parsed.data;
    }
  }

  const page = rawParam(query, 'page');
  if (page !== undefined) {
    const parsed = pageParam.safeParse(page);
    if (parsed.success) out.page = parsed.data;
    else out.errors.page = t('audit.filter.badPage');
  }
  return out;
}

function pageHref(form: AuditFilterForm, page: number): string {
  const params = new URLSearchParams();
  for (const key of ['person', 'action', 'from', 'to'] as const) if (form[key]) params.set(key, form[key]);
  if (page > 1) params.set('page', String(page));
  const qs = params.toString();
  return qs ? `/admin/audit?${qs}` : '/admin/audit';
}

const chainReasons: Record<string, 'audit.chain.reason.link' | 'audit.chain.reason.content'> = {
  'link to the previous row does not match': 'audit.chain.reason.link',
  'content was changed after it was written': 'audit.chain.reason.content',
};

function chainStatus(t: Translate, locale: Locale, check: audit.ChainCheck & { fullAt: number }, zone: string): ChainStatus {
  if (check.ok) {
    const checkedAt = DateTime.fromMillis(check.fullAt, { zone }).setLocale(locale).toLocaleString(DateTime.DATETIME_MED);
    return { ok: true, text: `${t('audit.chain.intact', { count: formatNumber(locale, check.rows) })} ${t('audit.chain.fullAt', { time: checkedAt })}` };
  }
  if (check.brokenId < 0) return { ok: false, text: t('audit.chain.brokenEnd') };
  const reasonKey = chainReasons[check.reason];
  return { ok: false, text: t('audit.chain.broken', { id: check.brokenId, reason: reasonKey ? t(reasonKey) : check.reason }) };
}

function compactDetails(details: string): string {
  try {
    const value: unknown = JSON.parse(details);
    if (value && typeof value === 'object' && Object.keys(value).length === 0) return '';
    return JSON.stringify(value);
  } catch {
    return details;
  }
}

export function registerAuditRoutes(app: FastifyInstance): void {
  const db = databaseOf(app);
  const { staff, settings } = app.services;

  staffRoute(app, 'GET', '/admin/audit', 'audit.view', async (request, reply) => {
    const t = adminT(request);
    const locale = adminLocale(request);
    const zone = settings.current.timeZone;
    // The action filter offers the actions the code knows (not `select distinct` over the whole log).
    const askedAction = rawParam((request.query ?? {}) as Record<string, unknown>, 'action');
    const [people, check, actionExists] = await Promise.all([
      staff.listStaff(),
      audit.checkChain(db, request.server.services.now()),
      typeof askedAction === 'string' && actionParam.safeParse(askedAction).success ? audit.hasAction(db, askedAction) : false,
    ]);
    const byId = new Map<number, StaffUser>(people.map((p) => [p.id, p]));
    const q = parseQuery(request, t, new Set(byId.keys()), actionExists, zone);
    const actionNames: readonly string[] = q.form.action && !isKnownAction(q.form.action) ? [...knownAuditActions, q.form.action] : knownAuditActions;

    let page = q.page;
    const fetchPage = (n: number) => audit.list(db, { ...q.filter, limit: AUDIT_PAGE_SIZE, offset: (n - 1) * AUDIT_PAGE_SIZE });
    let result = await fetchPage(page);
    const pages = Math.max(1, Math.ceil(result.total / AUDIT_PAGE_SIZE));
    if (page > pages) {
      page = pages;
      result = await fetchPage(page);
    }

    const intlLocale = locale === 'tr' ? 'tr-TR' : 'en-GB';
    const rows: AuditListRow[] = result.rows.map((r) => {
      const at = DateTime.fromMillis(r.at, { zone }).setLocale(intlLocale);
      const user = r.actor_user_id !== null ? byId.get(r.actor_user_id) : undefined;
      const label = r.actor_label.startsWith('system:') ? t('audit.actor.system', { name: r.actor_label.slice('system:'.length) }) : r.actor_label;
      return {
        id: r.id,
        iso: at.toISO() ?? '',
        time: at.toLocaleString(DateTime.DATETIME_MED_WITH_SECONDS),
        person: user ? { label, name: user.name, href: `/admin/staff/${user.id}` } : { label },
        action: r.action,
        actionLabel: auditActionLabel(t, r.action),
        target: r.target_type ? `${r.target_type}${r.target_id !== null ? ` #${r.target_id}` : ''}` : r.target_id !== null ? `#${r.target_id}` : '',
        ip: r.ip ?? '',
        details: compactDetails(r.details),
      };
    });

    const first = (page - 1) * AUDIT_PAGE_SIZE + 1;
    const summary = result.total
      ? t('audit.summary', { first: formatNumber(locale, first), last: formatNumber(locale, first + rows.length - 1), total: formatNumber(locale, result.total) })
      : '';

    return sendAdmin(request, reply, {
      title: t('audit.title'),
      active: '/admin/audit',
      status: Object.keys(q.errors).length ? 400 : 200,
      body: AuditList({
        t,
        chain: chainStatus(t, locale, check, zone),
        filters: q.form,
        errors: q.errors,
        people: people.map((p) => ({ value: String(p.id), label: `${p.name} (${p.email})` })),
        actions: actionNames.map((a) => ({ value: a, label: auditActionLabel(t, a) })),
        rows,
        summary,
        newerHref: page > 1 ? pageHref(q.form, page - 1) : undefined,
        olderHref: page < pages ? pageHref(q.form, page + 1) : undefined,
      }),
    });
  });

  // The trail is append-only: nothing can be sent to it.
  refuseMethods(app, '/admin/audit', ['POST', 'PUT', 'PATCH', 'DELETE'], 'GET, HEAD');
}
