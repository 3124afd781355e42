// The back-office calendar, staff moves (form and API) and the device utilization report, on every engine.
import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import type { AppointmentEvent } from '../../src/features/booking/events.ts';
import { describeEachEngine } from '../helpers/engines.ts';
import { html } from '../helpers/html.ts';
import { getAs, postAs, signedInStaff, type SignedInStaff } from '../helpers/staff.ts';

const generous = { env: { BOOKING_MAX_PER_IP_PER_HOUR: '1000', BOOKING_MAX_PER_PHONE_PER_DAY: '1000' } };
let phoneCounter = 0;

async function bookGait(app: FastifyInstance, start: string, name: string): Promise<number> {
  const n = String(2_000_000 + ++phoneCounter).slice(-7);
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/bookings',
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({ service: 'robotic-gait', start, name, phone: `0532 ${n.slice(0, 3)} ${n.slice(3, 5)} ${n.slice(5)}`, locale: 'tr', consent: { kvkk: true, healthData: false } }),
  });
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as { id: number }).id;
}

function moveJson(app: FastifyInstance, who: SignedInStaff, id: number, body: unknown, csrf = who.csrf) {
  return app.inject({
    method: 'POST',
    url: `/api/v1/appointments/${id}/move`,
    headers: { 'content-type': 'application/json', cookie: who.cookie, 'x-csrf-token': csrf },
    payload: JSON.stringify(body),
  });
}

describeEachEngine(
  'calendar',
  (ctx) => {
    let reception: SignedInStaff;
    let therapist: SignedInStaff;
    let loner: SignedInStaff;
    let gaitDevice = '';
    let first = 0;
    let second = 0;
    const events: AppointmentEvent[] = [];

    beforeAll(async () => {
      const { app, database } = ctx();
      const db = database.db;
      // The gait session is booked by the front desk; the test books it through the public API for brevity.
      await db.updateTable('services').set({ online_booking: 1 }).where('key', '=', 'robotic-gait').execute();
      const device = await db.selectFrom('devices').select('id').where('kind', '=', 'gait_robot').executeTakeFirstOrThrow();
      gaitDevice = `device:${device.id}`;
      // Tuesday 8 December a holiday; Wednesday 9 December 10:00–12:00 maintenance of the gait robot.
      await db.insertInto('holidays').values({ date: '2026-12-08', name_tr: 'Deneme tatili', name_en: 'Test holiday', starts_at: null }).execute();
      await db
        .insertInto('resource_exceptions')
        .values({ resource_key: gaitDevice, starts_at: Date.parse('2026-12-09T10:00:00+03:00'), ends_at: Date.parse('2026-12-09T12:00:00+03:00'), kind: 'closed', note: 'Annual service' })
        .execute();
      await db.updateTable('site_state').set((eb) => ({ content_version: eb('content_version', '+', 1) })).execute();
      first = await bookGait(app, '2026-12-07T10:00:00+03:00', 'Ayşe Yılmaz');
      second = await bookGait(app, '2026-12-07T14:00:00+03:00', 'Mehmet Demir');
      reception = await signedInStaff(ctx(), 'receptionist');
      therapist = await signedInStaff(ctx(), 'therapist');
      loner = await signedInStaff(ctx(), 'therapist');
      const gaitPractitioner = await db
        .selectFrom('appointment_resources')
        .select('resource_key')
        .where('appointment_id', '=', first)
        .where('resource_key', 'like', 'practitioner:%')
        .executeTakeFirstOrThrow();
      await db.updateTable('users').set({ practitioner_id: Number(gaitPractitioner.resource_key.split(':')[1]) }).where('id', '=', therapist.id).execute();
      app.services.booking.events.on(async (_tx, event) => {
        events.push(event);
      });
    });

    it('shows a day by device: working hours, buffers, maintenance, appointments with patient, service and status', async () => {
      const res = await getAs(ctx().app, reception, '/admin/calendar?date=2026-12-07&kind=device');
      expect(res.statusCode, res.body).toBe(200);
      const doc = html(res.body);
      const col = doc.querySelector(`.cal-col[data-resource="${gaitDevice}"]`);
      expect(col).not.toBeNull();
      const appts = col!.querySelectorAll('a.cal-appt');
      expect(appts.map((a) => a.getAttribute('data-id'))).toEqual([String(first), String(second)]);
      expect(appts[0]!.text).toContain('Ayşe Yılmaz');
      expect(appts[0]!.text).toContain('10:00–11:00');
      expect(appts[0]!.text).toContain('Robot-assisted gait training');
      expect(appts[0]!.classList.contains('status-requested')).toBe(true);
      // 10 minutes setup and cleaning around each gait session: two striped buffers per appointment.
      expect(col!.querySelectorAll('.cal-buffer')).toHaveLength(4);
      expect(col!.querySelectorAll('.cal-work').length).toBeGreaterThan(0);
      expect(doc.querySelectorAll('.cal-col').length).toBe(5);
      expect(doc.querySelector('nav.cal-nav a')?.getAttribute('href')).toContain('date=2026-12-06');
    });

    it('shows the week with the holiday and the maintenance, and the today line on the current day', async () => {
      const res = await getAs(ctx().app, reception, `/admin/calendar?date=2026-12-09&view=week&kind=device`);
      expect(res.statusCode).toBe(200);
      const doc = html(res.body);
      expect(doc.querySelectorAll('.cal-col').length).toBe(35);
      const heads = doc.querySelectorAll('.cal-day-head.holiday');
      expect(heads).toHaveLength(1);
      expect(heads[0]!.text).toContain('Test holiday');
      const tuesday = doc.querySelector(`.cal-col[data-resource="${gaitDevice}"][data-date="2026-12-08"]`)!;
      expect(tuesday.querySelectorAll('.cal-work')).toHaveLength(0);
      const wednesday = doc.querySelector(`.cal-col[data-resource="${gaitDevice}"][data-date="2026-12-09"]`)!;
      expect(wednesday.querySelector('.cal-closure')?.text).toContain('Annual service');
      // The test clock is Wednesday 2 December: not in this week.
      expect(doc.querySelectorAll('.cal-now')).toHaveLength(0);
      const now = html((await getAs(ctx().app, reception, '/admin/calendar?kind=room')).body);
      expect(now.querySelectorAll('.cal-now')).toHaveLength(5);
    });

    it('filters by location when the clinic has more than one, and speaks Turkish', async () => {
      const { app, database } = ctx();
      const db = database.db;
      const second = await db.insertInto('locations').values({ name: 'Kadıköy' }).returning('id').executeTakeFirstOrThrow();
      const device = await db
        .insertInto('devices')
        .values({ location_id: second.id, kind: 'tilt_table', name_tr: 'Kadıköy tilt masası', name_en: 'Kadıköy tilt table', setup_minutes: 0, cleanup_minutes: 0, active: 1 })
        .returning('id')
        .executeTakeFirstOrThrow();
      try {
        const all = html((await getAs(app, reception, '/admin/calendar?date=2026-12-07&kind=device')).body);
        expect(all.querySelectorAll('.cal-col')).toHaveLength(6);
        expect(all.querySelectorAll('select[name=location] option')).toHaveLength(3);
        const only = html((await getAs(app, reception, `/admin/calendar?date=2026-12-07&kind=device&location=${second.id}`)).body);
        expect(only.querySelectorAll('.cal-col').map((c) => c.getAttribute('data-resource'))).toEqual([`device:${device.id}`]);
        expect(only.querySelector('select[name=location] option[selected]')?.text).toBe('Kadıköy');
        await db.updateTable('users').set({ locale: 'tr' }).where('id', '=', reception.id).execute();
        const tr = html((await getAs(app, reception, '/admin/calendar?date=2026-12-08&kind=device&view=week')).body);
        expect(tr.querySelector('h1')?.text).toBe('Takvim');
        expect(tr.querySelector('.cal-day-head.holiday')?.text).toContain('Tatil: Deneme tatili');
        expect(tr.querySelector('nav.cal-nav')?.text).toContain('Önceki hafta');
      } finally {
        await db.updateTable('users').set({ locale: 'en' }).where('id', '=', reception.id).execute();
        await db.deleteFrom('devices').where('id', '=', device.id).execute();
        await db.deleteFrom('locations').where('id', '=', second.id).execute();
      }
    });

    it('refuses bad parameters with a message, not a 500', async () => {
      const res = await getAs(ctx().app, reception, '/admin/calendar?date=2026-02-30&kind=robot&view=year&location=99');
      expect(res.statusCode).toBe(400);
      expect(html(res.body).querySelectorAll('.banner.error p')).toHaveLength(4);
    });

    it('shows a therapist only their own column, whatever they ask for', async () => {
      const res = await getAs(ctx().app, therapist, '/admin/calendar?date=2026-12-07&kind=device&view=week');
      expect(res.statusCode).toBe(200);
      const doc = html(res.body);
      const resources = new Set(doc.querySelectorAll('.cal-col').map((c) => c.getAttribute('data-resource')));
      expect(resources.size).toBe(1);
      expect([...resources][0]).toMatch(/^practitioner:/);
      expect(doc.querySelector('select[name=kind]')).toBeNull();
      expect(doc.querySelector(`a.cal-appt[data-id="${first}"]`)).not.toBeNull();
      expect(doc.querySelector('a.cal-appt.movable')).toBeNull();

      const unlinked = await getAs(ctx().app, loner, '/admin/calendar?date=2026-12-07');
      expect(unlinked.statusCode).toBe(200);
      expect(html(unlinked.body).querySelectorAll('.cal-col')).toHaveLength(0);
      expect(unlinked.body).toContain('not linked to a practitioner');
      // The calendar's appointment links open the one appointment page, with the calendar view to go back to.
      const link = html((await getAs(ctx().app, therapist, '/admin/calendar?date=2026-12-07&view=week')).body).querySelector(`a.cal-appt[data-id="${first}"]`);
      expect(link?.getAttribute('href')).toBe(`/admin/appointments/${first}?date=2026-12-07&view=week&kind=practitioner`);
      // A therapist (no appointments.manage) sees the appointment without a Move form, and may not move it.
      const own = await getAs(ctx().app, therapist, link!.getAttribute('href')!);
      expect(own.statusCode).toBe(200);
      const ownPage = html(own.body);
      expect(ownPage.querySelector('#appointment-heading')?.text).toContain('Ayşe Yılmaz');
      expect(ownPage.querySelector('form[action$="/move"]')).toBeNull();
      expect(ownPage.querySelector('#mv-date')).toBeNull();
      expect(ownPage.querySelector('.fd-page-links a')?.getAttribute('href')).toBe('/admin/calendar?date=2026-12-07&view=week&kind=practitioner');
      expect((await postAs(ctx().app, therapist, `/admin/appointments/${first}/move`, { date: '2026-12-07', time: '11:00' })).statusCode).toBe(403);
      expect((await postAs(ctx().app, therapist, `/admin/calendar/appointments/${first}/move`, { date: '2026-12-07', time: '11:00' })).statusCode).toBe(403);
      expect((await moveJson(ctx().app, therapist, first, { start: '2026-12-07T11:00:00+03:00' })).statusCode).toBe(403);
      expect((await getAs(ctx().app, therapist, '/admin/reports/utilization')).statusCode).toBe(403);
    });

    it('moves by the form: new time and a chosen practitioner, audited, announced, calendar shows it', async () => {
      const { app, database } = ctx();
      const page0 = await getAs(app, reception, `/admin/appointments/${first}?date=2026-12-07&view=day&kind=device`);
      expect(page0.statusCode).toBe(200);
      const detail = html(page0.body);
      // One page: lifecycle actions, the Move form (carrying the calendar view), notes.
      expect(detail.querySelector('button[data-action="confirm"]')).not.toBeNull();
      expect(detail.querySelector('#f-notes')).not.toBeNull();
      expect(detail.querySelector('form[action$="/move"] input[name=back]')?.getAttribute('value')).toBe('date=2026-12-07&view=day&kind=device');
      const practitionerOptions = detail.querySelectorAll('select[name=resource_practitioner] option').map((o) => o.getAttribute('value'));
      expect(practitionerOptions.length).toBe(3); // automatic + the two gait-qualified therapists
      const current = await database.db.selectFrom('appointment_resources').select('resource_key').where('appointment_id', '=', first).where('resource_key', 'like', 'practitioner:%').executeTakeFirstOrThrow();
      const other = practitionerOptions.find((v) => v && v !== current.resource_key)!;
      events.length = 0;
      const res = await postAs(app, reception, `/admin/appointments/${first}/move`, { date: '2026-12-07', time: '11:30', duration: '60', resource_practitioner: other, back: 'date=2026-12-07&view=day&kind=device' });
      expect(res.statusCode, res.body).toBe(303);
      expect(res.headers.location).toContain('date=2026-12-07');
      expect(res.headers.location).toContain('kind=device');
      const row = await database.db.selectFrom('appointments').select(['starts_at', 'ends_at', 'status']).where('id', '=', first).executeTakeFirstOrThrow();
      expect(Number(row.starts_at)).toBe(Date.parse('2026-12-07T11:30:00+03:00'));
      expect(Number(row.ends_at)).toBe(Date.parse('2026-12-07T12:30:00+03:00'));
      expect(row.status).toBe('requested');
      const keys = (await database.db.selectFrom('appointment_resources').select('resource_key').where('appointment_id', '=', first).execute()).map((r) => r.resource_key);
      expect(keys).toContain(other);
      const cells = await database.db.selectFrom('occupancy').select(['cell']).where('appointment_id', '=', first).where('resource_key', '=', gaitDevice).orderBy('cell').execute();
      expect(Number(cells[0]!.cell)).toBe(Date.parse('2026-12-07T11:20:00+03:00'));
      expect(cells).toHaveLength(16); // 10 + 60 + 10 minutes in 5-minute cells
      const auditRow = await database.db.selectFrom('audit_log').select(['actor_user_id', 'details']).where('action', '=', 'appointment.move').where('target_id', '=', String(first)).executeTakeFirstOrThrow();
      expect(Number(auditRow.actor_user_id)).toBe(reception.id);
      expect(events).toEqual([expect.objectContaining({ kind: 'moved', appointmentId: first, by: 'clinic', staffId: reception.id, previous: { start: Date.parse('2026-12-07T10:00:00+03:00'), end: Date.parse('2026-12-07T11:00:00+03:00') } })]);
      const page = await getAs(app, reception, res.headers.location as string);
      expect(page.body).toContain('Appointment moved.');
      expect(html(page.body).querySelector(`a.cal-appt[data-id="${first}"]`)?.text).toContain('11:30–12:30');
    });

    it('refuses a move onto a taken time, into a buffer, outside hours, on a holiday, with reasons, changing nothing', async () => {
      const { app, database } = ctx();
      const before = await database.db.selectFrom('occupancy').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const taken = await postAs(app, reception, `/admin/appointments/${first}/move`, { date: '2026-12-07', time: '14:00', resource_practitioner: '' });
      expect(taken.statusCode).toBe(409);
      const takenPage = html(taken.body);
      expect(takenPage.querySelector('#mv-errors')?.text).toContain('already taken');
      expect(takenPage.querySelector('#mv-time')?.getAttribute('value')).toBe('14:00');
      // The free times of that day come back as buttons; none of them is the taken one.
      const alternatives = takenPage.querySelectorAll('#mv-alternatives button[name=alternative]').map((b) => b.getAttribute('value'));
      expect(alternatives.length).toBeGreaterThan(0);
      expect(alternatives).toContain('10:00');
      expect(alternatives).not.toContain('14:00');
      // 15:05 would need the robot from 14:55 (setup), while the 14:00 session holds it until 15:10 (cleaning).
      const buffer = await moveJson(app, reception, first, { start: '2026-12-07T15:05:00+03:00', resources: [gaitDevice] });
      expect(buffer.statusCode).toBe(409);
      expect(buffer.headers['content-type']).toContain('application/problem+json');
      expect((buffer.json() as { title: string }).title).toContain('already taken');
      const lunch = await moveJson(app, reception, first, { start: '2026-12-07T12:45:00+03:00' });
      expect(lunch.statusCode).toBe(422);
      expect((lunch.json() as { errors: Record<string, string> }).errors.start).toContain('outside the working hours');
      const holiday = await postAs(app, reception, `/admin/appointments/${first}/move`, { date: '2026-12-08', time: '10:00' });
      expect(holiday.statusCode).toBe(422);
      expect(holiday.body).toContain('outside the working hours');
      const offGrid = await moveJson(app, reception, first, { start: '2026-12-07T15:02:00+03:00' });
      expect(offGrid.statusCode).toBe(422);
      const past = await moveJson(app, reception, first, { start: '2026-12-01T10:00:00+03:00' });
      expect(past.statusCode).toBe(422);
      const wrongResource = await moveJson(app, reception, first, { start: '2026-12-07T16:00:00+03:00', resources: ['device:9999'] });
      expect(wrongResource.statusCode).toBe(422);
      expect((await moveJson(app, reception, first, { start: 'tomorrow' })).statusCode).toBe(422);
      const badResources = await moveJson(app, reception, first, { start: '2026-12-07T16:00:00+03:00', resources: 'device:1' });
      expect(badResources.statusCode).toBe(422);
      expect((badResources.json() as { errors: Record<string, string> }).errors.resources).toContain('resources that can serve');
      expect((await moveJson(app, reception, first, { start: '2026-12-07T16:00:00+03:00', colour: 'red' })).statusCode).toBe(422);
      expect((await moveJson(app, reception, first, { start: '2026-12-07T16:00:00+03:00' }, 'wrong-token')).statusCode).toBe(403);
      expect((await moveJson(app, reception, 999_999, { start: '2026-12-07T16:00:00+03:00' })).statusCode).toBe(404);
      const after = await database.db.selectFrom('occupancy').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(before.n));
      const row = await database.db.selectFrom('appointments').select('starts_at').where('id', '=', first).executeTakeFirstOrThrow();
      expect(Number(row.starts_at)).toBe(Date.parse('2026-12-07T11:30:00+03:00'));
    });

    it('answers bad input on the Move form with a message in the person’s language, keeping what was typed', async () => {
      const { app, database } = ctx();
      const cases: Array<[Record<string, string>, string, string]> = [
        [{ date: '2026-02-30', time: '10:00' }, '#mv-date-error', 'Please give a date as YYYY-MM-DD and a time as HH:MM.'],
        [{ date: '2026-12-07', time: '25:00' }, '#mv-date-error', 'Please give a date as YYYY-MM-DD and a time as HH:MM.'],
        [{ date: 'next monday', time: 'ten' }, '#mv-date-error', 'Please give a date as YYYY-MM-DD and a time as HH:MM.'],
        [{ date: '2026-12-07', time: '16:00', alternative: '99:99' }, '#mv-date-error', 'Please give a date as YYYY-MM-DD and a time as HH:MM.'],
        [{ date: '2026-12-07', time: '16:00', duration: 'long' }, '#mv-end-error', 'The length must be 5 minutes to 12 hours'],
        [{ date: '2026-12-07', time: '16:00', duration: '0' }, '#mv-end-error', 'The length must be 5 minutes to 12 hours'],
        [{ date: '2026-12-07', time: '16:00', duration: '900' }, '#mv-end-error', 'The length must be 5 minutes to 12 hours'],
        [{ date: '2026-12-07', time: '16:02' }, '#mv-start-error', 'Please choose a start on a 5-minute mark'],
        [{ date: '2026-12-01', time: '10:00' }, '#mv-start-error', ''],
        [{ date: '2026-12-07', time: '16:00', resource_device: 'device:9999' }, '#mv-resources-error', 'Please choose resources that can serve this service.'],
        [{ date: '2026-12-07', time: '16:00', resource_room: 'teapot' }, '#mv-resources-error', 'Please choose resources that can serve this service.'],
      ];
      for (const [values, selector, message] of cases) {
        const res = await postAs(app, reception, `/admin/appointments/${first}/move`, values);
        expect(res.statusCode, `${JSON.stringify(values)}: ${res.body.slice(0, 200)}`).toBe(422);
        const doc = html(res.body);
        expect(doc.querySelector(selector)?.text, JSON.stringify(values)).toContain(message);
        expect(doc.querySelector('#mv-errors')?.getAttribute('role')).toBe('alert');
        expect(doc.querySelector('#mv-date')?.getAttribute('value')).toBe(values.date);
        expect(doc.querySelector('#mv-time')?.getAttribute('value')).toBe(values.alternative ?? values.time);
        if (values.duration) expect(doc.querySelector('#mv-duration')?.getAttribute('value')).toBe(values.duration);
      }
      await database.db.updateTable('users').set({ locale: 'tr' }).where('id', '=', reception.id).execute();
      try {
        const tr = await postAs(app, reception, `/admin/appointments/${first}/move`, { date: '2026-13-01', time: '10:00' });
        expect(tr.statusCode).toBe(422);
        expect(html(tr.body).querySelector('#mv-date-error')?.text).toBe('Lütfen tarihi YYYY-AA-GG, saati SS:DD biçiminde yazın.');
        const taken = await postAs(app, reception, `/admin/appointments/${first}/move`, { date: '2026-12-07', time: '14:00' });
        expect(taken.statusCode).toBe(409);
        expect(html(taken.body).querySelector('#mv-alternatives legend')?.text).toContain('boş saatleri');
      } finally {
        await database.db.updateTable('users').set({ locale: 'en' }).where('id', '=', reception.id).execute();
      }
      const row = await database.db.selectFrom('appointments').select('starts_at').where('id', '=', first).executeTakeFirstOrThrow();
      expect(Number(row.starts_at)).toBe(Date.parse('2026-12-07T11:30:00+03:00'));
    });

    it('moves from the appointment page by a free-time button, back to the page; the old URLs lead to it', async () => {
      const { app, database } = ctx();
      const res = await postAs(app, reception, `/admin/appointments/${first}/move`, { date: '2026-12-07', time: '14:00', duration: '60', alternative: '16:00' });
      expect(res.statusCode, res.body).toBe(303);
      expect(res.headers.location).toBe(`/admin/appointments/${first}?done=moved`);
      const page = html((await getAs(app, reception, res.headers.location as string)).body);
      expect(page.querySelector('.banner.success')?.text).toContain('Appointment moved.');
      expect(page.querySelector('#mv-time')?.getAttribute('value')).toBe('16:00');
      // Not from the calendar: back to the list, and a link to the day in the calendar.
      expect(page.querySelectorAll('.fd-page-links a').map((a) => a.getAttribute('href'))).toEqual(['/admin/appointments?from=2026-12-07', '/admin/calendar?date=2026-12-07']);
      const row = await database.db.selectFrom('appointments').select(['starts_at', 'ends_at']).where('id', '=', first).executeTakeFirstOrThrow();
      expect([Number(row.starts_at), Number(row.ends_at)]).toEqual([Date.parse('2026-12-07T16:00:00+03:00'), Date.parse('2026-12-07T17:00:00+03:00')]);

      // Old links and bookmarks of the calendar's appointment page, and a Move form still open on it.
      const old = await getAs(app, reception, `/admin/calendar/appointments/${first}`);
      expect(old.statusCode).toBe(301);
      expect(old.headers.location).toBe(`/admin/appointments/${first}`);
      const oldForm = await postAs(app, reception, `/admin/calendar/appointments/${first}/move`, { date: '2026-12-07', time: '11:30' });
      expect(oldForm.statusCode).toBe(307);
      expect(oldForm.headers.location).toBe(`/admin/appointments/${first}/move`);
      expect((await getAs(app, reception, `/admin/calendar/appointments/abc`)).statusCode).toBe(404);

      // Back where it was, for the tests that follow.
      expect((await moveJson(app, reception, first, { start: '2026-12-07T11:30:00+03:00' })).statusCode).toBe(200);
    });

    it('refuses to move a completed appointment, and moves and resizes by the API', async () => {
      const { app, database } = ctx();
      await database.db.updateTable('appointments').set({ status: 'completed' }).where('id', '=', second).execute();
      const done = await moveJson(app, reception, second, { start: '2026-12-07T16:00:00+03:00' });
      expect(done.statusCode).toBe(409);
      expect((done.json() as { title: string }).title).toContain('Completed');
      const page = html((await getAs(app, reception, `/admin/appointments/${second}`)).body);
      expect(page.querySelector('form[action$="/move"]')).toBeNull();
      expect(page.text).toContain('can no longer be moved');
      await database.db.updateTable('appointments').set({ status: 'confirmed' }).where('id', '=', second).execute();

      const moved = await moveJson(app, reception, second, { start: '2026-12-07T15:00:00+03:00', end: '2026-12-07T16:30:00+03:00' });
      expect(moved.statusCode, moved.body).toBe(200);
      const body = moved.json() as { start: string; end: string; status: string; resources: string[] };
      expect(body).toMatchObject({ start: '2026-12-07T15:00:00+03:00', end: '2026-12-07T16:30:00+03:00', status: 'confirmed' });
      expect(body.resources).toContain(gaitDevice);
      const openapi = (await app.inject({ url: '/api/v1/openapi.json' })).json() as { paths: Record<string, unknown> };
      expect(openapi.paths['/appointments/{id}/move']).toBeDefined();
    });

    it('reports device utilization per day and week, with the holiday and the maintenance taken out', async () => {
      const { app } = ctx();
      const res = await getAs(app, reception, `/admin/reports/utilization?from=2026-12-07&to=2026-12-13&device=${gaitDevice}`);
      expect(res.statusCode, res.body).toBe(200);
      const doc = html(res.body);
      const cells = doc.querySelectorAll(`#per-day tr[data-device="${gaitDevice}"] td`).map((td) => td.text.replace(/\s+/g, ' ').trim());
      // Mon 11:30–12:30 and 15:00–16:30 = 2.5 h of 9 h; Tue holiday; Wed 9 h − 2 h maintenance; Sat 5 h; Sun closed.
      expect(cells[0]).toBe('28% 2.5 h of 9 h');
      expect(cells[1]).toBe('— closed');
      expect(cells[2]).toBe('0% 0 h of 7 h');
      expect(cells[5]).toBe('0% 0 h of 5 h');
      expect(cells[6]).toBe('— closed');
      expect(cells[7]).toBe('6% 2.5 h of 39 h'); // total
      const heat = doc.querySelector('table.heat')!;
      expect(heat.querySelector('caption')?.text).toContain('Gait robot');
      const rows = heat.querySelectorAll('tbody tr');
      const at11 = rows.find((r) => r.querySelector('th')?.text === '11:00')!;
      expect(at11.querySelectorAll('td')[0]!.text).toBe('50%'); // Monday 11:30–12:00 booked
      const bad = await getAs(app, reception, '/admin/reports/utilization?from=2026-12-10&to=2026-12-01');
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('at most 92 days');
    });
  },
  generous,
);
