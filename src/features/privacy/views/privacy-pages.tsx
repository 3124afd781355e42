// Privacy requests pages: search, and one person's file with export, consent withdrawal and erasure.
import type { Translate } from '../../../i18n/index.ts';
import { CsrfField, Field } from '../../../web/views/admin-layout.tsx';
import { ReauthBox } from '../../staff/views/staff-views.tsx';

export interface SearchRow {
  href: string;
  name: string;
  phone: string;
  email: string;
  since: string;
  appointments: number;
}

export interface CommentRow {
  article: string;
  language: string;
  date: string;
  status: string;
  /** The first 80 characters of the text (escaped by JSX like every text). */
  excerpt: string;
  answer: boolean;
}

export interface CommentsView {
  /** The address as typed (shown back in the field and carried by the action forms). */
  email: string;
  csrf: string;
  reauthNeeded: boolean;
  error?: string | undefined;
  rows?: CommentRow[] | undefined;
  summary?: string | undefined;
  eraseError?: string | undefined;
  reauthError?: string | undefined;
}

/** One search field (the project's Field) as a GET form: the patient search and the comments-by-e-mail search. */
function SearchForm(props: {
  action: string;
  label: { 'aria-label': string } | { 'aria-labelledby': string };
  field: { name: string; type: 'search' | 'email'; maxLength: number; label: string; hint: string; value: string; error?: string | undefined };
  submit: string;
}) {
  return (
    <form method="get" action={props.action} class="filters" role="search" {...props.label}>
      <Field {...props.field} autocomplete="off" />
      <div class="actions">
        <button type="submit" class="button-primary">
          {props.submit}
        </button>
      </div>
    </form>
  );
}

export function PrivacySearch(props: { t: Translate; query: string; error?: string | undefined; rows?: SearchRow[] | undefined; summary?: string | undefined; comments?: CommentsView | undefined }) {
  const { t, query, error, rows, summary, comments } = props;
  return (
    <>
      <p>{t('privacy.intro')}</p>
      <SearchForm
        action="/admin/privacy"
        label={{ 'aria-label': t('privacy.title') }}
        field={{ name: 'q', type: 'search', maxLength: 100, label: t('privacy.search.label'), hint: t('privacy.search.hint'), value: query, error }}
        submit={t('privacy.search.submit')}
      />
      {rows === undefined ? null : rows.length === 0 ? (
        <p role="status" id="privacy-none">
          {t('privacy.search.none', { query })}
        </p>
      ) : (
        <div class="table-wrap">
          <p class="hint" role="status">
            {summary}
          </p>
          <table>
            <caption class="visually-hidden">{t('privacy.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('privacy.col.name')}</th>
                <th scope="col">{t('privacy.col.phone')}</th>
                <th scope="col">{t('privacy.col.email')}</th>
                <th scope="col">{t('privacy.col.since')}</th>
                <th scope="col">{t('privacy.col.appointments')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr>
                  <td>
                    <a href={r.href}>{r.name}</a>
                  </td>
                  <td>{r.phone}</td>
                  <td>{r.email}</td>
                  <td>{r.since}</td>
                  <td>{r.appointments}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {comments ? <CommentsByEmail t={t} view={comments} /> : null}
    </>
  );
}

function CommentsByEmail({ t, view }: { t: Translate; view: CommentsView }) {
  const { error, rows } = view;
  return (
    <section aria-labelledby="c-title" class="stack" id="comments-by-email">
      <h2 id="c-title">{t('privacy.comments.title')}</h2>
      <p>{t('privacy.comments.intro')}</p>
      <SearchForm
        action="/admin/privacy#comments-by-email"
        label={{ 'aria-labelledby': 'c-title' }}
        field={{ name: 'email', type: 'email', maxLength: 254, label: t('privacy.comments.label'), hint: t('privacy.comments.hint'), value: view.email, error }}
        submit={t('privacy.comments.submit')}
      />
      {rows === undefined ? null : rows.length === 0 ? (
        <p role="status" id="comments-none">
          {t('privacy.comments.none', { email: view.email })}
        </p>
      ) : (
        <>
          <div class="table-wrap">
            <p class="hint" role="status">
              {view.summary}
            </p>
            <table id="comments-found">
              <caption class="visually-hidden">{t('privacy.comments.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('privacy.comments.col.article')}</th>
                  <th scope="col">{t('privacy.col.at')}</th>
                  <th scope="col">{t('privacy.col.status')}</th>
                  <th scope="col">{t('privacy.col.text')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr>
                    <td>
                      {r.article} <span class="hint">({r.language})</span>
                    </td>
                    <td>{r.date}</td>
                    <td>{r.status}</td>
                    <td>
                      {r.answer ? <span class="hint">{t('privacy.comments.answer')} </span> : null}
                      {r.excerpt}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <section aria-labelledby="c-export" class="stack">
            <h3 id="c-export">{t('privacy.comments.export.title')}</h3>
            <p class="hint">{t('privacy.comments.export.hint')}</p>
            <form method="post" action="/admin/privacy/comments/export">
              <CsrfField token={view.csrf} />
              <input type="hidden" name="email" value={view.email} />
              <button type="submit" class="button-secondary">
                {t('privacy.comments.export.submit')}
              </button>
            </form>
          </section>
          <EraseSection
            t={t}
            name="comments-erase"
            level={3}
            headingId="c-erase"
            title={t('privacy.comments.erase.title')}
            hint={t('privacy.comments.erase.hint')}
            action="/admin/privacy/comments/erase"
            csrf={view.csrf}
            email={view.email}
            error={view.eraseError}
            reauthNeeded={view.reauthNeeded}
            reauthError={view.reauthError}
            confirm={t('privacy.comments.erase.confirm')}
            submit={t('privacy.comments.erase.submit')}
          />
        </>
      )}
    </section>
  );
}

export interface FileView {
  id: number;
  erased?: string | undefined;
  person: Array<{ label: string; value: string }>;
  appointments: Array<{ service: string; time: string; status: string; intake: string }>;
  consents: Array<{ text: string; version: number; given: string; at: string }>;
  messages: Array<{ channel: string; kind: string; status: string; at: string }>;
  /** Whether appointment messages currently go to them on WhatsApp (latest opt-in answer in the ledger). */
  whatsapp: boolean;
}

export interface FileForms {
  csrf: string;
  reauthNeeded: boolean;
  eraseError?: string | undefined;
  reauthError?: string | undefined;
}

export function PrivacyFile({ t, view, forms }: { t: Translate; view: FileView; forms: FileForms }) {
  const base = `/admin/privacy/patients/${view.id}`;
  return (
    <>
      {view.erased ? <p class="banner warning">{view.erased}</p> : null}
      {view.erased && forms.eraseError ? (
        // The forms (and their error slot) are gone from an erased record: say here why the action was refused.
        <p class="banner error" role="alert">
          {forms.eraseError}
        </p>
      ) : null}
      <section aria-labelledby="p-person">
        <h2 id="p-person">{t('privacy.file.person')}</h2>
        <dl class="details">
          {view.person.map((row) => (
            <>
              <dt>
                <strong>{row.label}</strong>
              </dt>
              <dd>{row.value}</dd>
            </>
          ))}
        </dl>
      </section>
      <section aria-labelledby="p-appointments">
        <h2 id="p-appointments">{t('privacy.file.appointments')}</h2>
        {view.appointments.length === 0 ? (
          <p>{t('privacy.file.noAppointments')}</p>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('privacy.col.time')}</th>
                  <th scope="col">{t('privacy.col.service')}</th>
                  <th scope="col">{t('privacy.col.status')}</th>
                  <th scope="col">{t('privacy.col.intake')}</th>
                </tr>
              </thead>
              <tbody>
                {view.appointments.map((a) => (
                  <tr>
                    <td>{a.time}</td>
                    <td>{a.service}</td>
                    <td>{a.status}</td>
                    <td>{a.intake}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="p-consents">
        <h2 id="p-consents">{t('privacy.file.consents')}</h2>
        {view.consents.length === 0 ? (
          <p>{t('privacy.file.noConsents')}</p>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('privacy.col.text')}</th>
                  <th scope="col">{t('privacy.col.version')}</th>
                  <th scope="col">{t('privacy.col.given')}</th>
                  <th scope="col">{t('privacy.col.at')}</th>
                </tr>
              </thead>
              <tbody>
                {view.consents.map((c) => (
                  <tr>
                    <td>{c.text}</td>
                    <td>{c.version}</td>
                    <td>{c.given}</td>
                    <td>{c.at}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="p-messages">
        <h2 id="p-messages">{t('privacy.file.messages')}</h2>
        {view.messages.length === 0 ? (
          <p>{t('privacy.file.noMessages')}</p>
        ) : (
          <ul>
            {view.messages.map((m) => (
              <li>
                {m.at} · {m.channel} · {m.kind} · {m.status}
              </li>
            ))}
          </ul>
        )}
      </section>
      {view.erased ? null : (
        <>
          <section aria-labelledby="p-export" class="stack">
            <h2 id="p-export">{t('privacy.export.title')}</h2>
            <p class="hint">{t('privacy.export.hint')}</p>
            <form method="post" action={`${base}/export`}>
              <CsrfField token={forms.csrf} />
              <button type="submit" class="button-secondary">
                {t('privacy.export.submit')}
              </button>
            </form>
          </section>
          <section aria-labelledby="p-whatsapp" class="stack">
            <h2 id="p-whatsapp">{t('privacy.whatsapp.title')}</h2>
            <p id="whatsapp-state">{view.whatsapp ? t('privacy.whatsapp.on') : t('privacy.whatsapp.off')}</p>
            {view.whatsapp ? (
              <>
                <p class="hint">{t('privacy.whatsapp.hint')}</p>
                <form method="post" action={`${base}/stop-whatsapp`}>
                  <CsrfField token={forms.csrf} />
                  <button type="submit" class="button-secondary">
                    {t('privacy.whatsapp.submit')}
                  </button>
                </form>
              </>
            ) : null}
          </section>
          <section aria-labelledby="p-withdraw" class="stack">
            <h2 id="p-withdraw">{t('privacy.withdraw.title')}</h2>
            <p class="hint">{t('privacy.withdraw.hint')}</p>
            <form method="post" action={`${base}/withdraw-consent`}>
              <CsrfField token={forms.csrf} />
              <button type="submit" class="button-secondary">
                {t('privacy.withdraw.submit')}
              </button>
            </form>
          </section>
          <EraseSection
            t={t}
            name="erase"
            level={2}
            headingId="p-erase"
            title={t('privacy.erase.title')}
            hint={t('privacy.erase.hint')}
            action={`${base}/erase`}
            csrf={forms.csrf}
            error={forms.eraseError}
            reauthNeeded={forms.reauthNeeded}
            reauthError={forms.reauthError}
            confirm={t('privacy.erase.confirm')}
            submit={t('privacy.erase.submit')}
          />
        </>
      )}
      <p>
        <a href="/admin/privacy">← {t('privacy.back')}</a>
      </p>
    </>
  );
}

/** An erasure form: a warning, a confirmation box and, when the session's proof is stale, re-authentication. `name`
 * gives the form's ids (`${name}-error`, `f-${name}-confirm`) and the re-authentication box's form. */
function EraseSection(props: {
  t: Translate;
  name: string;
  level: 2 | 3;
  headingId: string;
  title: string;
  hint: string;
  action: string;
  csrf: string;
  email?: string | undefined;
  error?: string | undefined;
  reauthNeeded: boolean;
  reauthError?: string | undefined;
  confirm: string;
  submit: string;
}) {
  const { t, name } = props;
  const Heading = props.level === 2 ? 'h2' : 'h3';
  return (
    <section aria-labelledby={props.headingId} class="stack">
      <Heading id={props.headingId}>{props.title}</Heading>
      <p class="banner warning">{props.hint}</p>
      <form method="post" action={props.action} class="stack narrow" novalidate>
        <CsrfField token={props.csrf} />
        {props.email !== undefined ? <input type="hidden" name="email" value={props.email} /> : null}
        {props.error ? (
          <p class="banner error" role="alert" id={`${name}-error`}>
            {props.error}
          </p>
        ) : null}
        <div class="field checkbox">
          <label>
            <input id={`f-${name}-confirm`} name="confirm" type="checkbox" value="yes" /> {props.confirm}
          </label>
        </div>
        {props.reauthNeeded ? <ReauthBox t={t} form={name} error={props.reauthError} /> : null}
        <div class="actions">
          <button type="submit" class="button-danger">
            {props.submit}
          </button>
        </div>
      </form>
    </section>
  );
}
