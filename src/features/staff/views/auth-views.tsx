// Sign-in, second factor, password and own-account views.
import type { Translate } from '../../../i18n/index.ts';
import { CsrfField, ErrorSummary, Field } from '../../../web/views/admin-layout.tsx';
import type { StaffSession } from '../service.ts';

export function LoginForm(props: { t: Translate; email?: string; error?: string | undefined; next: string; lang: string }) {
  const { t, email, error, next, lang } = props;
  return (
    <>
      {error ? (
        <div class="banner error" role="alert">
          {error}
        </div>
      ) : null}
      <form method="post" action={`/admin/login?lang=${lang}`} class="stack narrow" novalidate>
        <input type="hidden" name="next" value={next} />
        <Field name="email" label={t('login.email')} type="email" autocomplete="username" value={email} required maxLength={320} />
        <Field name="password" label={t('login.password')} type="password" autocomplete="current-password" required maxLength={1024} />
        <button type="submit" class="button-primary">
          {t('login.submit')}
        </button>
      </form>
      <p class="hint">{t('login.forgot')}</p>
    </>
  );
}

export function TotpForm(props: { t: Translate; csrf: string; error?: string | undefined; next: string }) {
  const { t, csrf, error, next } = props;
  return (
    <>
      <p>{t('totp.prompt')}</p>
      <form method="post" action="/admin/login/second-factor" class="stack narrow" novalidate>
        <CsrfField token={csrf} />
        <input type="hidden" name="next" value={next} />
        <Field name="code" label={t('totp.code')} autocomplete="one-time-code" error={error} required maxLength={20} />
        <button type="submit" class="button-primary">
          {t('totp.submit')}
        </button>
      </form>
    </>
  );
}

export function PasswordForm(props: { t: Translate; csrf: string; errors: Record<string, string>; mustChange: boolean }) {
  const { t, csrf, errors, mustChange } = props;
  return (
    <>
      {mustChange ? <p class="banner info">{t('password.mustChange')}</p> : null}
      <ErrorSummary t={t} errors={errors} />
      <form method="post" action="/admin/password" class="stack narrow" novalidate>
        <CsrfField token={csrf} />
        <Field name="current" label={t('password.current')} type="password" autocomplete="current-password" error={errors.current} required />
        <Field name="password" label={t('password.new')} type="password" autocomplete="new-password" hint={t('password.hint')} error={errors.password} required />
        <Field name="confirm" label={t('password.confirm')} type="password" autocomplete="new-password" error={errors.confirm} required />
        <button type="submit" class="button-primary">
          {t('form.save')}
        </button>
      </form>
    </>
  );
}

export function Dashboard(props: { t: Translate; name: string; links: Array<{ href: string; label: string }> }) {
  const { t, name, links } = props;
  return (
    <>
      <p>{t('dashboard.welcome', { name })}</p>
      <p>{t('dashboard.intro')}</p>
      <ul class="tiles">
        {links.map((l) => (
          <li>
            <a href={l.href}>{l.label}</a>
          </li>
        ))}
      </ul>
    </>
  );
}

export function AccountView(props: {
  t: Translate;
  csrf: string;
  sessions: StaffSession[];
  currentIdHash: string;
  formatTime: (ms: number) => string;
  totpEnabled: boolean;
  recoveryLeft: number;
}) {
  const { t, csrf, sessions, currentIdHash, formatTime, totpEnabled, recoveryLeft } = props;
  return (
    <>
      <section aria-labelledby="security-h">
        <h2 id="security-h">{t('account.security')}</h2>
        <p>{totpEnabled ? t('totp.enabled') : t('totp.notEnabled')}</p>
        {totpEnabled ? (
          <>
            <p>{t('totp.recoveryLeft', { count: recoveryLeft })}</p>
            <form method="post" action="/admin/account/security/recovery-codes">
              <CsrfField token={csrf} />
              <button type="submit" class="button-secondary">
                {t('totp.recoveryRegenerate')}
              </button>
            </form>
          </>
        ) : (
          <p>
            <a class="button-primary" href="/admin/account/security">
              {t('totp.enrolTitle')}
            </a>
          </p>
        )}
      </section>
      <section aria-labelledby="password-h">
        <h2 id="password-h">{t('password.title')}</h2>
        <p>
          <a href="/admin/password">{t('password.title')}</a>
        </p>
      </section>
      <section aria-labelledby="sessions-h">
        <h2 id="sessions-h">{t('account.sessions')}</h2>
        <p>{t('account.sessionsIntro')}</p>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('account.started')}</th>
                <th scope="col">{t('account.lastSeen')}</th>
                <th scope="col">{t('account.address')}</th>
                <th scope="col">{t('account.device')}</th>
                <th scope="col">
                  <span class="visually-hidden">{t('account.revoke')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sessions.map((s) => (
                <tr>
                  <td>{formatTime(s.createdAt)}</td>
                  <td>{formatTime(s.lastSeenAt)}</td>
                  <td>{s.ip}</td>
                  <td class="ua">{s.userAgent}</td>
                  <td>
                    {s.idHash === currentIdHash ? (
                      <strong>{t('account.thisSession')}</strong>
                    ) : (
                      <form method="post" action="/admin/account/sessions/revoke">
                        <CsrfField token={csrf} />
                        <input type="hidden" name="session" value={s.idHash} />
                        <button type="submit" class="button-secondary">
                          {t('account.revoke')}
                        </button>
                      </form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {sessions.length > 1 ? (
          <form method="post" action="/admin/account/sessions/revoke-others">
            <CsrfField token={csrf} />
            <button type="submit" class="button-secondary">
              {t('account.revokeOthers')}
            </button>
          </form>
        ) : null}
      </section>
    </>
  );
}

export function EnrolView(props: { t: Translate; csrf: string; qrSvg: string; secret: string; error?: string | undefined; canPostpone: boolean }) {
  const { t, csrf, qrSvg, secret, error, canPostpone } = props;
  return (
    <>
      <p>{t('totp.enrolIntro')}</p>
      <div class="qr" role="img" aria-label="QR" dangerouslySetInnerHTML={{ __html: qrSvg }} />
      <p>
        {t('totp.secretLabel')} <code class="secret">{secret.replace(/(.{4})/g, '$1 ').trim()}</code>
      </p>
      <form method="post" action="/admin/account/security" class="stack narrow" novalidate>
        <CsrfField token={csrf} />
        <Field name="code" label={t('totp.code')} autocomplete="one-time-code" inputMode="numeric" error={error} required maxLength={10} />
        <button type="submit" class="button-primary">
          {t('totp.confirm')}
        </button>
      </form>
      {canPostpone ? (
        <p>
          <a href="/admin">{t('totp.later')}</a>
        </p>
      ) : null}
    </>
  );
}

export function RecoveryCodesView({ t, codes }: { t: Translate; codes: string[] }) {
  return (
    <>
      <h2>{t('totp.recoveryTitle')}</h2>
      <p>{t('totp.recoveryIntro')}</p>
      <ul class="codes">
        {codes.map((c) => (
          <li>
            <code>{c}</code>
          </li>
        ))}
      </ul>
      <p>
        <a class="button-primary" href="/admin">
          {t('admin.nav.dashboard')}
        </a>
      </p>
    </>
  );
}

/** Shown inside a sensitive form when the last proof of presence is too old. */
export function ReauthField({ t, error }: { t: Translate; error?: string | undefined }) {
  return (
    <fieldset class="reauth">
      <legend>{t('reauth.title')}</legend>
      <p class="hint">{t('reauth.prompt')}</p>
      <Field name="reauth" label={t('reauth.label')} type="password" autocomplete="current-password" error={error} required />
    </fieldset>
  );
}
