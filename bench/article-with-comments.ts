// Shared by bench:page and bench:lighthouse: a fresh demo clinic whose muscle-spasm article carries ten approved
// comments on its English page (five readers' questions, each with the clinic's answer), prepared in the database
// before the server under test starts (it then finds a migrated, seeded database and leaves it as it is).
import { loadConfig } from '../src/config.ts';
import { prepareDatabase } from '../src/db/setup.ts';

export const ARTICLE_WITH_COMMENTS = '/en/articles/what-causes-muscle-spasm';
const ARTICLE_KEY = 'muscle-spasm';

const questions = [
  'I get calf cramps at night about twice a week. Is that something a physiotherapist should look at, or is stretching enough?',
  'Can a spasm in the lower back come from sitting at a desk all day? What would an examination check?',
  'My father had a stroke and his arm stiffens when he tries to reach. Is that the same as the spasms described here?',
  'Does drinking more water really help, or is it mostly about salts like magnesium and potassium?',
  'How long after a strong neck spasm should I wait before going back to the gym?',
];
const answers = [
  'Occasional night cramps are common, and gentle calf stretches before bed help many people. If they wake you often, come with swelling, or started with a new medicine, an examination is worth it: we look at circulation, nerves and your daily routine.',
  'Yes, long static postures tire the deep back muscles and can set off a protective spasm. The examination checks movement, posture, strength and nerve signs, and we suggest breaks and a few exercises you can do at the desk.',
  'Not quite: after a stroke, stiffness on reaching is usually spasticity, a change in how the nervous system controls the muscle. It is treated differently, for example with stretching, positioning, electrical stimulation and robot-assisted arm training.',
  'Both matter. Losing water through sweat also loses salts, so after heavy sweating a drink with electrolytes helps more than plain water. A blood test is only needed when cramps are frequent or come with other symptoms.',
  'Let pain guide you: once you can turn your head freely in daily life, start with light mobility and easy sets, and build up over a week or two. Sudden severe pain, numbness or weakness in the arm needs a doctor first.',
];

/** Migrates and seeds `env`'s database (like a first start), then adds the ten comments. */
export async function prepareArticleWithComments(env: Record<string, string | undefined>): Promise<void> {
  const config = loadConfig(env);
  const now = Date.now();
  const { handle } = await prepareDatabase(config, { now });
  try {
    const db = handle.db;
    const article = await db.selectFrom('articles').select('id').where('key', '=', ARTICLE_KEY).executeTakeFirstOrThrow();
    for (const [i, question] of questions.entries()) {
      const asked = now - (10 - i) * 86_400_000;
      const common = { article_id: Number(article.id), locale: 'en' as const, status: 'approved' as const, notify_on_reply: 0, ip_hash: null, spam_score: 0, spam_reasons: '[]', edited_at: null, staff_user_id: null };
      const q = await db
        .insertInto('comments')
        .values({ ...common, parent_id: null, author_name: `Reader ${i + 1}`, author_email: null, is_clinic: 0, body: question, body_hash: `bench-q-${i}`, notice_version: 1, consent_version: 1, created_at: asked, updated_at: asked, approved_at: asked + 3_600_000 })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('comments')
        .values({ ...common, parent_id: Number(q.id), author_name: 'Clinic', author_email: null, is_clinic: 1, body: answers[i]!, body_hash: `bench-a-${i}`, notice_version: null, consent_version: null, created_at: asked + 7_200_000, updated_at: asked + 7_200_000, approved_at: asked + 7_200_000 })
        .execute();
    }
  } finally {
    await handle.close();
  }
}
