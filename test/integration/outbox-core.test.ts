// The outbox contract: enqueue inside the caller's transaction (commits or rolls back with it), dedupe keys,
// notBefore, cancelPending — on both engines.
import { expect, it } from 'vitest';
import { cancelPending, enqueue, OutboxMessageError, type NewOutboxMessage } from '../../src/features/notifications/outbox.ts';
import { describeEachEngine } from '../helpers/engines.ts';

const mail = (over: Partial<NewOutboxMessage> = {}): NewOutboxMessage => ({
  channel: 'email',
  kind: 'appointment.created',
  recipient: 'ayse@example.org',
  locale: 'tr',
  subject: 'Randevunuz',
  text: 'Merhaba',
  html: '<p>Merhaba</p>',
  attachments: [{ filename: 'randevu.ics', contentType: 'text/calendar; method=REQUEST', content: 'BEGIN:VCALENDAR' }],
  ...over,
});

describeEachEngine('outbox core', (ctx) => {
  it('enqueues a pending message with everything it was given', async () => {
    const { database, clock } = ctx();
    const id = await enqueue(database.db, mail({ appointmentId: 4242, whatsappTemplate: undefined }), clock.now);
    expect(id).toBeTypeOf('number');
    const row = await database.db.selectFrom('outbox').selectAll().where('id', '=', id!).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      channel: 'email',
      kind: 'appointment.created',
      recipient: 'ayse@example.org',
      locale: 'tr',
      subject: 'Randevunuz',
      body_text: 'Merhaba',
      body_html: '<p>Merhaba</p>',
      appointment_id: 4242,
      status: 'pending',
      attempts: 0,
      next_attempt_at: clock.now,
      created_at: clock.now,
    });
    expect(JSON.parse(row.attachments!)).toEqual([{ filename: 'randevu.ics', contentType: 'text/calendar; method=REQUEST', content: 'BEGIN:VCALENDAR' }]);
  });

  it('commits and rolls back with the caller’s transaction', async () => {
    const { database, clock } = ctx();
    await expect(
      database.db.transaction().execute(async (tx) => {
        await enqueue(tx, mail({ dedupeKey: 'rollback-1' }), clock.now);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await database.db.selectFrom('outbox').select('id').where('dedupe_key', '=', 'rollback-1').executeTakeFirst()).toBeUndefined();
    const id = await database.db.transaction().execute((tx) => enqueue(tx, mail({ dedupeKey: 'commit-1' }), clock.now));
    expect(await database.db.selectFrom('outbox').select('id').where('dedupe_key', '=', 'commit-1').executeTakeFirst()).toEqual({ id });
  });

  it('does nothing for a second message with the same dedupe key', async () => {
    const { database, clock } = ctx();
    const first = await enqueue(database.db, mail({ dedupeKey: 'same-key', text: 'first' }), clock.now);
    const second = await database.db.transaction().execute((tx) => enqueue(tx, mail({ dedupeKey: 'same-key', text: 'second' }), clock.now));
    expect(first).toBeTypeOf('number');
    expect(second).toBeUndefined();
    const rows = await database.db.selectFrom('outbox').select(['id', 'body_text']).where('dedupe_key', '=', 'same-key').execute();
    expect(rows).toEqual([{ id: first, body_text: 'first' }]);
    // Messages without a key never collide.
    expect(await enqueue(database.db, mail(), clock.now)).toBeTypeOf('number');
    expect(await enqueue(database.db, mail(), clock.now)).toBeTypeOf('number');
  });

  it('holds a message back until notBefore (never earlier than now)', async () => {
    const { database, clock } = ctx();
    const later = clock.now + 3_600_000;
    const a = await enqueue(database.db, mail({ notBefore: later }), clock.now);
    const b = await enqueue(database.db, mail({ notBefore: clock.now - 60_000 }), clock.now);
    const rows = await database.db.selectFrom('outbox').select(['id', 'next_attempt_at']).where('id', 'in', [a!, b!]).orderBy('id').execute();
    expect(rows.map((r) => r.next_attempt_at)).toEqual([later, clock.now]);
  });

  it('cancels pending messages of an appointment, optionally by kind, and only pending ones', async () => {
    const { database, clock } = ctx();
    const appointmentId = 777;
    const reminder = await enqueue(database.db, mail({ appointmentId, kind: 'appointment.reminder', notBefore: clock.now + 86_400_000 }), clock.now);
    const created = await enqueue(database.db, mail({ appointmentId, kind: 'appointment.created' }), clock.now);
    const sent = await enqueue(database.db, mail({ appointmentId, kind: 'appointment.reminder' }), clock.now);
    await database.db.updateTable('outbox').set({ status: 'sent', sent_at: clock.now }).where('id', '=', sent!).execute();
    const other = await enqueue(database.db, mail({ appointmentId: 778, kind: 'appointment.reminder' }), clock.now);

    expect(await database.db.transaction().execute((tx) => cancelPending(tx, { appointmentId, kinds: ['appointment.reminder'] }, clock.now + 5))).toBe(1);
    const status = async (id: number | undefined) => (await database.db.selectFrom('outbox').select(['status', 'updated_at']).where('id', '=', id!).executeTakeFirstOrThrow());
    expect(await status(reminder)).toEqual({ status: 'cancelled', updated_at: clock.now + 5 });
    expect((await status(created)).status).toBe('pending');
    expect((await status(sent)).status).toBe('sent');
    expect((await status(other)).status).toBe('pending');
    expect(await cancelPending(database.db, { appointmentId, kinds: [] }, clock.now)).toBe(0);
    expect(await cancelPending(database.db, { appointmentId }, clock.now)).toBe(1);
    expect((await status(created)).status).toBe('cancelled');
  });

  it('refuses malformed messages (a programming error, not user input)', async () => {
    const { database, clock } = ctx();
    await expect(enqueue(database.db, mail({ recipient: '  ' }), clock.now)).rejects.toBeInstanceOf(OutboxMessageError);
    await expect(enqueue(database.db, mail({ channel: 'whatsapp', recipient: '05321234567' }), clock.now)).rejects.toBeInstanceOf(OutboxMessageError);
    await expect(enqueue(database.db, mail({ kind: '' }), clock.now)).rejects.toBeInstanceOf(OutboxMessageError);
    expect(await enqueue(database.db, { channel: 'whatsapp', kind: 'appointment.reminder', recipient: '+905321234567', locale: 'en', text: 'Reminder', whatsappTemplate: { name: 'appointment_reminder_en', params: ['3 Dec', '09:15'] } }, clock.now)).toBeTypeOf('number');
  });
});
