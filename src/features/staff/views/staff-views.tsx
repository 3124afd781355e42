// Staff management views: the staff list, the new-account form, one person's page and the one-time password page.
import type { Translate } from '../../../i18n/index.ts';
import { CsrfField, ErrorSummary, Field } from '../../../web/views/admin-layout.tsx';
import type { Role } from '../permissions.ts';
import type { StaffUser } from '../service.ts';

export interface Option {
  value: string;
  label: string;
  lang?: string;
}

export const localeOptions: Option[] = [
  { value: 'tr', label: 'Türkçe', lang: 'tr' },
  { value: 'en', label: 'English', lang: 'en' },
];

/** A labelled select with its error message wired for screen readers (the select twin of Field). */
export function SelectField(props: {
  name: string;
  label: string;
  value: string | undefined;
  options: Option[];
  error?: string | undefined;
  hint?: string | undefined;
  placeholder?: string | undefined;
  required?: boolean;
  idSuffix?: string;
}) {
  const { name, label, value, options, error, hint, placeholder, required, idSuffix } = props;
  const id = `f-${name}${idSuffix ? `-${idSuffix}` : ''}`;
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={id}>{label}</label>
      {hint ? (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p class="error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      <select id={id} name={name} required={required} aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy}>
        {placeholder !== undefined ? (
          <option value="" selected={!value}>
            {placeholder}
          </option>
        ) : null}
        {options.map((o) => (
          <option value={o.value} selected={o.value === value} lang={o.lang}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * Fresh proof of presence inside one of several sensitive forms on the same page. Same text and field name as
 * ReauthField in auth-views.tsx, but with an id per form so each label points at its own input.
 */
export function ReauthBox({ t, form, error }: { t: Translate; form: string; error?: string | undefined }) {
  const id = `f-reauth-${form}`;
  const describedBy = [`${id}-hint`, error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <fieldset class="reauth">
      <legend>{t('reauth.title')}</legend>
      <p class="hint" id={`${id}-hint`}>
        {t('reauth.prompt')}
      </p>
      <div class={error ? 'field has-error' : 'field'}>
        <label for={id}>{t('reauth.label')}</label>
        {error ? (
          <p class="error" id={`${id}-error`}>
            {error}
          </p>
        ) : null}
        <input id={id} name="reauth" type="password" autoComplete="current-password" maxLength={1024} aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy} />
      </div>
    </fieldset>
  );
}

function ErrorBanner({ message }: { message: string | undefined }) {
  if (!message) return null;
  return (
    <div class="banner error" role="alert">
      {message}
    </div>
  );
}

function StatusBadge({ t, active }: { t: Translate; active: boolean }) {
  return <span class={active ? 'badge' : 'badge inactive'}>{active ? t('staff.active') : t('staff.inactive')}</span>;
}

export function StaffList(props: { t: Translate; users: StaffUser[]; practitionerNames: ReadonlyMap<number, string>; canManage: boolean; currentUserId: number }) {
  const { t, users, practitionerNames, canManage, currentUserId } = props;
  return (
    <>
      {canManage ? (
        <p>
          <a class="button-primary" href="/admin/staff/new">
            {t('staff.add')}
          </a>
        </p>
      ) : null}
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">{t('staff.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('staff.field.name')}</th>
              <th scope="col">{t('staff.field.email')}</th>
              <th scope="col">{t('staff.field.role')}</th>
              <th scope="col">{t('staff.col.status')}</th>
              <th scope="col">{t('staff.col.totp')}</th>
              <th scope="col">{t('staff.field.practitioner')}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr>
                <th scope="row">
                  <a href={`/admin/staff/${u.id}`}>{u.name}</a>
                  {u.id === currentUserId ? <span class="hint"> ({t('staff.you')})</span> : null}
                </th>
                <td>{u.email}</td>
                <td>{t(`role.${u.role}`)}</td>
                <td>
                  <StatusBadge t={t} active={u.active} />
                </td>
                <td>{u.totpEnabled ? t('staff.totpOn') : t('staff.totpOff')}</td>
                <td>{u.practitionerId === null ? '—' : (practitionerNames.get(u.practitionerId) ?? `#${u.practitionerId}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

export interface CreateValues {
  name?: string | undefined;
  email?: string | undefined;
  role?: string | undefined;
  locale?: string | undefined;
}

export function roleOptions(t: Translate, roles: readonly Role[]): Option[] {
  return roles.map((r) => ({ value: r, label: t(`role.${r}`) }));
}

export function StaffCreateForm(props: {
  t: Translate;
  csrf: string;
  values: CreateValues;
  errors: Record<string, string>;
  roles: readonly Role[];
  /** The session's last proof of presence is old: creating an administrator needs a fresh one. */
  reauthNeeded: boolean;
  reauthError?: string | undefined;
}) {
  const { t, csrf, values, errors, roles, reauthNeeded, reauthError } = props;
  return (
    <>
      <ErrorSummary t={t} errors={errors} />
      <form method="post" action="/admin/staff/new" class="stack narrow" novalidate>
        <CsrfField token={csrf} />
        <Field name="name" label={t('staff.field.name')} value={values.name} error={errors.name} autocomplete="off" required maxLength={120} />
        <Field name="email" label={t('staff.field.email')} type="email" value={values.email} error={errors.email} hint={t('staff.emailHint')} autocomplete="off" required maxLength={254} />
        <SelectField name="role" label={t('staff.field.role')} value={values.role} options={roleOptions(t, roles)} error={errors.role} placeholder={t('staff.chooseRole')} required />
        <SelectField name="locale" label={t('staff.field.locale')} value={values.locale} options={localeOptions} error={errors.locale} required />
        <p class="hint">{t('staff.createHint')}</p>
        {reauthNeeded ? (
          <>
            <p class="hint">{t('staff.reauthAdminOnly')}</p>
            <ReauthBox t={t} form="create" error={reauthError} />
          </>
        ) : null}
        <div class="actions">
          <button type="submit" class="button-primary">
            {t('staff.createSubmit')}
          </button>
          <a class="button-secondary" href="/admin/staff">
            {t('form.cancel')}
          </a>
        </div>
      </form>
    </>
  );
}

/** The one-time password, shown once after creating an account or resetting its password. */
export function OneTimePasswordView(props: { t: Translate; user: StaffUser; password: string; kind: 'created' | 'reset'; secondFactorReset?: boolean }) {
  const { t, user, password, kind, secondFactorReset } = props;
  return (
    <>
      <p class="banner success" role="status">
        {kind === 'created' ? t('staff.created', { name: user.name, email: user.email }) : t('staff.resetDone', { name: user.name, email: user.email })}
        {secondFactorReset ? ` ${t('staff.resetTotpDone')}` : ''}
      </p>
      <p>
        {t('staff.oneTimeLabel')} <code class="secret">{password}</code>
      </p>
      <p class="banner warning">{t('staff.oneTimeSecure', { name: user.name })}</p>
      <div class="actions">
        <a class="button-secondary" href={`/admin/staff/${user.id}`}>
          {t('staff.openPage', { name: user.name })}
        </a>
        <a class="button-secondary" href="/admin/staff">
          {t('staff.backToList')}
        </a>
      </div>
    </>
  );
}

export interface EditValues {
  name?: string | undefined;
  role?: string | undefined;
  locale?: string | undefined;
  practitionerId?: string | undefined;
}

export type SensitiveForm = 'create' | 'update' | 'deactivate' | 'reset';

export interface EditViewProps {
  t: Translate;
  csrf: string;
  user: StaffUser;
  values: EditValues;
  errors: Record<string, string>;
  roles: readonly Role[];
  practitioners: Array<{ id: number; full_name: string }>;
  canManage: boolean;
  isSelf: boolean;
  /** The last proof of presence is too old: sensitive forms ask for the password again. */
  reauthNeeded: boolean;
  /** A problem with one form that is not about a single field (conflict, wrong proof). */
  formError?: { form: SensitiveForm | 'activate'; message: string } | undefined;
  reauthError?: { form: SensitiveForm; message: string } | undefined;
  resetSecondFactor?: boolean;
}

function practitionerOptions(t: Translate, practitioners: Array<{ id: number; full_name: string }>, current: number | null): Option[] {
  const options = practitioners.map((p) => ({ value: String(p.id), label: p.full_name }));
  // A link to a practitioner no longer listed (made inactive) stays selectable, so saving does not drop it silently.
  if (current !== null && !practitioners.some((p) => p.id === current)) options.push({ value: String(current), label: t('staff.practitionerUnlisted', { id: current }) });
  return options;
}

export function StaffEditView(props: EditViewProps) {
  const { t, csrf, user, values, errors, roles, practitioners, canManage, isSelf, reauthNeeded, formError, reauthError, resetSecondFactor } = props;
  const errorFor = (form: SensitiveForm | 'activate') => (formError?.form === form ? formError.message : undefined);
  const reauthFor = (form: SensitiveForm) => (reauthNeeded ? <ReauthBox t={t} form={form} error={reauthError?.form === form ? reauthError.message : undefined} /> : null);
  const practitionerName = user.practitionerId === null ? undefined : (practitioners.find((p) => p.id === user.practitionerId)?.full_name ?? `#${user.practitionerId}`);
  return (
    <>
      <dl>
        <dt>{t('staff.field.email')}</dt>
        <dd>{user.email}</dd>
        <dt>{t('staff.col.status')}</dt>
        <dd>
          <StatusBadge t={t} active={user.active} />
        </dd>
        <dt>{t('staff.col.totp')}</dt>
        <dd>{user.totpEnabled ? t('staff.totpOn') : t('staff.totpOff')}</dd>
        {!canManage ? (
          <>
            <dt>{t('staff.field.role')}</dt>
            <dd>{t(`role.${user.role}`)}</dd>
            <dt>{t('staff.field.practitioner')}</dt>
            <dd>{practitionerName ?? '—'}</dd>
          </>
        ) : null}
      </dl>
      {isSelf ? <p class="banner info">{t('staff.selfNote')}</p> : null}

      {canManage ? (
        <>
          <section aria-labelledby="details-h">
            <h2 id="details-h">{t('staff.detailsTitle')}</h2>
            <ErrorBanner message={errorFor('update')} />
            <ErrorSummary t={t} errors={errors} />
            <form method="post" action={`/admin/staff/${user.id}`} class="stack narrow" novalidate>
              <CsrfField token={csrf} />
              <Field name="name" label={t('staff.field.name')} value={values.name} error={errors.name} autocomplete="off" required maxLength={120} />
              <SelectField
                name="role"
                label={t('staff.field.role')}
                value={values.role}
                options={roleOptions(t, roles)}
                error={errors.role}
                hint={t('staff.roleHint')}
                required
              />
              <SelectField name="locale" label={t('staff.field.locale')} value={values.locale} options={localeOptions} error={errors.locale} required />
              <SelectField
                name="practitionerId"
                label={t('staff.field.practitioner')}
                value={values.practitionerId ?? ''}
                options={practitionerOptions(t, practitioners, user.practitionerId)}
                error={errors.practitionerId}
                hint={t('staff.practitionerHint')}
                placeholder={t('staff.noPractitioner')}
              />
              {reauthNeeded ? <p class="hint">{t('staff.reauthRoleOnly')}</p> : null}
              {reauthFor('update')}
              <button type="submit" class="button-primary">
                {t('form.save')}
              </button>
            </form>
          </section>

          <section aria-labelledby="status-h">
            <h2 id="status-h">{t('staff.statusTitle')}</h2>
            {user.active ? (
              <>
                <p>{t('staff.isActive')}</p>
                <ErrorBanner message={errorFor('deactivate')} />
                {isSelf ? (
                  <p class="hint">{t('staff.conflict.self')}</p>
                ) : (
                  <form method="post" action={`/admin/staff/${user.id}/deactivate`} class="stack narrow" novalidate>
                    <CsrfField token={csrf} />
                    <p class="hint">{t('staff.deactivateHint')}</p>
                    {reauthFor('deactivate')}
                    <button type="submit" class="button-danger">
                      {t('staff.deactivate')}
                    </button>
                  </form>
                )}
              </>
            ) : (
              <>
                <p>{t('staff.isInactive')}</p>
                <ErrorBanner message={errorFor('activate')} />
                <form method="post" action={`/admin/staff/${user.id}/activate`} class="stack narrow">
                  <CsrfField token={csrf} />
                  <button type="submit" class="button-secondary">
                    {t('staff.activate')}
                  </button>
                </form>
              </>
            )}
          </section>

          <section aria-labelledby="reset-h">
            <h2 id="reset-h">{t('staff.resetTitle')}</h2>
            <ErrorBanner message={errorFor('reset')} />
            {isSelf ? (
              <p class="hint">
                {t('staff.selfReset')} <a href="/admin/password">{t('password.title')}</a>
              </p>
            ) : (
              <form method="post" action={`/admin/staff/${user.id}/reset-password`} class="stack narrow" novalidate>
                <CsrfField token={csrf} />
                <p class="hint">{t('staff.resetHint')}</p>
                <p>
                  <label>
                    <input type="checkbox" name="resetSecondFactor" value="1" checked={resetSecondFactor ?? false} /> {t('staff.resetTotp')}
                  </label>
                </p>
                {reauthFor('reset')}
                <button type="submit" class="button-danger">
                  {t('staff.resetSubmit')}
                </button>
              </form>
            )}
          </section>
        </>
      ) : null}
      <p>
        <a href="/admin/staff">{t('staff.backToList')}</a>
      </p>
    </>
  );
}
