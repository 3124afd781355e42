import { beforeAll, expect, it } from 'vitest';
import { translator } from '../../src/i18n/index.ts';
import { describeEachEngine, FIXED_NOW } from '../helpers/engines.ts';
import { attr, html } from '../helpers/html.ts';
import { form, getAs, postAs, signedInStaff, type SignedInStaff } from '../helpers/staff.ts';

const t = translator('en'); // test accounts are created with English as their language
const HOUR = 3_600_000;
const MONDAY = '2026-12-07';
const MONDAY_ISTANBUL_MIDNIGHT = Date.UTC(2026, 11, 6, 21, 0); // 00:00 on Monday 7 December in Istanbul (+03:00)

describeEachEngine('resources and schedules (back office)', (ctx) => {
  let admin: SignedInStaff;
  let physicianId: number;
  let gaitRobotId: number;
  let examRoomId: number;

  beforeAll(async () => {
    admin = await signedInStaff(ctx(), 'admin');
    const { db } = ctx().database;
    physicianId = (await db.selectFrom('practitioners').select('id').where('full_name', '=', 'Dr. Selin Aydoğan').executeTakeFirstOrThrow()).id;
    gaitRobotId = (await db.selectFrom('devices').select('id').where('kind', '=', 'gait_robot').executeTakeFirstOrThrow()).id;
    examRoomId = (await db.selectFrom('rooms').select('id').where('kind', '=', 'exam_room').executeTakeFirstOrThrow()).id;
  });

  const db = () => ctx().database.db;
  const contentVersion = async () => (await db().selectFrom('site_state').select('content_version').where('id', '=', 1).executeTakeFirstOrThrow()).content_version;
  const lastAudit = (action: string) => db().selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id', 'desc').executeTakeFirst();
  const auditCount = async (action: string) => (await db().selectFrom('audit_log').select('id').where('action', '=', action).execute()).length;
  const hoursOf = (key: string) => db().selectFrom('resource_hours').select(['day', 'opens', 'closes']).where('resource_key', '=', key).orderBy('day').orderBy('opens').execute();
  const examSlots = async (date: string) => (await ctx().app.services.booking.availability({ service: 'free-examination', from: date, to: date })).slots;
  const weekForm = async (key: string): Promise<Record<string, string>> => {
    const rows = await hoursOf(key);
    const out: Record<string, string> = {};
    for (let day = 1; day <= 7; day++) {
      out[`hours.${day}`] = rows
        .filter((r) => r.day === day)
        .map((r) => `${r.opens}-${r.closes}`)
        .join(', ');
    }
    return out;
  };

  it('is for admins only: receptionists and therapists get 403, signed-out people are sent to sign in', async () => {
    const { app } = ctx();
    const before = await contentVersion();
    for (const role of ['receptionist', 'therapist'] as const) {
      const who = await signedInStaff(ctx(), role);
      for (const url of ['/admin/resources', `/admin/resources/practitioner/${physicianId}`, '/admin/resources/services', '/admin/resources/holidays']) {
        expect((await getAs(app, who, url)).statusCode, `${role} ${url}`).toBe(403);
      }
      const post = await postAs(app, who, `/admin/resources/practitioner/${physicianId}/hours`, { 'hours.1': '' });
      expect(post.statusCode, role).toBe(403);
      const holiday = await postAs(app, who, '/admin/resources/holidays', { date: '2026-12-10', nameTr: 'x', nameEn: 'x' });
      expect(holiday.statusCode, role).toBe(403);
      // No nav entry for them.
      expect(html((await getAs(app, who, '/admin')).body).querySelector('a[href="/admin/resources"]')).toBeNull();
    }
    const get = await app.inject({ url: '/admin/resources' });
    expect(get.statusCode).toBe(303);
    expect(get.headers.location).toBe('/admin/login?next=%2Fadmin%2Fresources');
    const post = await app.inject({ method: 'POST', url: `/admin/resources/room/${examRoomId}`, ...form({ nameTr: 'x', nameEn: 'x' }) });
    expect(post.statusCode).toBe(303);
    expect(post.headers.location).toMatch(/^\/admin\/login/);
    expect(await contentVersion()).toBe(before);
    expect((await hoursOf(`practitioner:${physicianId}`)).length).toBeGreaterThan(0);
  });

  it('shows the admin three tables of the seeded resources, each row linking to its page', async () => {
    const { app } = ctx();
    const res = await getAs(app, admin, '/admin/resources');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const doc = html(res.body);
    expect(doc.querySelector('h1')?.text).toBe(t('resources.title'));
    expect(doc.querySelector('nav a[href="/admin/resources"]')?.getAttribute('aria-current')).toBe('page');
    const rows = (table: string) => doc.querySelectorAll(`table#${table} tbody tr`);
    expect(rows('practitioners')).toHaveLength(5);
    expect(rows('devices')).toHaveLength(5);
    expect(rows('rooms')).toHaveLength(5);
    const physician = rows('practitioners').find((r) => r.text.includes('Dr. Selin Aydoğan'))!;
    expect(physician.querySelector('a')?.getAttribute('href')).toBe(`/admin/resources/practitioner/${physicianId}`);
    expect(physician.text).toContain('Physical medicine and rehabilitation physician');
    expect(physician.text).toContain(t('resources.qual.physician'));
    expect(physician.text).toContain(t('resources.active'));
    const gait = rows('devices').find((r) => r.text.includes('Yürüme robotu'))!;
    expect(gait.querySelector('a')?.getAttribute('href')).toBe(`/admin/resources/device/${gaitRobotId}`);
    expect(gait.text).toContain('Gait robot');
    expect(gait.querySelectorAll('td').map((td) => td.text)).toContain(t('resources.minutes', { n: 10 }));
    const exam = rows('rooms').find((r) => r.text.includes('Muayene odası'))!;
    expect(exam.querySelector('a')?.getAttribute('href')).toBe(`/admin/resources/room/${examRoomId}`);
    expect(doc.querySelector('a[href="/admin/resources/services"]')).toBeTruthy();
    expect(doc.querySelector('a[href="/admin/resources/holidays"]')).toBeTruthy();
  });

  it('answers a bad id with the 404 page and a GET on a POST-only address with 405', async () => {
    const { app } = ctx();
    for (const url of [
      '/admin/resources/practitioner/999999',
      '/admin/resources/practitioner/abc',
      '/admin/resources/device/0',
      '/admin/resources/room/99999999999999',
      '/admin/resources/lamp/1',
    ]) {
      const res = await getAs(app, admin, url);
      expect(res.statusCode, url).toBe(404);
      expect(html(res.body).querySelector('h1')?.text, url).toBe(t('error.notFound.title'));
    }
    expect((await postAs(app, admin, '/admin/resources/device/999999', { nameTr: 'x', nameEn: 'x' })).statusCode).toBe(404);
    expect((await postAs(app, admin, '/admin/resources/services/999999', { durationMinutes: '30' })).statusCode).toBe(404);
    for (const url of [`/admin/resources/practitioner/${physicianId}/hours`, `/admin/resources/room/${examRoomId}/exceptions`, '/admin/resources/holidays/delete']) {
      const res = await getAs(app, admin, url);
      expect(res.statusCode, url).toBe(405);
      expect(res.headers.allow, url).toBe('POST');
    }
  });

  it('edits a practitioner: titles, qualifications as checkboxes and the active switch, audited', async () => {
    const { app } = ctx();
    const url = `/admin/resources/practitioner/${physicianId}`;
    const page = html((await getAs(app, admin, url)).body);
    expect(page.querySelector('h1')?.text).toBe('Dr. Selin Aydoğan');
    expect(attr(page, '[name=titleEn]', 'value')).toBe('Physical medicine and rehabilitation physician');
    const boxes = page.querySelectorAll('input[type=checkbox][name^="qual."]').map((b) => b.getAttribute('name'));
    expect(boxes).toEqual(['qual.physician', 'qual.physiotherapist', 'qual.gait_robot', 'qual.arm_robot']);
    expect(page.querySelector('[name="qual.physician"]')?.hasAttribute('checked')).toBe(true);
    expect(page.querySelector('[name="qual.arm_robot"]')?.hasAttribute('checked')).toBe(false);
    expect(page.querySelector('[name=active]')?.hasAttribute('checked')).toBe(true);

    const before = await contentVersion();
    const base = { name: 'Dr. Selin Aydoğan', titleTr: 'FTR Uzmanı', titleEn: 'PM&R physician', active: '1', 'qual.physician': '1' };
    const res = await postAs(app, admin, url, { ...base, 'qual.arm_robot': '1', 'qual.made_up': '1' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`${url}?notice=saved`);
    const row = await db().selectFrom('practitioners').selectAll().where('id', '=', physicianId).executeTakeFirstOrThrow();
    expect(row.title_tr).toBe('FTR Uzmanı');
    expect(row.title_en).toBe('PM&R physician');
    const quals = (await db().selectFrom('practitioner_qualifications').select('qualification').where('practitioner_id', '=', physicianId).orderBy('qualification').execute()).map((q) => q.qualification);
    expect(quals).toEqual(['arm_robot', 'physician']); // an unknown qualification is not a choice: ignored
    expect(await contentVersion()).toBe(before + 1);
    const audit = await lastAudit('resource.update');
    expect(audit?.actor_user_id).toBe(admin.id);
    expect(audit?.target_type).toBe('practitioner');
    expect(audit?.target_id).toBe(String(physicianId));
    const details = JSON.parse(audit!.details) as { changed: Record<string, { from: unknown; to: unknown }> };
    expect(details.changed.titleEn).toEqual({ from: 'Physical medicine and rehabilitation physician', to: 'PM&R physician' });
    expect(details.changed.qualifications).toEqual({ from: ['physician'], to: ['arm_robot', 'physician'] });
    expect(html((await getAs(app, admin, `${url}?notice=saved`)).body).querySelector('.banner.success')?.text).toBe(t('resources.notice.saved'));

    // Without the active box: inactive, and no longer offered for the free examination (the only physician).
    expect((await postAs(app, admin, url, { ...base, active: '' })).statusCode).toBe(303);
    expect((await db().selectFrom('practitioners').select('active').where('id', '=', physicianId).executeTakeFirstOrThrow()).active).toBe(0);
    expect(await examSlots(MONDAY)).toEqual([]);
    expect(html((await getAs(app, admin, '/admin/resources')).body).text).toContain(t('resources.inactive'));

    // Saving the same values again changes nothing and writes no audit row.
    const audits = await auditCount('resource.update');
    const same = await postAs(app, admin, url, { ...base, active: '' });
    expect(same.headers.location).toBe(`${url}?notice=unchanged`);
    expect(await auditCount('resource.update')).toBe(audits);

    // Put the seeded values back.
    await postAs(app, admin, url, { ...base, titleTr: 'Fiziksel Tıp ve Rehabilitasyon Uzmanı', titleEn: 'Physical medicine and rehabilitation physician' });
    expect((await examSlots(MONDAY)).length).toBeGreaterThan(0);
  });

  it('refuses bad details with 422 and localized messages, keeping what was typed', async () => {
    const { app } = ctx();
    const before = await contentVersion();
    const cases: Array<[url: string, values: Record<string, string>, field: string, message: string]> = [
      [`/admin/resources/practitioner/${physicianId}`, { name: '', titleTr: 'a', titleEn: 'b', active: '1' }, 'name', t('form.required')],
      [`/admin/resources/practitioner/${physicianId}`, { name: 'x'.repeat(121), titleTr: 'a', titleEn: 'b' }, 'name', t('form.tooLong', { max: 120 })],
      [`/admin/resources/practitioner/${physicianId}`, { name: 'Dr\u202Eevil', titleTr: 'a', titleEn: 'b' }, 'name', t('form.invalid')],
      [`/admin/resources/device/${gaitRobotId}`, { nameTr: 'Robot', nameEn: 'Robot', kind: 'gait_robot', setupMinutes: '7', cleanupMinutes: '10' }, 'setupMinutes', t('resources.error.buffer', { max: 120 })],
      [`/admin/resources/device/${gaitRobotId}`, { nameTr: 'Robot', nameEn: 'Robot', kind: 'gait_robot', setupMinutes: '10', cleanupMinutes: '125' }, 'cleanupMinutes', t('resources.error.buffer', { max: 120 })],
      [`/admin/resources/device/${gaitRobotId}`, { nameTr: 'Robot', nameEn: 'Robot', kind: 'gait_robot', setupMinutes: '-5', cleanupMinutes: '10' }, 'setupMinutes', t('resources.error.buffer', { max: 120 })],
      [`/admin/resources/device/${gaitRobotId}`, { nameTr: 'Robot', nameEn: 'Robot', kind: 'toaster', setupMinutes: '10', cleanupMinutes: '10' }, 'kind', t('form.invalidChoice')],
      [`/admin/resources/room/${examRoomId}`, { nameTr: 'Oda', nameEn: '', kind: 'exam_room', bufferBeforeMinutes: '0', bufferAfterMinutes: '5' }, 'nameEn', t('form.required')],
      [`/admin/resources/room/${examRoomId}`, { nameTr: 'Oda', nameEn: 'Room', kind: 'exam_room', bufferBeforeMinutes: '2.5', bufferAfterMinutes: '5' }, 'bufferBeforeMinutes', t('resources.error.buffer', { max: 120 })],
      [`/admin/resources/room/${examRoomId}`, { nameTr: 'Oda', nameEn: 'Room', kind: 'exam_room', bufferBeforeMinutes: '0', bufferAfterMinutes: '1e2' }, 'bufferAfterMinutes', t('resources.error.buffer', { max: 120 })],
    ];
    for (const [url, values, field, message] of cases) {
      const label = `${url} ${field}=${values[field]}`;
      const res = await postAs(app, admin, url, values);
      expect(res.statusCode, label).toBe(422);
      const doc = html(res.body);
      expect(doc.querySelector(`#f-${field}-error`)?.text, label).toBe(message);
      expect(doc.querySelector(`#f-${field}`)?.getAttribute('aria-invalid'), label).toBe('true');
      expect(doc.querySelector('.banner.error')?.text, label).toBe(t('form.errorSummary'));
      if (field !== 'kind') expect(attr(doc, `[name="${field}"]`, 'value'), label).toBe(values[field]);
    }
    expect(await contentVersion()).toBe(before);
    const device = await db().selectFrom('devices').selectAll().where('id', '=', gaitRobotId).executeTakeFirstOrThrow();
    expect([device.name_tr, device.setup_minutes, device.cleanup_minutes]).toEqual(['Yürüme robotu', 10, 10]);
  });

  it('edits device and room buffers in steps of 5 (what the booking engine needs)', async () => {
    const { app } = ctx();
    const dev = await postAs(app, admin, `/admin/resources/device/${gaitRobotId}`, { nameTr: 'Yürüme robotu', nameEn: 'Gait robot', kind: 'gait_robot', setupMinutes: '15', cleanupMinutes: '0', active: '1' });
    expect(dev.statusCode).toBe(303);
    const device = await db().selectFrom('devices').selectAll().where('id', '=', gaitRobotId).executeTakeFirstOrThrow();
    expect([device.setup_minutes, device.cleanup_minutes, device.active]).toEqual([15, 0, 1]);
    const room = await postAs(app, admin, `/admin/resources/room/${examRoomId}`, { nameTr: 'Muayene odası', nameEn: 'Exam room', kind: 'exam_room', bufferBeforeMinutes: '0', bufferAfterMinutes: '10', active: '1' });
    expect(room.statusCode).toBe(303);
    const roomRow = await db().selectFrom('rooms').selectAll().where('id', '=', examRoomId).executeTakeFirstOrThrow();
    expect([roomRow.buffer_before_minutes, roomRow.buffer_after_minutes]).toEqual([0, 10]);
    const audit = await lastAudit('resource.update');
    expect([audit?.target_type, audit?.target_id]).toEqual(['room', String(examRoomId)]);
    expect((JSON.parse(audit!.details) as { changed: unknown }).changed).toEqual({ bufferAfterMinutes: { from: 0, to: 10 } });
    // The engine still answers (buffers are multiples of its 5-minute cells), then the seeded values come back.
    expect((await examSlots(MONDAY)).length).toBeGreaterThan(0);
    await postAs(app, admin, `/admin/resources/device/${gaitRobotId}`, { nameTr: 'Yürüme robotu', nameEn: 'Gait robot', kind: 'gait_robot', setupMinutes: '10', cleanupMinutes: '10', active: '1' });
    await postAs(app, admin, `/admin/resources/room/${examRoomId}`, { nameTr: 'Muayene odası', nameEn: 'Exam room', kind: 'exam_room', bufferBeforeMinutes: '0', bufferAfterMinutes: '0', active: '1' });
  });

  it('edits weekly hours per weekday; an empty Monday for the physician means no Monday examinations', async () => {
    const { app } = ctx();
    const key = `practitioner:${physicianId}`;
    const url = `/admin/resources/practitioner/${physicianId}`;
    const page = html((await getAs(app, admin, url)).body);
    expect(attr(page, '[name="hours.1"]', 'value')).toBe('09:00-12:30, 13:30-18:00');
    expect(attr(page, '[name="hours.6"]', 'value')).toBe('09:00-14:00');
    expect(attr(page, '[name="hours.7"]', 'value')).toBe('');
    expect(page.querySelector('label[for="f-hours-1"]')?.text).toBe('Monday');

    const seeded = await weekForm(key);
    const mondayBefore = await examSlots(MONDAY);
    const tuesdayBefore = await examSlots('2026-12-08');
    expect(mondayBefore.length).toBeGreaterThan(0);
    // A lunch break: no examination starts between 12:30 and 13:30 Istanbul time.
    expect(mondayBefore.some((s) => s.start >= MONDAY_ISTANBUL_MIDNIGHT + 12.5 * HOUR && s.start < MONDAY_ISTANBUL_MIDNIGHT + 13.5 * HOUR)).toBe(false);
    const before = await contentVersion();

    const res = await postAs(app, admin, `${url}/hours`, { ...seeded, 'hours.1': '' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`${url}?notice=hours`);
    const rows = await hoursOf(key);
    expect(rows.filter((r) => r.day === 1)).toEqual([]);
    expect(rows.filter((r) => r.day === 2)).toEqual([
      { day: 2, opens: '09:00', closes: '12:30' },
      { day: 2, opens: '13:30', closes: '18:00' },
    ]);
    expect(await examSlots(MONDAY)).toEqual([]);
    expect(await examSlots('2026-12-08')).toEqual(tuesdayBefore);
    expect(await contentVersion()).toBe(before + 1);
    const audit = await lastAudit('resource.hours.update');
    expect([audit?.actor_user_id, audit?.target_type, audit?.target_id]).toEqual([admin.id, 'practitioner', String(physicianId)]);
    expect((JSON.parse(audit!.details) as { changed: unknown }).changed).toEqual({ '1': { from: '09:00–12:30, 13:30–18:00', to: '' } });

    // Monday afternoons only, written loosely: the engine offers 14:00–17:30 starts and nothing else.
    expect((await postAs(app, admin, `${url}/hours`, { ...seeded, 'hours.1': ' 14.00 – 18:00 ' })).statusCode).toBe(303);
    expect((await hoursOf(key)).filter((r) => r.day === 1)).toEqual([{ day: 1, opens: '14:00', closes: '18:00' }]);
    const afternoon = await examSlots(MONDAY);
    expect(afternoon.length).toBeGreaterThan(0);
    expect(afternoon.every((s) => s.start >= MONDAY_ISTANBUL_MIDNIGHT + 14 * HOUR && s.end <= MONDAY_ISTANBUL_MIDNIGHT + 18 * HOUR)).toBe(true);

    expect((await postAs(app, admin, `${url}/hours`, seeded)).statusCode).toBe(303);
    expect(await examSlots(MONDAY)).toEqual(mondayBefore);
  });

  it('refuses bad hours with 422 and the day’s message, changing nothing', async () => {
    const { app } = ctx();
    const key = `practitioner:${physicianId}`;
    const url = `/admin/resources/practitioner/${physicianId}/hours`;
    const seeded = await weekForm(key);
    const before = await contentVersion();
    const cases: Array<[field: string, value: string, message: string]> = [
      ['hours.1', '9-18', t('resources.error.hours', { max: 6 })],
      ['hours.2', '18:00-09:00', t('resources.error.hours', { max: 6 })],
      ['hours.3', '09:00-12:00, 11:00-13:00', t('resources.error.hours', { max: 6 })],
      ['hours.4', '25:00-26:00', t('resources.error.hours', { max: 6 })],
      ['hours.5', "09:00-18:00'; DELETE FROM resource_hours; --", t('resources.error.hours', { max: 6 })],
      ['hours.6', '1'.repeat(500), t('form.tooLong', { max: 200 })],
      ['hours.7', '08:00-08:10, 08:20-08:30, 08:40-08:50, 09:00-09:10, 09:20-09:30, 09:40-09:50, 10:00-10:10', t('resources.error.hours', { max: 6 })],
    ];
    for (const [field, value, message] of cases) {
      const res = await postAs(app, admin, url, { ...seeded, [field]: value });
      expect(res.statusCode, value).toBe(422);
      const doc = html(res.body);
      const id = `f-${field.replace('.', '-')}`;
      expect(doc.querySelector(`#${id}-error`)?.text, value).toBe(message);
      expect(attr(doc, `[name="${field}"]`, 'value'), value).toBe(value);
      expect(attr(doc, '[name="hours.1"]', 'value'), value).toBe(field === 'hours.1' ? value : seeded['hours.1']);
    }
    // A form that leaves days out does not close them.
    const partial = await postAs(app, admin, url, { 'hours.1': '10:00-11:00' });
    expect(partial.statusCode).toBe(422);
    expect(html(partial.body).querySelector('#f-hours-2-error')?.text).toBe(t('resources.error.hoursMissing'));
    expect(await weekForm(key)).toEqual(seeded);
    expect(await contentVersion()).toBe(before);
  });

  it('stores a leave entered in the clinic’s zone as the right UTC instants, offers no slots in it, and deletes it', async () => {
    const { app } = ctx();
    const url = `/admin/resources/practitioner/${physicianId}`;
    const before = await contentVersion();
    const res = await postAs(app, admin, `${url}/exceptions`, {
      exceptionKind: 'closed',
      fromDate: MONDAY,
      fromTime: '09:00',
      toDate: MONDAY,
      toTime: '12:00',
      note: 'Kongre <script>alert(1)</script>',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`${url}?notice=exceptionAdded`);
    const row = await db().selectFrom('resource_exceptions').selectAll().where('resource_key', '=', `practitioner:${physicianId}`).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(new Date(row.starts_at).toISOString()).toBe('2026-12-07T06:00:00.000Z');
    expect(new Date(row.ends_at).toISOString()).toBe('2026-12-07T09:00:00.000Z');
    expect(row.kind).toBe('closed');
    expect(row.note).toBe('Kongre <script>alert(1)</script>'); // kept as typed, escaped when shown
    expect(await contentVersion()).toBe(before + 1);
    const audit = await lastAudit('resource.exception.create');
    expect([audit?.actor_user_id, audit?.target_type, audit?.target_id]).toEqual([admin.id, 'practitioner', String(physicianId)]);
    expect(JSON.parse(audit!.details)).toMatchObject({ kind: 'closed', start: '2026-12-07T06:00:00.000Z', end: '2026-12-07T09:00:00.000Z' });

    const slots = await examSlots(MONDAY);
    expect(slots.length).toBeGreaterThan(0);
    expect(slots.every((s) => s.start >= Date.UTC(2026, 11, 7, 9, 0))).toBe(true);

    const page = await getAs(app, admin, url);
    expect(page.body).not.toContain('<script>alert(1)</script>');
    expect(page.body).toContain('Kongre &lt;script>alert(1)&lt;/script>');
    const doc = html(page.body);
    const listed = doc.querySelectorAll('table#exceptions tbody tr');
    expect(listed).toHaveLength(1);
    expect(listed[0]!.text).toContain('7 Dec 2026, 09:00');
    expect(listed[0]!.text).toContain('7 Dec 2026, 12:00');
    expect(listed[0]!.querySelector('.note')?.text).toBe('Kongre <script>alert(1)</script>');

    // Another resource cannot delete it through its own address.
    const wrong = await postAs(app, admin, `/admin/resources/room/${examRoomId}/exceptions/delete`, { exceptionId: String(row.id) });
    expect(wrong.statusCode).toBe(404);
    const del = await postAs(app, admin, `${url}/exceptions/delete`, { exceptionId: String(row.id) });
    expect(del.statusCode).toBe(303);
    expect(del.headers.location).toBe(`${url}?notice=exceptionDeleted`);
    expect(await db().selectFrom('resource_exceptions').select('id').where('id', '=', row.id).executeTakeFirst()).toBeUndefined();
    const deleted = await lastAudit('resource.exception.delete');
    expect(JSON.parse(deleted!.details)).toMatchObject({ exceptionId: row.id, note: 'Kongre <script>alert(1)</script>' });
    expect((await examSlots(MONDAY)).some((s) => s.start < Date.UTC(2026, 11, 7, 9, 0))).toBe(true);
    expect(html((await getAs(app, admin, url)).body).querySelector('#no-exceptions')?.text).toBe(t('resources.noExceptions'));
    expect((await postAs(app, admin, `${url}/exceptions/delete`, { exceptionId: String(row.id) })).statusCode).toBe(404);
  });

  it('takes whole days when the times are left empty, and one-off extra hours open a closed day', async () => {
    const { app } = ctx();
    const url = `/admin/resources/practitioner/${physicianId}`;
    // Maintenance of the exam room all of Tuesday 8 December.
    const room = await postAs(app, admin, `/admin/resources/room/${examRoomId}/exceptions`, { exceptionKind: 'closed', fromDate: '2026-12-08', fromTime: '', toDate: '2026-12-08', toTime: '' });
    expect(room.statusCode).toBe(303);
    const closure = await db().selectFrom('resource_exceptions').selectAll().where('resource_key', '=', `room:${examRoomId}`).executeTakeFirstOrThrow();
    expect([new Date(closure.starts_at).toISOString(), new Date(closure.ends_at).toISOString()]).toEqual(['2026-12-07T21:00:00.000Z', '2026-12-08T21:00:00.000Z']);
    expect(await examSlots('2026-12-08')).toEqual([]);

    // The physician does not work on Sundays; one Sunday morning of extra hours (the exam room too) opens slots then.
    const sunday = '2026-12-13';
    expect(await examSlots(sunday)).toEqual([]);
    for (const target of [url, `/admin/resources/room/${examRoomId}`]) {
      const res = await postAs(app, admin, `${target}/exceptions`, { exceptionKind: 'open', fromDate: sunday, fromTime: '10:00', toDate: sunday, toTime: '12:00', note: 'Açık kapı günü' });
      expect(res.statusCode).toBe(303);
    }
    const extra = await examSlots(sunday);
    expect(extra.length).toBeGreaterThan(0);
    expect(extra[0]!.start).toBe(Date.UTC(2026, 11, 13, 7, 0));

    // Clean up through the screens.
    for (const [target, key] of [
      [url, `practitioner:${physicianId}`],
      [`/admin/resources/room/${examRoomId}`, `room:${examRoomId}`],
    ] as const) {
      for (const e of await db().selectFrom('resource_exceptions').select('id').where('resource_key', '=', key).execute()) {
        expect((await postAs(app, admin, `${target}/exceptions/delete`, { exceptionId: String(e.id) })).statusCode).toBe(303);
      }
    }
    expect(await examSlots(sunday)).toEqual([]);
    expect((await examSlots('2026-12-08')).length).toBeGreaterThan(0);
  });

  it('refuses bad exceptions with 422 and the field’s message, keeping what was typed', async () => {
    const { app } = ctx();
    const url = `/admin/resources/device/${gaitRobotId}/exceptions`;
    const ok = { exceptionKind: 'closed', fromDate: '2026-12-09', fromTime: '09:00', toDate: '2026-12-09', toTime: '12:00', note: 'Yıllık bakım' };
    const cases: Array<[values: Record<string, string>, field: string, message: string]> = [
      [{ ...ok, toTime: '09:00' }, 'toDate', t('resources.error.order')],
      [{ ...ok, toDate: '2026-12-08' }, 'toDate', t('resources.error.order')],
      [{ ...ok, toDate: '2027-12-10' }, 'toDate', t('resources.error.tooLongRange')],
      [{ ...ok, fromDate: '2026-02-30' }, 'fromDate', t('resources.error.date')],
      [{ ...ok, fromDate: '' }, 'fromDate', t('form.required')],
      [{ ...ok, toDate: '09.12.2026' }, 'toDate', t('resources.error.date')],
      [{ ...ok, fromTime: '24:00' }, 'fromTime', t('resources.error.time')],
      [{ ...ok, toTime: '12:00; DROP TABLE resource_exceptions' }, 'toTime', t('resources.error.time')],
      [{ ...ok, fromDate: '2026-11-01', toDate: '2026-11-02' }, 'toDate', t('resources.error.exceptionPast')],
      [{ ...ok, note: 'x'.repeat(201) }, 'note', t('form.tooLong', { max: 200 })],
      [{ ...ok, note: 'bell\u0007' }, 'note', t('form.invalid')],
      [{ ...ok, exceptionKind: 'holiday' }, 'exceptionKind', t('form.invalidChoice')],
    ];
    const count = async () => (await db().selectFrom('resource_exceptions').select('id').execute()).length;
    const before = [await count(), await contentVersion()];
    for (const [values, field, message] of cases) {
      const label = `${field}=${values[field]?.slice(0, 30)}`;
      const res = await postAs(app, admin, url, values);
      expect(res.statusCode, label).toBe(422);
      const doc = html(res.body);
      expect(doc.querySelector(`#f-${field}-error`)?.text, label).toBe(message);
      expect(doc.querySelector('.banner.error')?.text, label).toBe(t('form.errorSummary'));
      for (const name of ['fromDate', 'fromTime', 'toDate', 'toTime', 'note']) {
        if (values[name]!.length < 100) expect(attr(doc, `[name=${name}]`, 'value'), `${label} keeps ${name}`).toBe(values[name]);
      }
    }
    expect([await count(), await contentVersion()]).toEqual(before);
  });

  it('edits the booking rules of a service with bounds, shows the requirements read-only, and audits', async () => {
    const { app } = ctx();
    const service = await db().selectFrom('services').selectAll().where('key', '=', 'free-examination').executeTakeFirstOrThrow();
    const page = html((await getAs(app, admin, '/admin/resources/services')).body);
    expect(page.querySelector('h1')?.text).toBe(t('resources.services.title'));
    const section = page.querySelector(`#service-${service.id}`)!;
    expect(section.querySelector('h2')?.text.trim()).toBe('Free examination');
    expect(section.text).toContain(`${t('resources.type.practitioner')}: ${t('resources.qual.physician')}`);
    expect(section.text).toContain(`${t('resources.type.room')}: ${t('resources.kind.exam_room')}`);
    expect(attr(section, '[name=durationMinutes]', 'value')).toBe('30');
    expect(attr(section, '[name=stepMinutes]', 'value')).toBe('15');
    expect(attr(section, '[name=minNoticeMinutes]', 'value')).toBe('120');
    expect(attr(section, '[name=horizonDays]', 'value')).toBe('60');
    expect(attr(section, 'select[name=onlineBooking] option[selected]', 'value')).toBe('1');
    expect(attr(section, 'select[name=initialStatus] option[selected]', 'value')).toBe('requested');
    expect(section.querySelector('[name=qualification]')).toBeNull(); // requirements are not editable

    const url = `/admin/resources/services/${service.id}`;
    const seeded = { durationMinutes: '30', stepMinutes: '15', minNoticeMinutes: '120', horizonDays: '60', onlineBooking: '1', initialStatus: 'requested' };
    const before = await contentVersion();
    const invalid: Array<[field: string, value: string, message: string]> = [
      ['stepMinutes', '7', t('resources.error.step', { min: 5, max: 120 })],
      ['stepMinutes', '0', t('resources.error.step', { min: 5, max: 120 })],
      ['durationMinutes', '0', t('resources.error.duration', { min: 5, max: 480 })],
      ['durationMinutes', '485', t('resources.error.duration', { min: 5, max: 480 })],
      ['durationMinutes', '32', t('resources.error.duration', { min: 5, max: 480 })],
      ['durationMinutes', '', t('resources.error.duration', { min: 5, max: 480 })],
      ['minNoticeMinutes', '10081', t('resources.error.notice', { min: 0, max: 10080 })],
      ['minNoticeMinutes', '-1', t('resources.error.notice', { min: 0, max: 10080 })],
      ['horizonDays', '0', t('resources.error.horizon', { min: 1, max: 365 })],
      ['horizonDays', '366', t('resources.error.horizon', { min: 1, max: 365 })],
      ['horizonDays', '30 days', t('resources.error.horizon', { min: 1, max: 365 })],
      ['onlineBooking', 'maybe', t('form.invalidChoice')],
      ['initialStatus', 'cancelled', t('form.invalidChoice')],
    ];
    for (const [field, value, message] of invalid) {
      const res = await postAs(app, admin, url, { ...seeded, [field]: value });
      expect(res.statusCode, `${field}=${value}`).toBe(422);
      const doc = html(res.body);
      expect(doc.querySelector(`#f-${field}-${service.id}-error`)?.text, `${field}=${value}`).toBe(message);
      if (field !== 'onlineBooking' && field !== 'initialStatus') expect(attr(doc, `#f-${field}-${service.id}`, 'value'), `${field}=${value}`).toBe(value);
    }
    expect(await contentVersion()).toBe(before);

    const res = await postAs(app, admin, url, { ...seeded, stepMinutes: '30', minNoticeMinutes: '60', initialStatus: 'confirmed' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/admin/resources/services?notice=saved#service-${service.id}`);
    const row = await db().selectFrom('services').selectAll().where('id', '=', service.id).executeTakeFirstOrThrow();
    expect([row.duration_minutes, row.step_minutes, row.min_notice_minutes, row.horizon_days, row.online_booking, row.initial_status]).toEqual([30, 30, 60, 60, 1, 'confirmed']);
    expect(await contentVersion()).toBe(before + 1);
    const audit = await lastAudit('service.rules.update');
    expect([audit?.actor_user_id, audit?.target_type, audit?.target_id]).toEqual([admin.id, 'service', String(service.id)]);
    expect(JSON.parse(audit!.details)).toEqual({
      key: 'free-examination',
      changed: { stepMinutes: { from: 15, to: 30 }, minNoticeMinutes: { from: 120, to: 60 }, initialStatus: { from: 'requested', to: 'confirmed' } },
    });
    // The engine follows: starts every 30 minutes only.
    const slots = await examSlots(MONDAY);
    expect(slots.length).toBeGreaterThan(0);
    expect(slots.every((s) => (s.start - MONDAY_ISTANBUL_MIDNIGHT) % (30 * 60_000) === 0)).toBe(true);

    // Online booking off: the public list no longer offers it.
    expect((await postAs(app, admin, url, { ...seeded, onlineBooking: '0' })).statusCode).toBe(303);
    expect((await app.services.booking.listServices('en')).map((s) => s.slug)).not.toContain('free-examination');
    expect((await postAs(app, admin, url, seeded)).statusCode).toBe(303);
    expect((await app.services.booking.listServices('en')).map((s) => s.slug)).toContain('free-examination');
  });

  it('lists holidays from today on, adds a clinic closure (no slots that day) and deletes it, audited', async () => {
    const { app, clock } = ctx();
    expect(clock.now).toBe(FIXED_NOW);
    const page = html((await getAs(app, admin, '/admin/resources/holidays')).body);
    expect(page.querySelector('h1')?.text).toBe(t('resources.holidays.title'));
    const dates = page.querySelectorAll('table#holidays tbody tr').map((r) => r.getAttribute('data-date')!);
    expect(dates.length).toBeGreaterThan(5);
    expect(dates.every((d) => d >= '2026-12-02')).toBe(true);
    expect(dates).toContain('2027-01-01');
    expect(dates).toEqual([...dates].sort());

    const date = '2026-12-10';
    expect((await examSlots(date)).length).toBeGreaterThan(0);
    const before = await contentVersion();
    const res = await postAs(app, admin, '/admin/resources/holidays', { date, nameTr: 'Klinik kapalı <b>bakım</b>', nameEn: 'Clinic closed', closedFrom: '' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin/resources/holidays?notice=holidayAdded');
    expect(await db().selectFrom('holidays').selectAll().where('date', '=', date).executeTakeFirst()).toEqual({
      date,
      name_tr: 'Klinik kapalı <b>bakım</b>',
      name_en: 'Clinic closed',
      starts_at: null,
    });
    expect(await examSlots(date)).toEqual([]);
    expect(await contentVersion()).toBe(before + 1);
    const created = await lastAudit('holiday.create');
    expect([created?.actor_user_id, created?.target_type, created?.target_id]).toEqual([admin.id, 'holiday', date]);
    const listed = html((await getAs(app, admin, '/admin/resources/holidays')).body);
    const row = listed.querySelector(`tr[data-date="${date}"]`)!;
    expect(row.text).toContain('Thursday, 10 December 2026');
    expect(row.text).toContain(t('resources.holidays.wholeDay'));
    expect(row.querySelector('td')?.innerHTML).toBe('Klinik kapalı &lt;b>bakım&lt;/b>');

    // The same date again: refused with the typed values kept.
    const dup = await postAs(app, admin, '/admin/resources/holidays', { date, nameTr: 'İkinci', nameEn: 'Second', closedFrom: '13:00' });
    expect(dup.statusCode).toBe(422);
    const dupDoc = html(dup.body);
    expect(dupDoc.querySelector('#f-date-error')?.text).toBe(t('resources.error.holidayTaken'));
    expect(attr(dupDoc, '#f-date', 'value')).toBe(date);
    expect(attr(dupDoc, '#f-nameTr', 'value')).toBe('İkinci');
    expect(attr(dupDoc, '#f-closedFrom', 'value')).toBe('13:00');

    const del = await postAs(app, admin, '/admin/resources/holidays/delete', { date });
    expect(del.statusCode).toBe(303);
    expect(del.headers.location).toBe('/admin/resources/holidays?notice=holidayDeleted');
    expect(await db().selectFrom('holidays').select('date').where('date', '=', date).executeTakeFirst()).toBeUndefined();
    expect((await examSlots(date)).length).toBeGreaterThan(0);
    expect(JSON.parse((await lastAudit('holiday.delete'))!.details)).toMatchObject({ date, nameEn: 'Clinic closed' });
    expect((await postAs(app, admin, '/admin/resources/holidays/delete', { date })).statusCode).toBe(404);
    expect((await postAs(app, admin, '/admin/resources/holidays/delete', { date: "2026-12-10' OR 1=1" })).statusCode).toBe(404);
  });

  it('adds a half-day holiday: closed from the given time on', async () => {
    const { app } = ctx();
    const date = '2026-12-11'; // a Friday
    const res = await postAs(app, admin, '/admin/resources/holidays', { date, nameTr: 'Yarım gün', nameEn: 'Half day', closedFrom: '13:00' });
    expect(res.statusCode).toBe(303);
    expect((await db().selectFrom('holidays').select('starts_at').where('date', '=', date).executeTakeFirstOrThrow()).starts_at).toBe('13:00');
    const slots = await examSlots(date);
    expect(slots.length).toBeGreaterThan(0);
    expect(slots.every((s) => s.end <= Date.UTC(2026, 11, 11, 10, 0))).toBe(true); // 13:00 Istanbul
    expect(html((await getAs(app, admin, '/admin/resources/holidays')).body).querySelector(`tr[data-date="${date}"]`)?.text).toContain(t('resources.holidays.fromTime', { time: '13:00' }));
    expect((await postAs(app, admin, '/admin/resources/holidays/delete', { date })).statusCode).toBe(303);
  });

  it('refuses bad holidays with 422 and the field’s message', async () => {
    const { app } = ctx();
    const ok = { date: '2026-12-15', nameTr: 'Kapalı', nameEn: 'Closed', closedFrom: '' };
    const cases: Array<[values: Record<string, string>, field: string, message: string]> = [
      [{ ...ok, date: '2026-12-01' }, 'date', t('resources.error.holidayPast')],
      [{ ...ok, date: '2026-02-30' }, 'date', t('resources.error.date')],
      [{ ...ok, date: '' }, 'date', t('form.required')],
      [{ ...ok, nameTr: '' }, 'nameTr', t('form.required')],
      [{ ...ok, nameEn: 'x'.repeat(121) }, 'nameEn', t('form.tooLong', { max: 120 })],
      [{ ...ok, closedFrom: '1 pm' }, 'closedFrom', t('resources.error.time')],
    ];
    const before = await contentVersion();
    for (const [values, field, message] of cases) {
      const res = await postAs(app, admin, '/admin/resources/holidays', values);
      expect(res.statusCode, `${field}=${values[field]}`).toBe(422);
      const doc = html(res.body);
      expect(doc.querySelector(`#f-${field}-error`)?.text, `${field}=${values[field]}`).toBe(message);
      expect(attr(doc, `#f-${field}`, 'value'), `${field}=${values[field]}`).toBe(values[field]);
    }
    expect(await db().selectFrom('holidays').select('date').where('date', '=', '2026-12-15').executeTakeFirst()).toBeUndefined();
    expect(await contentVersion()).toBe(before);
  });

  it('answers odd bodies with 422 or 404, never 500', async () => {
    const { app } = ctx();
    const json = (url: string, body: Record<string, unknown>) =>
      app.inject({ method: 'POST', url, headers: { cookie: admin.cookie, 'content-type': 'application/json' }, payload: JSON.stringify({ _csrf: admin.csrf, ...body }) });
    const before = await contentVersion();
    const responses = [
      await json(`/admin/resources/practitioner/${physicianId}`, { name: { $ne: 1 }, titleTr: ['a'], titleEn: null, 'qual.physician': true }),
      await json(`/admin/resources/device/${gaitRobotId}/hours`, { 'hours.1': ['09:00-10:00'], 'hours.2': 5 }),
      await json(`/admin/resources/room/${examRoomId}/exceptions`, { exceptionKind: 'closed', fromDate: 20261207, toDate: { a: 1 } }),
      await json(`/admin/resources/services/1`, { durationMinutes: 1e308, stepMinutes: -0, minNoticeMinutes: 'NaN', horizonDays: [] }),
      await json('/admin/resources/holidays', { date: ['2026-12-20'], nameTr: 'x', nameEn: 'y', closedFrom: false }),
      await postAs(app, admin, `/admin/resources/practitioner/${physicianId}/exceptions/delete`, { exceptionId: '1; DROP TABLE x' }),
      await postAs(app, admin, `/admin/resources/practitioner/${physicianId}/exceptions/delete`, {}),
    ];
    for (const res of responses) {
      expect(res.statusCode).toBeLessThan(500);
      expect([404, 422]).toContain(res.statusCode);
    }
    expect(await contentVersion()).toBe(before);
  });
});
