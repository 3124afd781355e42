import { randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import { describeEachEngine, type TestContext } from '../helpers/engines.ts';
import { html } from '../helpers/html.ts';
import { form, getAs, postAs, signedInStaff, signIn, type SignedInStaff } from '../helpers/staff.ts';

function uniqueEmail(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}@test.example`;
}

function oneTimePassword(body: string): string {
  const code = html(body).querySelector('code.secret')?.text.trim();
  if (!code) throw new Error('no one-time password on the page');
  return code;
}

async function userByEmail(ctx: TestContext, email: string) {
  const user = (await ctx.app.services.staff.listStaff()).find((u) => u.email === email.toLowerCase());
  if (!user) throw new Error(`no user ${email}`);
  return user;
}

async function countByEmail(ctx: TestContext, email: string): Promise<number> {
  return (await ctx.app.services.staff.listStaff()).filter((u) => u.email === email.toLowerCase()).length;
}

function loginAttempt(ctx: TestContext, email: string, password: string) {
  return ctx.app.inject({ method: 'POST', url: '/admin/login', ...form({ email, password }) });
}

async function auditRows(ctx: TestContext, action: string, targetId: number) {
  return ctx.database.db.selectFrom('audit_log').selectAll().where('action', '=', action).where('target_id', '=', String(targetId)).execute();
}

/** The values the edit form would send back unchanged. */
function unchanged(user: { name: string; role: string; locale: string; practitionerId: number | null }): Record<string, string> {
  return { name: user.name, role: user.role, locale: user.locale, practitionerId: user.practitionerId === null ? '' : String(user.practitionerId) };
}

/** Session still accepted? A rejected one is sent to the sign-in page. */
async function sessionWorks(ctx: TestContext, who: { cookie: string }): Promise<boolean> {
  const res = await getAs(ctx.app, who, '/admin');
  if (res.statusCode === 200) return true;
  expect(res.statusCode).toBe(303);
  expect(res.headers.location).toMatch(/^\/admin\/(login|password|account\/security)/);
  return !String(res.headers.location).startsWith('/admin/login');
}

describeEachEngine('staff management', (ctx) => {
  it('lists staff for an admin, with role, status, two-step state, practitioner and links', async () => {
    const admin = await signedInStaff(ctx(), 'admin');
    const other = await signedInStaff(ctx(), 'receptionist', { name: 'Listed Receptionist' });
    const res = await getAs(ctx().app, admin, '/admin/staff');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const doc = html(res.body);
    const row = doc.querySelectorAll('tbody tr').find((tr) => tr.text.includes(other.email));
    expect(row).toBeDefined();
    expect(row!.text).toContain('Listed Receptionist');
    expect(row!.text).toContain('Receptionist');
    expect(row!.text).toContain('Active');
    expect(row!.text).toContain('Off');
    expect(row!.querySelector(`a[href="/admin/staff/${other.id}"]`)).not.toBeNull();
    expect(doc.querySelector('a[href="/admin/staff/new"]')?.text).toBe('Add staff member');
    expect(doc.querySelector('nav a[aria-current=page]')?.getAttribute('href')).toBe('/admin/staff');
  });

  it('lets a receptionist read the list and a page, but refuses every change with 403', async () => {
    const reception = await signedInStaff(ctx(), 'receptionist');
    const target = await signedInStaff(ctx(), 'therapist');
    const list = await getAs(ctx().app, reception, '/admin/staff');
    expect(list.statusCode).toBe(200);
    expect(html(list.body).querySelector('a[href="/admin/staff/new"]')).toBeNull();
    const page = await getAs(ctx().app, reception, `/admin/staff/${target.id}`);
    expect(page.statusCode).toBe(200);
    expect(html(page.body).querySelectorAll('main form')).toHaveLength(0);

    expect((await getAs(ctx().app, reception, '/admin/staff/new')).statusCode).toBe(403);
    const email = uniqueEmail('by-reception');
    expect((await postAs(ctx().app, reception, '/admin/staff/new', { name: 'Nope', email, role: 'admin', locale: 'en' })).statusCode).toBe(403);
    expect(await countByEmail(ctx(), email)).toBe(0);
    const update = await postAs(ctx().app, reception, `/admin/staff/${target.id}`, { name: 'Changed', role: 'admin', locale: 'en', practitionerId: '' });
    expect(update.statusCode).toBe(403);
    for (const action of ['deactivate', 'activate', 'reset-password']) {
      expect((await postAs(ctx().app, reception, `/admin/staff/${target.id}/${action}`)).statusCode, action).toBe(403);
    }
    const after = await ctx().app.services.staff.getStaff(target.id);
    expect(after).toMatchObject({ name: 'Test therapist', role: 'therapist', active: true });
  });

  it('refuses the staff pages to a therapist', async () => {
    const therapist = await signedInStaff(ctx(), 'therapist');
    expect((await getAs(ctx().app, therapist, '/admin/staff')).statusCode).toBe(403);
    expect((await getAs(ctx().app, therapist, `/admin/staff/${therapist.id}`)).statusCode).toBe(403);
    expect((await getAs(ctx().app, therapist, '/admin/staff/new')).statusCode).toBe(403);
  });

  it('sends a signed-out visitor to the sign-in page', async () => {
    const res = await ctx().app.inject({ url: '/admin/staff' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin/login?next=%2Fadmin%2Fstaff');
  });

  it('creates an account with a one-time password that works once and forces a password change', async () => {
    const admin = await signedInStaff(ctx(), 'admin');
    const form = await getAs(ctx().app, admin, '/admin/staff/new');
    expect(form.statusCode).toBe(200);
    const doc = html(form.body);
    expect(doc.querySelector('input[name=_csrf]')?.getAttribute('value')).toBe(admin.csrf);
    expect(doc.querySelectorAll('select[name=role] option').map((o) => o.getAttribute('value'))).toEqual(['', 'admin', 'receptionist', 'therapist']);

    const email = uniqueEmail('New.Person');
    const res = await postAs(ctx().app, admin, '/admin/staff/new', { name: 'New Person', email: `  ${email.toUpperCase()} `, role: 'receptionist', locale: 'tr' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const password = oneTimePassword(res.body);
    expect(password).toMatch(/^[\w]{6}-[\w]{6}-[\w]{6}$/);
    expect(res.body).toContain('securely');

    const user = await userByEmail(ctx(), email);
    expect(user).toMatchObject({ name: 'New Person', role: 'receptionist', locale: 'tr', active: true, mustChangePassword: true });
    const created = await auditRows(ctx(), 'user.create', user.id);
    expect(created).toHaveLength(1);
    expect(created[0]!.actor_user_id).toBe(admin.id);

    const login = await loginAttempt(ctx(), email, password);
    expect(login.statusCode).toBe(303);
    expect(login.headers.location).toBe('/admin/password');
    const session = await signIn(ctx().app, email, password);
    const dashboard = await getAs(ctx().app, session, '/admin');
    expect(dashboard.statusCode).toBe(303);
    expect(dashboard.headers.location).toBe('/admin/password');

    // The page is not kept anywhere: the person's page never shows the password again.
    const page = await getAs(ctx().app, admin, `/admin/staff/${user.id}`);
    expect(page.body).not.toContain(password);
  });

  it('refuses a duplicate e-mail, also differing only in case, with a localized message and the form kept', async () => {
    const admin = await signedInStaff(ctx(), 'admin');
    const email = uniqueEmail('dup');
    expect((await postAs(ctx().app, admin, '/admin/staff/new', { name: 'First', email, role: 'therapist', locale: 'en' })).statusCode).toBe(200);
    for (const variant of [email, email.toUpperCase()]) {
      const res = await postAs(ctx().app, admin, '/admin/staff/new', { name: 'Second Try', email: variant, role: 'therapist', locale: 'en' });
      expect(res.statusCode, variant).toBe(422);
      const doc = html(res.body);
      expect(doc.querySelector('#f-email-error')?.text).toContain('already used');
      expect(doc.querySelector('input[name=name]')?.getAttribute('value')).toBe('Second Try');
      expect(doc.querySelector('input[name=email]')?.getAttribute('value')).toBe(variant);
      expect(doc.querySelector('select[name=role] option[selected]')?.getAttribute('value')).toBe('therapist');
    }
    expect(await countByEmail(ctx(), email)).toBe(1);
  });

  it('answers bad input with 422 and field messages, never 500, and creates nothing', async () => {
    const admin = await signedInStaff(ctx(), 'admin');
    const valid = () => ({ name: 'Valid Name', email: uniqueEmail('valid'), role: 'therapist', locale: 'en' });
    const cases: Array<[string, Record<string, string>, string]> = [
      ['long name', { ...valid(), name: 'a'.repeat(121) }, 'name'],
      ['blank name', { ...valid(), name: '   ' }, 'name'],
      ['control character in name', { ...valid(), name: 'Bad\u0000Name' }, 'name'],
      ['bidi override in name', { ...valid(), name: 'Evil\u202Eeman' }, 'name'],
      ['long e-mail', { ...valid(), email: `${'a'.repeat(250)}@example.com` }, 'email'],
      ['not an e-mail', { ...valid(), email: 'not-an-email' }, 'email'],
      ['role not in the list', { ...valid(), role: 'superuser' }, 'role'],
      ['empty role', { ...valid(), role: '' }, 'role'],
      ['language not offered', { ...valid(), locale: 'de' }, 'locale'],
    ];
    for (const [label, values, field] of cases) {
      const res = await postAs(ctx().app, admin, '/admin/staff/new', values);
      expect(res.statusCode, label).toBe(422);
      const doc = html(res.body);
      expect(doc.querySelector(`#f-${field}-error`)?.text, label).toBeTruthy();
      expect(doc.querySelector('[role=alert]'), label).not.toBeNull();
      expect(await countByEmail(ctx(), values.email!), label).toBe(0);
    }
    const empty = await postAs(ctx().app, admin, '/admin/staff/new', {});
    expect(empty.statusCode).toBe(422);
    const doc = html(empty.body);
    for (const field of ['name', 'email']) expect(doc.querySelector(`#f-${field}-error`)?.text, field).toBe('Please fill in this field.');
    expect(doc.querySelector('#f-role-error')?.text).toBe('Please choose one of the options.');
  });

  it('escapes markup in names', async () => {
    const admin = await signedInStaff(ctx(), 'admin');
    const name = '<script>alert(1)</script>';
    const invalid = await postAs(ctx().app, admin, '/admin/staff/new', { name, email: 'bad', role: 'therapist', locale: 'en' });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.body).not.toContain('<script>alert');
    const email = uniqueEmail('script');
    const res = await postAs(ctx().app, admin, '/admin/staff/new', { name, email, role: 'therapist', locale: 'en' });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('<script>alert');
    expect(html(res.body).querySelector('.banner.success')?.text).toContain(name);
    const list = await getAs(ctx().app, admin, '/admin/staff');
    expect(list.body).not.toContain('<script>alert');
    expect(list.body).toContain('&lt;script>alert(1)&lt;/script>');
    const user = await userByEmail(ctx(), email);
    expect(user.name).toBe(name);
    const page = await getAs(ctx().app, admin, `/admin/staff/${user.id}`);
    expect(page.body).not.toContain('<script>alert');
    expect(html(page.body).querySelector('input[name=name]')?.getAttribute('value')).toBe(name);
  });

  it('keeps a Turkish name exactly as typed', async () => {
    const admin = await signedInStaff(ctx(), 'admin');
    const email = uniqueEmail('ilknur');
    const res = await postAs(ctx().app, admin, '/admin/staff/new', { name: 'İlknur Işık', email, role: 'therapist', locale: 'tr' });
    expect(res.statusCode).toBe(200);
    const user = await userByEmail(ctx(), email);
    expect(user.name).toBe('İlknur Işık');
    const list = await getAs(ctx().app, admin, '/admin/staff');
    expect(list.body).toContain('İlknur Işık');
    const page = await getAs(ctx().app, admin, `/admin/staff/${user.id}`);
    expect(html(page.body).querySelector('input[name=name]')?.getAttribute('value')).toBe('İlknur Işık');
    // Saving the page unchanged keeps it too.
    expect((await postAs(ctx().app, admin, `/admin/staff/${user.id}`, unchanged(user))).statusCode).toBe(303);
    expect((await ctx().app.services.staff.getStaff(user.id)).name).toBe('İlknur Işık');
  });

  it('shows the edit page with the current values and the separate forms', async () => {
    const admin = await signedInStaff(ctx(), 'admin');
    const target = await signedInStaff(ctx(), 'therapist', { name: 'Edit Me' });
    const res = await getAs(ctx().app, admin, `/admin/staff/${target.id}`);
    expect(res.statusCode).toBe(200);
    const doc = html(res.body);
    expect(doc.querySelector(`form[action="/admin/staff/${target.id}"] input[name=name]`)?.getAttribute('value')).toBe('Edit Me');
    expect(doc.querySelector('select[name=role] option[selected]')?.getAttribute('value')).toBe('therapist');
    expect(doc.querySelector('select[name=locale] option[selected]')?.getAttribute('value')).toBe('en');
    expect(doc.querySelector('select[name=practitionerId] option[selected]')?.getAttribute('value')).toBe('');
    expect(doc.querySelector(`form[action="/admin/staff/${target.id}/deactivate"]`)).not.toBeNull();
    expect(doc.querySelector(`form[action="/admin/staff/${target.id}/reset-password"] input[name=resetSecondFactor]`)).not.toBeNull();
    // Fresh proof: no password box yet.
    expect(doc.querySelector('input[name=reauth]')).toBeNull();
    // Every label points at exactly one control.
    const ids = doc.querySelectorAll('[id]').map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('changes a role: the person is signed out at once and the change is audited', async () => {
    const admin = await signedInStaff(ctx(), 'admin');
    const target = await signedInStaff(ctx(), 'therapist');
    expect(await sessionWorks(ctx(), target)).toBe(true);
    const before = await ctx().app.services.staff.getStaff(target.id);
    const res = await postAs(ctx().app, admin, `/admin/staff/${target.id}`, { ...unchanged(before), role: 'receptionist' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/admin/staff/${target.id}?notice=saved`);
    expect((await ctx().app.services.staff.getStaff(target.id)).role).toBe('receptionist');
    expect(await sessionWorks(ctx(), target)).toBe(false);
    const rows = await auditRows(ctx(), 'user.role.change', target.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.actor_user_id).toBe(admin.id);
    expect(JSON.parse(rows[0]!.details)).toMatchObject({ role: { from: 'therapist', to: 'receptionist' } });
    const page = await getAs(ctx().app, admin, String(res.headers.location));
    expect(html(page.body).querySelector('.banner.success')?.text).toBe('Saved.');
    // Under the new role the person may read the staff list.
    const again = await signIn(ctx().app, target.email, target.password);
    expect((await getAs(ctx().app, again, '/admin/staff')).statusCode).toBe(200);
  });

  it('changes name and language without signing the person out', async () => {
    const admin = await signedInStaff(ctx(), 'admin');
    const target = await signedInStaff(ctx(), 'receptionist');
    const res = await postAs(ctx().app, admin, `/admin/staff/${target.id}`, { name: 'Renamed Person', role: 'receptionist', locale: 'tr', practitionerId: '' });
    expect(res.statusCode).toBe(303);
    expect(await ctx().app.services.staff.getStaff(target.id)).toMatchObject({ name: 'Renamed Person', locale: 'tr', role: 'receptionist' });
    expect(await sessionWorks(ctx(), target)).toBe(true);
    const rows = await auditRows(ctx(), 'user.update', target.id);
    expect(rows).toHaveLength(1);
  });

  it('keeps what was typed when an update is invalid', async () => {
    const admin = await signedInStaff(ctx(), 'admin');
    const target = await signedInStaff(ctx(), 'therapist', { name: 'Stays Same' });
    const res = await postAs(ctx().app, admin, `/admin/staff/${target.id}`, { name: 'x'.repeat(200), role: 'owner', locale: 'tr', practitionerId: '' });
    expect(res.statusCode).toBe(422);
    const doc = html(res.body);
    expect(doc.querySelector('#f-name-error')?.text).toContain('120');
    expect(doc.querySelector('#f-role-error')?.text).toBe('Please choose one of the options.');
    expect(doc.querySelector('input[name=name]')?.getAttribute('value')).toBe('x'.repeat(200));
    expect(doc.querySelector('select[name=locale] option[selected]')?.getAttribute('value')).toBe('tr');
    expect(await ctx().app.services.staff.getStaff(target.id)).toMatchObject({ name: 'Stays Same', role: 'therapist', locale: 'en' });
  });

  it('deactivates: the session is rejected at once and sign-in fails; reactivating lets them back in', async () => {
    const admin = await signedInStaff(ctx(), 'admin');
    const target = await signedInStaff(ctx(), 'receptionist');
    const res = await postAs(ctx().app, admin, `/admin/staff/${target.id}/deactivate`);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/admin/staff/${target.id}?notice=deactivated`);
    const dashboard = await getAs(ctx().app, target, '/admin');
    expect(dashboard.statusCode).toBe(303);
    expect(dashboard.headers.location).toMatch(/^\/admin\/login/);
    expect((await loginAttempt(ctx(), target.email, target.password)).statusCode).toBe(401);
    expect(await auditRows(ctx(), 'user.deactivate', target.id)).toHaveLength(1);

    const page = await getAs(ctx().app, admin, String(res.headers.location));
    const doc = html(page.body);
    expect(doc.querySelector('.badge.inactive')?.text).toBe('Inactive');
    expect(doc.querySelector(`form[action="/admin/staff/${target.id}/activate"]`)).not.toBeNull();
    const list = await getAs(ctx().app, admin, '/admin/staff');
    const row = html(list.body).querySelectorAll('tbody tr').find((tr) => tr.text.includes(target.email));
    expect(row?.querySelector('.badge.inactive')?.text).toBe('Inactive');

    const activate = await postAs(ctx().app, admin, `/admin/staff/${target.id}/activate`);
    expect(activate.statusCode).toBe(303);
    expect(activate.headers.location).toBe(`/admin/staff/${target.id}?notice=activated`);
    expect((await ctx().app.services.staff.getStaff(target.id)).active).toBe(true);
    expect(await auditRows(ctx(), 'user.activate', target.id)).toHaveLength(1);
    const again = await signIn(ctx().app, target.email, target.password);
    expect(await sessionWorks(ctx(), again)).toBe(true);
  });

  it('does not let an admin deactivate or reset their own account', async () => {
    const admin = await signedInStaff(ctx(), 'admin');
    const page = html((await getAs(ctx().app, admin, `/admin/staff/${admin.id}`)).body);
    expect(page.querySelector(`form[action="/admin/staff/${admin.id}/deactivate"]`)).toBeNull();
    const res = await postAs(ctx().app, admin, `/admin/staff/${admin.id}/deactivate`);
    expect(res.statusCode).toBe(409);
    expect(html(res.body).querySelector('[role=alert]')?.text).toBe('You cannot deactivate your own account.');
    expect((await ctx().app.services.staff.getStaff(admin.id)).active).toBe(true);
    const reset = await postAs(ctx().app, admin, `/admin/staff/${admin.id}/reset-password`);
    expect(reset.statusCode).toBe(409);
    expect(await sessionWorks(ctx(), admin)).toBe(true);
  });

  it('asks for fresh proof before a role change, deactivation or reset once the last one is old', async () => {
    const c = ctx();
    const admin = await signedInStaff(c, 'admin');
    const target = await signedInStaff(c, 'therapist', { name: 'Proof Target' });
    try {
      c.clock.now += 6 * 60_000;
      // A GET first, so the session's last activity is refreshed (idle timeout is 15 minutes).
      const page = await getAs(c.app, admin, `/admin/staff/${target.id}`);
      expect(page.statusCode).toBe(200);
      const pageDoc = html(page.body);
      for (const action of [`/admin/staff/${target.id}`, `/admin/staff/${target.id}/deactivate`, `/admin/staff/${target.id}/reset-password`]) {
        expect(pageDoc.querySelector(`form[action="${action}"] input[name=reauth]`), action).not.toBeNull();
      }

      // Role change without proof: refused, nothing applied, what was typed is kept.
      const changes = { name: 'Proof Target Renamed', role: 'admin', locale: 'en', practitionerId: '' };
      const missing = await postAs(c.app, admin, `/admin/staff/${target.id}`, changes);
      expect(missing.statusCode).toBe(422);
      const doc = html(missing.body);
      expect(doc.querySelector('#f-reauth-update-error')?.text).toBeTruthy();
      expect(doc.querySelector('input[name=name]')?.getAttribute('value')).toBe('Proof Target Renamed');
      expect(doc.querySelector(`form[action="/admin/staff/${target.id}"] select[name=role] option[selected]`)?.getAttribute('value')).toBe('admin');
      expect(await c.app.services.staff.getStaff(target.id)).toMatchObject({ name: 'Proof Target', role: 'therapist' });

      const wrong = await postAs(c.app, admin, `/admin/staff/${target.id}`, { ...changes, reauth: 'not my password' });
      expect(wrong.statusCode).toBe(422);
      expect(html(wrong.body).querySelector('#f-reauth-update-error')?.text).toBe('That did not match. Please try again.');
      expect((await c.app.services.staff.getStaff(target.id)).role).toBe('therapist');

      // Deactivation and reset are refused without proof too.
      const deactivate = await postAs(c.app, admin, `/admin/staff/${target.id}/deactivate`);
      expect(deactivate.statusCode).toBe(422);
      expect(html(deactivate.body).querySelector('#f-reauth-deactivate-error')).not.toBeNull();
      expect((await c.app.services.staff.getStaff(target.id)).active).toBe(true);
      const reset = await postAs(c.app, admin, `/admin/staff/${target.id}/reset-password`, { resetSecondFactor: '1' });
      expect(reset.statusCode).toBe(422);
      expect(html(reset.body).querySelector('#f-reauth-reset-error')).not.toBeNull();
      expect(html(reset.body).querySelector('input[name=resetSecondFactor]')?.getAttribute('checked')).not.toBeUndefined();
      expect(await sessionWorks(c, target)).toBe(true);

      // A change that is not sensitive goes through without proof.
      const rename = await postAs(c.app, admin, `/admin/staff/${target.id}`, { name: 'Only Renamed', role: 'therapist', locale: 'en', practitionerId: '' });
      expect(rename.statusCode).toBe(303);
      expect(await c.app.services.staff.getStaff(target.id)).toMatchObject({ name: 'Only Renamed', role: 'therapist' });

      // Creating an administrator is as sensitive as making one; other roles need no proof.
      const createForm = html((await getAs(c.app, admin, '/admin/staff/new')).body);
      expect(createForm.querySelector('form[action="/admin/staff/new"] input[name=reauth]')).not.toBeNull();
      const newAdmin = { name: 'Yeni Yönetici', email: `yeni-${Date.now()}@clinic.example`, role: 'admin', locale: 'tr' };
      const noProof = await postAs(c.app, admin, '/admin/staff/new', newAdmin);
      expect(noProof.statusCode).toBe(422);
      const noProofDoc = html(noProof.body);
      expect(noProofDoc.querySelector('#f-reauth-create-error')?.text).toBe('Please enter your password or a current code to confirm.');
      expect(noProofDoc.querySelector('input[name=name]')?.getAttribute('value')).toBe('Yeni Yönetici');
      const wrongProof = await postAs(c.app, admin, '/admin/staff/new', { ...newAdmin, reauth: 'not my password' });
      expect(html(wrongProof.body).querySelector('#f-reauth-create-error')?.text).toBe('That did not match. Please try again.');
      expect((await c.app.services.staff.listStaff()).some((u) => u.email === newAdmin.email)).toBe(false);
      const newReceptionist = await postAs(c.app, admin, '/admin/staff/new', { ...newAdmin, email: `r-${newAdmin.email}`, role: 'receptionist' });
      expect(newReceptionist.statusCode).toBe(200);

      const ok = await postAs(c.app, admin, `/admin/staff/${target.id}`, { ...changes, reauth: admin.password });
      expect(ok.statusCode).toBe(303);
      expect(await c.app.services.staff.getStaff(target.id)).toMatchObject({ name: 'Proof Target Renamed', role: 'admin' });
      // The proof is fresh again for a while.
      const after = await getAs(c.app, admin, `/admin/staff/${target.id}`);
      expect(html(after.body).querySelector('input[name=reauth]')).toBeNull();
    } finally {
      c.clock.now -= 6 * 60_000;
    }
  });

  it('resets a password: a new one-time password, the old one and old sessions stop working', async () => {
    const admin = await signedInStaff(ctx(), 'admin');
    const target = await signedInStaff(ctx(), 'receptionist');
    const res = await postAs(ctx().app, admin, `/admin/staff/${target.id}/reset-password`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const password = oneTimePassword(res.body);
    expect(await sessionWorks(ctx(), target)).toBe(false);
    expect((await loginAttempt(ctx(), target.email, target.password)).statusCode).toBe(401);
    const login = await loginAttempt(ctx(), target.email, password);
    expect(login.statusCode).toBe(303);
    expect(login.headers.location).toBe('/admin/password');
    const rows = await auditRows(ctx(), 'user.password.reset', target.id);
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0]!.details)).toEqual({});

    const withTotp = await postAs(ctx().app, admin, `/admin/staff/${target.id}/reset-password`, { resetSecondFactor: '1' });
    expect(withTotp.statusCode).toBe(200);
    expect(oneTimePassword(withTotp.body)).not.toBe(password);
    expect(withTotp.body).toContain('Two-step verification was reset too.');
    const rows2 = await auditRows(ctx(), 'user.password.reset', target.id);
    expect(rows2.map((r) => JSON.parse(r.details) as unknown)).toContainEqual({ secondFactorReset: true });
  });

  it('links a therapist to a practitioner record, refuses unknown ones, and unlinks', async () => {
    const admin = await signedInStaff(ctx(), 'admin');
    const target = await signedInStaff(ctx(), 'therapist');
    const practitioners = await ctx().app.services.staff.listPractitioners();
    expect(practitioners.length).toBeGreaterThan(0);
    const practitioner = practitioners[0]!;
    const base = { name: 'Test therapist', role: 'therapist', locale: 'en' };

    const page = html((await getAs(ctx().app, admin, `/admin/staff/${target.id}`)).body);
    expect(page.querySelectorAll('select[name=practitionerId] option').map((o) => o.getAttribute('value'))).toEqual(['', ...practitioners.map((p) => String(p.id))]);

    const res = await postAs(ctx().app, admin, `/admin/staff/${target.id}`, { ...base, practitionerId: String(practitioner.id) });
    expect(res.statusCode).toBe(303);
    expect((await ctx().app.services.staff.getStaff(target.id)).practitionerId).toBe(practitioner.id);
    expect(await sessionWorks(ctx(), target)).toBe(true);
    const list = await getAs(ctx().app, admin, '/admin/staff');
    const row = html(list.body).querySelectorAll('tbody tr').find((tr) => tr.text.includes(target.email));
    expect(row?.text).toContain(practitioner.full_name);
    const edit = html((await getAs(ctx().app, admin, `/admin/staff/${target.id}`)).body);
    expect(edit.querySelector('select[name=practitionerId] option[selected]')?.getAttribute('value')).toBe(String(practitioner.id));

    for (const bad of ['999999', 'abc', '-1', '1'.repeat(12)]) {
      const refused = await postAs(ctx().app, admin, `/admin/staff/${target.id}`, { ...base, practitionerId: bad });
      expect(refused.statusCode, bad).toBe(422);
      expect(html(refused.body).querySelector('#f-practitionerId-error')?.text, bad).toBeTruthy();
      expect((await ctx().app.services.staff.getStaff(target.id)).practitionerId, bad).toBe(practitioner.id);
    }

    const unlink = await postAs(ctx().app, admin, `/admin/staff/${target.id}`, { ...base, practitionerId: '' });
    expect(unlink.statusCode).toBe(303);
    expect((await ctx().app.services.staff.getStaff(target.id)).practitionerId).toBeNull();
  });

  it('answers 404 for an id that is not a staff member, never 500', async () => {
    const admin = await signedInStaff(ctx(), 'admin');
    for (const id of ['abc', '0', '-1', '1.5', '99999999999999999999', '2147483648', '999999', '%00', '1e3']) {
      const res = await getAs(ctx().app, admin, `/admin/staff/${id}`);
      expect(res.statusCode, id).toBe(404);
      expect(res.headers['content-type'], id).toContain('text/html');
    }
    for (const path of ['', '/deactivate', '/activate', '/reset-password']) {
      const res = await postAs(ctx().app, admin, `/admin/staff/999999${path}`, { name: 'X', role: 'therapist', locale: 'en' });
      expect(res.statusCode, path).toBe(404);
      const nonNumeric = await postAs(ctx().app, admin, `/admin/staff/abc${path}`, { name: 'X', role: 'therapist', locale: 'en' });
      expect(nonNumeric.statusCode, path).toBe(404);
    }
  });

  it('answers 405 to a GET on a POST-only URL', async () => {
    const admin = await signedInStaff(ctx(), 'admin');
    for (const action of ['deactivate', 'activate', 'reset-password']) {
      const res = await getAs(ctx().app, admin, `/admin/staff/${admin.id}/${action}`);
      expect(res.statusCode, action).toBe(405);
      expect(res.headers.allow, action).toBe('POST');
    }
  });

  it('refuses a change without the CSRF token', async () => {
    const admin = await signedInStaff(ctx(), 'admin');
    const target = await signedInStaff(ctx(), 'therapist');
    const send = (url: string, values: Record<string, string>) => {
      const body = form(values);
      return ctx().app.inject({ method: 'POST', url, payload: body.payload, headers: { ...body.headers, cookie: admin.cookie } });
    };
    const email = uniqueEmail('csrf');
    expect((await send('/admin/staff/new', { name: 'No Token', email, role: 'admin', locale: 'en' })).statusCode).toBe(403);
    expect(await countByEmail(ctx(), email)).toBe(0);
    expect((await send(`/admin/staff/${target.id}`, { name: 'No Token', role: 'admin', locale: 'en', practitionerId: '' })).statusCode).toBe(403);
    expect((await send(`/admin/staff/${target.id}/deactivate`, { _csrf: 'wrong' })).statusCode).toBe(403);
    expect((await send(`/admin/staff/${target.id}/reset-password`, {})).statusCode).toBe(403);
    expect(await ctx().app.services.staff.getStaff(target.id)).toMatchObject({ name: 'Test therapist', role: 'therapist', active: true });
    expect(await sessionWorks(ctx(), target)).toBe(true);
  });

  it('renders the pages in Turkish for a Turkish-speaking admin', async () => {
    const admin = await signedInStaff(ctx(), 'admin');
    expect((await postAs(ctx().app, admin, '/admin/locale', { locale: 'tr' })).statusCode).toBe(303);
    const list = await getAs(ctx().app, admin, '/admin/staff');
    expect(html(list.body).querySelector('h1')?.text).toBe('Personel');
    expect(html(list.body).querySelector('a[href="/admin/staff/new"]')?.text).toBe('Personel ekle');
    const invalid = await postAs(ctx().app, admin, '/admin/staff/new', { name: '', email: 'x', role: 'therapist', locale: 'tr' });
    expect(invalid.statusCode).toBe(422);
    expect(html(invalid.body).querySelector('#f-name-error')?.text).toBeTruthy();
    expect(html(invalid.body).querySelector('html')?.getAttribute('lang')).toBe('tr');
  });
});

describeEachEngine('staff management: the last administrator', (ctx) => {
  let admin: SignedInStaff;

  it('lets the only other admin be deactivated while two are active', async () => {
    admin = await signedInStaff(ctx(), 'admin');
    // The first administrator created at start-up.
    const others = (await ctx().app.services.staff.listStaff()).filter((u) => u.role === 'admin' && u.active && u.id !== admin.id);
    expect(others).toHaveLength(1);
    const res = await postAs(ctx().app, admin, `/admin/staff/${others[0]!.id}/deactivate`);
    expect(res.statusCode).toBe(303);
  });

  it('refuses to demote the last active admin (409, message, nothing changed)', async () => {
    const me = await ctx().app.services.staff.getStaff(admin.id);
    const res = await postAs(ctx().app, admin, `/admin/staff/${admin.id}`, { ...unchanged(me), role: 'receptionist' });
    expect(res.statusCode).toBe(409);
    expect(html(res.body).querySelector('[role=alert]')?.text).toBe('This is the last active administrator. Make another person an administrator first.');
    expect(html(res.body).querySelector('select[name=role] option[selected]')?.getAttribute('value')).toBe('receptionist');
    expect((await ctx().app.services.staff.getStaff(admin.id)).role).toBe('admin');
    expect(await sessionWorks(ctx(), admin)).toBe(true);
  });

  it('refuses to deactivate oneself, the last active admin', async () => {
    const res = await postAs(ctx().app, admin, `/admin/staff/${admin.id}/deactivate`);
    expect(res.statusCode).toBe(409);
    expect((await ctx().app.services.staff.getStaff(admin.id)).active).toBe(true);
  });

  it('allows the demotion once another admin is active again', async () => {
    const first = (await ctx().app.services.staff.listStaff()).find((u) => u.role === 'admin' && !u.active)!;
    expect((await postAs(ctx().app, admin, `/admin/staff/${first.id}/activate`)).statusCode).toBe(303);
    const me = await ctx().app.services.staff.getStaff(admin.id);
    const res = await postAs(ctx().app, admin, `/admin/staff/${admin.id}`, { ...unchanged(me), role: 'receptionist' });
    expect(res.statusCode).toBe(303);
    expect((await ctx().app.services.staff.getStaff(admin.id)).role).toBe('receptionist');
    // Own role changed: this session ended too.
    expect(await sessionWorks(ctx(), admin)).toBe(false);
  });
});
