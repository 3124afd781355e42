// HTTP for the admin's staff management: list, create with a one-time password, edit role/language/practitioner link,
// deactivate and reactivate, reset password. Sensitive changes ask for fresh proof of presence when the last one is old.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { Conflict, Invalid, NotFound } from '../../errors.ts';
import type { MessageKey, Translate } from '../../i18n/index.ts';
import { fieldMessages, formValues, type FormValues } from '../../web/forms.ts';
import { adminT, sendAdmin } from './admin-page.ts';
import { hasFreshProof, requestMeta, staffRoute } from './http.ts';
import { can, roles } from './permissions.ts';
import type { Signed, StaffUser } from './service.ts';
import { OneTimePasswordView, StaffCreateForm, StaffEditView, StaffList, type CreateValues, type EditValues, type EditViewProps, type SensitiveForm } from './views/staff-views.tsx';

// Control characters and bidirectional overrides have no place in a person's name (they can disguise what is shown).
const UNSAFE_CHARS = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u;

const nameField = z
  .string()
  .normalize('NFC')
  .trim()
  .min(1)
  .max(120)
  .refine((s) => !UNSAFE_CHARS.test(s));
const roleField = z.enum(roles);
const localeField = z.enum(['tr', 'en']);

const createSchema = z.object({
  name: nameField,
  email: z.string().trim().min(1).max(254).pipe(z.email()),
  role: roleField,
  locale: localeField,
});

const updateSchema = z.object({
  name: nameField,
  role: roleField,
  locale: localeField,
  // '' unlinks; absent leaves the link as it is.
  practitionerId: z
    .string()
    .regex(/^\d{0,9}$/)
    .optional(),
});

const notices = {
  saved: 'form.saved',
  deactivated: 'staff.deactivated',
  activated: 'staff.activated',
} as const satisfies Record<string, MessageKey>;

function noticeFrom(request: FastifyRequest): MessageKey | undefined {
  const key = (request.query as Record<string, unknown> | undefined)?.notice;
  return typeof key === 'string' && Object.hasOwn(notices, key) ? notices[key as keyof typeof notices] : undefined;
}

/** The :id of the URL as a database id; anything else (letters, zero, too big) is simply "not found". */
function staffId(request: FastifyRequest): number {
  const raw = (request.params as { id?: unknown } | undefined)?.id;
  if (typeof raw !== 'string' || !/^[1-9]\d{0,9}$/.test(raw)) throw new NotFound();
  const id = Number(raw);
  if (id > 2_147_483_647) throw new NotFound();
  return id;
}

function conflictMessage(t: Translate, err: Conflict): string | undefined {
  if (err.message === 'last-admin') return t('staff.conflict.lastAdmin');
  if (err.message === 'self') return t('staff.conflict.self');
  return undefined;
}

/** Field codes from the service ('taken', 'unknown') in the person's language. */
function invalidMessages(t: Translate, err: Invalid): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, code] of Object.entries(err.fields)) {
    if (field === 'email' && code === 'taken') out[field] = t('staff.emailTaken');
    else if (field === 'practitionerId' && code === 'unknown') out[field] = t('staff.practitionerUnknown');
    else out[field] = t('form.invalid');
  }
  return out;
}

function createValues(form: FormValues): CreateValues {
  return { name: form.name, email: form.email, role: form.role, locale: form.locale };
}

function editValues(user: StaffUser): EditValues {
  return { name: user.name, role: user.role, locale: user.locale, practitionerId: user.practitionerId === null ? '' : String(user.practitionerId) };
}

export function registerStaffManagementRoutes(app: FastifyInstance): void {
  const { staff, settings } = app.services;

  // ---------- list ----------

  staffRoute(app, 'GET', '/admin/staff', 'staff.view', async (request, reply, signed) => {
    const t = adminT(request);
    const [users, practitioners] = await Promise.all([staff.listStaff(), staff.listPractitioners()]);
    return sendAdmin(request, reply, {
      title: t('staff.title'),
      active: '/admin/staff',
      body: StaffList({
        t,
        users,
        practitionerNames: new Map(practitioners.map((p) => [p.id, p.full_name])),
        canManage: can(signed.user.role, 'staff.manage'),
        currentUserId: signed.user.id,
      }),
    });
  });

  // ---------- create ----------

  const createPage = (request: FastifyRequest, reply: FastifyReply, signed: Signed, values: CreateValues, errors: Record<string, string>, status = 200, reauthError?: string) => {
    const t = adminT(request);
    return sendAdmin(request, reply, {
      title: t('staff.newTitle'),
      active: '/admin/staff',
      status,
      body: StaffCreateForm({ t, csrf: signed.session.csrfToken, values, errors, roles, reauthNeeded: staff.needsReauth(signed), reauthError }),
    });
  };

  staffRoute(app, 'GET', '/admin/staff/new', 'staff.manage', (request, reply, signed) =>
    createPage(request, reply, signed, { locale: settings.current.defaultLocale }, {}),
  );

  staffRoute(app, 'POST', '/admin/staff/new', 'staff.manage', async (request, reply, signed) => {
    const t = adminT(request);
    const form = formValues(request);
    const parsed = createSchema.safeParse(form);
    if (!parsed.success) return createPage(request, reply, signed, createValues(form), fieldMessages(parsed.error, t), 422);
    // A new administrator can do everything: as sensitive as making someone an administrator.
    if (parsed.data.role === 'admin' && !(await hasFreshProof(request, signed))) {
      return createPage(request, reply, signed, createValues(form), {}, 422, reauthFailed(request, 'create').message);
    }
    let created;
    try {
      created = await staff.createStaff(signed, parsed.data, requestMeta(request));
    } catch (err) {
      if (err instanceof Invalid) return createPage(request, reply, signed, createValues(form), invalidMessages(t, err), 422);
      throw err;
    }
    return sendAdmin(request, reply, {
      title: t('staff.createdTitle'),
      active: '/admin/staff',
      body: OneTimePasswordView({ t, user: created.user, password: created.password, kind: 'created' }),
    });
  });

  // ---------- one person ----------

  type EditOptions = Partial<Pick<EditViewProps, 'values' | 'errors' | 'formError' | 'reauthError' | 'resetSecondFactor'>> & { status?: number; notice?: string };

  const editPage = async (request: FastifyRequest, reply: FastifyReply, signed: Signed, user: StaffUser, opts: EditOptions = {}) => {
    const t = adminT(request);
    const practitioners = await staff.listPractitioners();
    return sendAdmin(request, reply, {
      title: t('staff.editTitle', { name: user.name }),
      active: '/admin/staff',
      status: opts.status ?? 200,
      notice: opts.notice,
      body: StaffEditView({
        t,
        csrf: signed.session.csrfToken,
        user,
        values: opts.values ?? editValues(user),
        errors: opts.errors ?? {},
        roles,
        practitioners,
        canManage: can(signed.user.role, 'staff.manage'),
        isSelf: user.id === signed.user.id,
        reauthNeeded: staff.needsReauth(signed),
        formError: opts.formError,
        reauthError: opts.reauthError,
        resetSecondFactor: opts.resetSecondFactor ?? false,
      }),
    });
  };


  staffRoute(app, 'GET', '/admin/staff/:id', 'staff.view', async (request, reply, signed) => {
    const user = await staff.getStaff(staffId(request));
    const notice = noticeFrom(request);
    return editPage(request, reply, signed, user, { notice: notice ? adminT(request)(notice) : undefined });
  });

  staffRoute(app, 'POST', '/admin/staff/:id', 'staff.manage', async (request, reply, signed) => {
    const t = adminT(request);
    const user = await staff.getStaff(staffId(request));
    const form = formValues(request);
    const values: EditValues = { name: form.name, role: form.role, locale: form.locale, practitionerId: form.practitionerId };
    const parsed = updateSchema.safeParse(form);
    if (!parsed.success) return editPage(request, reply, signed, user, { status: 422, values, errors: fieldMessages(parsed.error, t) });
    const { name, role, locale, practitionerId } = parsed.data;
    // A role change is sensitive; name, language and the practitioner link are not.
    if (role !== user.role && !(await hasFreshProof(request, signed))) {
      return editPage(request, reply, signed, user, { status: 422, values, reauthError: reauthFailed(request, 'update') });
    }
    try {
      await staff.updateStaff(
        signed,
        user.id,
        { name, role, locale, ...(practitionerId !== undefined ? { practitionerId: practitionerId === '' ? null : Number(practitionerId) } : {}) },
        requestMeta(request),
      );
    } catch (err) {
      if (err instanceof Invalid) return editPage(request, reply, signed, user, { status: 422, values, errors: invalidMessages(t, err) });
      const message = err instanceof Conflict ? conflictMessage(t, err) : undefined;
      if (message) return editPage(request, reply, signed, user, { status: 409, values, formError: { form: 'update', message } });
      throw err;
    }
    return reply.redirect(`/admin/staff/${user.id}?notice=saved`, 303);
  });

  staffRoute(app, 'POST', '/admin/staff/:id/deactivate', 'staff.manage', async (request, reply, signed) => {
    const t = adminT(request);
    const user = await staff.getStaff(staffId(request));
    if (user.id === signed.user.id) return editPage(request, reply, signed, user, { status: 409, formError: { form: 'deactivate', message: t('staff.conflict.self') } });
    if (!user.active) return reply.redirect(`/admin/staff/${user.id}`, 303);
    if (!(await hasFreshProof(request, signed))) return editPage(request, reply, signed, user, { status: 422, reauthError: reauthFailed(request, 'deactivate') });
    try {
      await staff.setActive(signed, user.id, false, requestMeta(request));
    } catch (err) {
      const message = err instanceof Conflict ? conflictMessage(t, err) : undefined;
      if (message) return editPage(request, reply, signed, user, { status: 409, formError: { form: 'deactivate', message } });
      throw err;
    }
    return reply.redirect(`/admin/staff/${user.id}?notice=deactivated`, 303);
  });

  staffRoute(app, 'POST', '/admin/staff/:id/activate', 'staff.manage', async (request, reply, signed) => {
    const user = await staff.getStaff(staffId(request));
    if (user.active) return reply.redirect(`/admin/staff/${user.id}`, 303);
    await staff.setActive(signed, user.id, true, requestMeta(request));
    return reply.redirect(`/admin/staff/${user.id}?notice=activated`, 303);
  });

  staffRoute(app, 'POST', '/admin/staff/:id/reset-password', 'staff.manage', async (request, reply, signed) => {
    const t = adminT(request);
    const user = await staff.getStaff(staffId(request));
    const resetSecondFactor = formValues(request).resetSecondFactor === '1';
    // One's own password is changed with the current one on "Change password", not reset from here (it would sign one out).
    if (user.id === signed.user.id) {
      return editPage(request, reply, signed, user, { status: 409, resetSecondFactor, formError: { form: 'reset', message: t('staff.selfReset') } });
    }
    if (!(await hasFreshProof(request, signed))) {
      return editPage(request, reply, signed, user, { status: 422, resetSecondFactor, reauthError: reauthFailed(request, 'reset') });
    }
    const result = await staff.resetPassword(signed, user.email, { resetSecondFactor }, requestMeta(request));
    return sendAdmin(request, reply, {
      title: t('staff.resetDoneTitle'),
      active: '/admin/staff',
      body: OneTimePasswordView({ t, user: result.user, password: result.password, kind: 'reset', secondFactorReset: resetSecondFactor }),
    });
  });
}

/** The message under the proof field of `form`: "please fill in" when it was left empty, "did not match" otherwise. */
function reauthFailed(request: FastifyRequest, form: SensitiveForm): { form: SensitiveForm; message: string } {
  const t = adminT(request);
  return { form, message: formValues(request).reauth ? t('reauth.failed') : t('staff.reauthRequired') };
}
