// Indexes for data-subject requests about comments (privacy page, "Comments by e-mail address"): the comments left
// with one address and the reply notices queued or sent to it, both compared without regard to ASCII case. Addresses
// are stored as typed; the comment form accepts ASCII addresses only, so lower() means the same on both engines.
import { sql } from 'kysely';
import type { Migration } from './helpers.ts';

export const commentEmailIndex: Migration = {
  name: '012-comment-email-index',
  async up({ db }) {
    // Partial: most comments carry no address. Queries repeat `author_email is not null` so SQLite may use it.
    await db.schema
      .createIndex('comments_author_email_lower')
      .on('comments')
      .expression(sql`lower(author_email)`)
      .where(sql.ref('author_email'), 'is not', null)
      .execute();
    // Only the reply notices: other messages are found by their appointment (outbox_appointment).
    await db.schema
      .createIndex('outbox_comment_reply_recipient')
      .on('outbox')
      .expression(sql`lower(recipient)`)
      .where(sql.ref('kind'), '=', sql.lit('comment.reply'))
      .execute();
  },
};
