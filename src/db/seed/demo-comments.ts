// Demo questions under two articles, with the clinic's answers (written for this project; questions to the clinic,
// never testimonials or reviews), approved, in both languages. Seeded with the demo clinic only.
import { createHash } from 'node:crypto';
import type { Tx } from '../connect.ts';
import type { Locale } from '../schema.ts';

const DAY = 24 * 60 * 60 * 1000;

interface DemoThread {
  article: string;
  locale: Locale;
  name: string;
  question: string;
  answer: string;
  daysAgo: number;
}

const threads: DemoThread[] = [
  {
    article: 'robotic-gait-training',
    locale: 'tr',
    name: 'Hülya',
    question: 'Babam iki ay önce inme geçirdi ve henüz yardımsız ayakta duramıyor. Robot destekli yürüme eğitimine başlamak için ayakta durabilmesi gerekiyor mu?',
    answer:
      'Gerekmiyor: cihaz, vücut ağırlığının bir kısmını askı sistemiyle taşıdığı için ayakta duramayan hastalarla da çalışılabilir. Uygun olup olmadığına ise tansiyon, kalp ritmi, eklem hareket açıklığı ve kemik sağlığına bakarak muayenede karar veriyoruz. Bir değerlendirme randevusu alırsanız programı birlikte planlayabiliriz.',
    daysAgo: 12,
  },
  {
    article: 'robotic-gait-training',
    locale: 'tr',
    name: 'Serkan',
    question: 'Seanslar sırasında ağrı olur mu? Bir seans ne kadar sürüyor?',
    answer:
      'Bir seans hazırlıkla birlikte yaklaşık bir saat sürer; cihaz üzerinde yürüme süresi genellikle 30–45 dakikadır. Seans yorucu olabilir ama ağrı beklenen bir durum değildir; ağrı olursa fizyoterapistiniz hızı, ağırlık desteğini veya adım ayarlarını hemen değiştirir.',
    daysAgo: 5,
  },
  {
    article: 'robotic-gait-training',
    locale: 'en',
    name: 'Daniel',
    question: 'My mother has a pacemaker. Can she still use the gait robot?',
    answer:
      'Often yes, but it depends on the device and her heart condition. Please bring the pacemaker card and her cardiologist’s latest notes to the examination; our physician checks them before any robotic session is planned.',
    daysAgo: 9,
  },
  {
    article: 'upper-limb-robotics',
    locale: 'tr',
    name: 'Gülşen',
    question: 'Elimde parmakları açmakta zorlanıyorum. Kol robotu parmak hareketleri için de kullanılıyor mu?',
    answer:
      'Kullandığımız üst ekstremite sistemi omuz, dirsek ve bilek hareketlerinin yanında kavrama ve bırakma alıştırmalarını da destekler. Parmakların tek tek çalışılması gerekiyorsa robotik seansları el terapisi ve gerektiğinde elektrik stimülasyonuyla birlikte planlıyoruz.',
    daysAgo: 20,
  },
  {
    article: 'upper-limb-robotics',
    locale: 'en',
    name: 'Priya',
    question: 'Is there anything I should practise at home between the robot sessions?',
    answer:
      'Yes: your therapist gives you a short home programme matched to what you work on in the sessions, usually reaching, grasping and releasing everyday objects. Doing it most days helps the gains from the sessions carry over into daily life.',
    daysAgo: 3,
  },
];

const fingerprint = (text: string) => createHash('sha256').update(text.toLocaleLowerCase('tr').replace(/\s+/g, ' ').trim()).digest('hex');

export async function seedDemoComments(tx: Tx, now: number, clinicName: string): Promise<void> {
  const articles = await tx.selectFrom('articles').select(['id', 'key']).execute();
  const idOf = new Map(articles.map((a) => [a.key, Number(a.id)]));
  for (const [i, th] of threads.entries()) {
    const articleId = idOf.get(th.article);
    if (articleId === undefined) continue;
    const asked = now - th.daysAgo * DAY - (i + 1) * 37 * 60_000;
    const answered = asked + 26 * 60 * 60_000;
    const common = { article_id: articleId, locale: th.locale, status: 'approved' as const, author_email: null, notify_on_reply: 0, ip_hash: null, spam_score: 0, spam_reasons: '[]', edited_at: null };
    const question = await tx
      .insertInto('comments')
      .values({ ...common, parent_id: null, author_name: th.name, is_clinic: 0, staff_user_id: null, body: th.question, body_hash: fingerprint(th.question), notice_version: 1, consent_version: 1, created_at: asked, updated_at: answered, approved_at: asked + 3 * 60 * 60_000 })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('comments')
      .values({ ...common, parent_id: Number(question.id), author_name: clinicName, is_clinic: 1, staff_user_id: null, body: th.answer, body_hash: fingerprint(th.answer), notice_version: null, consent_version: null, created_at: answered, updated_at: answered, approved_at: answered })
      .execute();
  }
}
