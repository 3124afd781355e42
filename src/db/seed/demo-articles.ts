// Demo health articles (Turkish and English), written for this project.
export interface ArticleText { slug: string; title: string; summary: string; body: string; coverAlt: string }
export interface DemoArticle {
  key: string;                      // stable id linking the translations
  category: 'muscles-spasm' | 'neuro-rehab' | 'robotic-therapy' | 'exercise' | 'therapies';
  author: string;                   // one of the demo staff below
  editor: string;                   // the responsible medical editor (always the physician)
  publishedDaysAgo: number;         // for demo dates
  updatedDaysAgo: number;           // ≤ publishedDaysAgo
  tr: ArticleText;
  en: ArticleText;
}

const EDITOR = 'Dr. Selin Aydoğan';

export const demoCategories: Array<{ key: DemoArticle['category']; tr: { slug: string; name: string; description: string }; en: { slug: string; name: string; description: string } }> = [
  {
    key: 'muscles-spasm',
    tr: { slug: 'kaslar-ve-spazm', name: 'Kaslar ve spazm', description: 'Kas spazmı, kramp ve kas ağrılarının nedenleri ile bunlarla baş etme yolları üzerine yazılar.' },
    en: { slug: 'muscles-and-spasm', name: 'Muscles and spasm', description: 'Articles on the causes of muscle spasm, cramp and muscle pain, and on ways to manage them.' },
  },
  {
    key: 'neuro-rehab',
    tr: { slug: 'inme-ve-norolojik-rehabilitasyon', name: 'İnme ve nörolojik rehabilitasyon', description: 'İnme, omurilik yaralanması ve diğer nörolojik durumlardan sonraki rehabilitasyon sürecine dair bilgiler.' },
    en: { slug: 'stroke-and-neurological-rehab', name: 'Stroke and neurological rehab', description: 'Information on rehabilitation after a stroke, spinal cord injury and other neurological conditions.' },
  },
  {
    key: 'robotic-therapy',
    tr: { slug: 'robotik-terapi', name: 'Robotik terapi', description: 'Robot destekli yürüme, kol ve el terapilerinin nasıl uygulandığını ve kimlere uygun olabileceğini anlatan yazılar.' },
    en: { slug: 'robotic-therapy', name: 'Robotic therapy', description: 'How robot-assisted walking, arm and hand therapies work and who they may suit.' },
  },
  {
    key: 'exercise',
    tr: { slug: 'egzersiz', name: 'Egzersiz', description: 'Evde ve günlük yaşamda güvenle uygulanabilecek egzersizler için genel öneriler.' },
    en: { slug: 'exercise', name: 'Exercise', description: 'General advice on exercises you can do safely at home and in everyday life.' },
  },
  {
    key: 'therapies',
    tr: { slug: 'tedavi-yontemleri', name: 'Tedavi yöntemleri', description: 'Elektroterapi, sıcak-soğuk uygulamalar ve diğer fizik tedavi yöntemlerinin sade bir dille açıklaması.' },
    en: { slug: 'treatment-methods', name: 'Treatment methods', description: 'Plain-language explanations of electrotherapy, heat and cold, and other physiotherapy methods.' },
  },
];

export const demoArticles: DemoArticle[] = [
  // 1 ─ Muscle spasm
  {
    key: 'muscle-spasm',
    category: 'muscles-spasm',
    author: 'İlknur Işık',
    editor: EDITOR,
    publishedDaysAgo: 120,
    updatedDaysAgo: 30,
    tr: {
      slug: 'kas-spazmi-neden-olur',
      title: 'Kas spazmı neden olur? Tetikleyiciler, rahatlama yolları ve fizik tedavi',
      summary: 'Kas spazmı ve kramp neden olur, o an ne yapılabilir, ne zaman doktora gidilmeli? Tetikleyiciler ve fizik tedavinin katkısı sade bir dille.',
      coverAlt: 'Fizyoterapist, hastanın baldır kasını nazikçe esnetiyor',
      body: `Gece uykunun ortasında baldırınızda aniden beliren o sert ve ağrılı kasılmayı pek çok kişi tanır. Kas spazmı ya da halk arasındaki adıyla kramp, çoğu zaman zararsızdır ve birkaç saniye ile birkaç dakika içinde geçer. Yine de sık tekrarladığında uykuyu, işi ve hareket etme isteğini olumsuz etkileyebilir. Bu yazıda spazmın nasıl oluştuğunu, neyin tetikleyebileceğini ve fizik tedavinin nasıl destek olabileceğini anlatıyoruz.

## Kas spazmı nedir?

Kas spazmı, bir kasın ya da kas grubunun istemsiz olarak kasılması ve bir süre gevşeyememesidir. Kas, dokunulduğunda cildin altında sert bir düğüm gibi hissedilebilir; ağrı hafif bir gerginlikten keskin bir sızıya kadar değişebilir. En sık baldırda, uyluğun ön ve arka yüzünde, ayak tabanında ve ellerde görülür. Spazm geçtikten sonra kasta birkaç saat sürebilen bir hassasiyet kalması da olağandır.

### Kısaca mekanizma

Kaslarımız, omurilikten çıkıp kas liflerine uzanan motor sinir hücrelerinden gelen sinyallerle çalışır. Sinir hücresi ateşlendiğinde kasa “kasıl” mesajı gider; sinyal kesildiğinde kas gevşer. Spazmda bu denge bozulur: Sinir hücreleri aşırı uyarılabilir hâle gelir ve art arda, kontrolsüz biçimde sinyal gönderir. Kas kasılır ve gevşeme komutunu bir süre “duyamaz”.

Bu sürecin sağlıklı işlemesi için vücuttaki minerallerin, yani elektrolitlerin dengede olması gerekir. **Sodyum ve potasyum**, sinir ve kas hücrelerinde elektrik sinyallerinin oluşmasını ve iletilmesini sağlar. **Kalsiyum** kasılmayı başlatır; **magnezyum** ise sinirlerin aşırı uyarılmasını frenlemeye ve kasın gevşemesine yardım eder. Bu minerallerden biri azaldığında ya da vücudun sıvı dengesi bozulduğunda sinirler daha kolay ateşlenir ve spazm eğilimi artabilir.

## Spazmı tetikleyebilen durumlar

Çoğu zaman tek bir neden yoktur; birkaç etken bir araya gelir. Sık karşılaşılan tetikleyiciler şunlardır:

- **Yetersiz sıvı alımı:** Gün boyu az su içmek, sıcak havada ya da terleyerek çalışırken kaybedilen sıvıyı yerine koymamak.
- **Elektrolit dengesizliği ve beslenme:** Sebze, meyve, baklagil ve süt ürünlerinden fakir bir beslenme; ishal ya da kusma sonrası mineral kaybı.
- **Yorgunluk ve aşırı kullanım:** Ağır egzersiz, alışık olunmayan bir antrenman ya da uzun saatler süren bedensel iş kası yorar ve spazma yatkın hâle getirir.
- **Stres ve kaygı:** Sürekli gerginlik kas tonusunu artırır; özellikle boyun, omuz ve çene çevresinde sıkışma hissine yol açabilir.
- **Yetersiz uyku:** Yeterince dinlenemeyen vücutta kasların toparlanması gecikir.
- **Bazı ilaçlar ve hastalıklar:** İdrar söktürücüler, kolesterol ilaçlarının bir kısmı ve bazı astım ilaçları kramp eğilimini artırabilir. Gebelik, diyabet, tiroid ve böbrek hastalıkları, sinir sıkışmaları ve dolaşım sorunları da spazmla ilişkili olabilir. Kullandığınız bir ilacı kendi başınıza bırakmayın; şüpheniz varsa hekiminizle konuşun.

### Spastisite farklı bir durumdur

İnme, omurilik yaralanması, multipl skleroz ya da serebral palsi gibi sinir sistemini etkileyen durumlardan sonra görülen **spastisite**, sıradan bir kramptan farklıdır. Beyin ile omurilik arasındaki kontrol bozulduğu için kas tonusu sürekli yüksek kalır ve kas, özellikle hızlı hareket ettirildiğinde direnç gösterir. Spastisitenin değerlendirilmesi ve tedavisi ayrı bir uzmanlık gerektirir ve bir rehabilitasyon ekibiyle planlanmalıdır.

## Spazm anında ne yapabilirsiniz?

- Kasılan kası **yavaşça ve nazikçe esnetin.** Baldır krampında dizinizi düz tutup ayak parmaklarınızı kendinize doğru çekebilirsiniz.
- Kası hafifçe ovun ya da üzerine **ılık bir havlu** koyun; sıcaklık gevşemeye yardımcı olabilir.
- Ayağa kalkıp ağırlığınızı yavaşça etkilenen bacağa vermek de işe yarayabilir; düşmemek için sağlam bir yere tutunun.
- Spazm geçtikten sonra su için ve kası bir süre zorlamayın.

## Ne zaman doktora başvurmalısınız?

Aşağıdaki durumlarda bir hekime görünmeniz önerilir:

- Spazmlar sık tekrarlıyor, uykunuzu bozuyor ya da basit önlemlerle geçmiyorsa,
- Kasta belirgin güçsüzlük, incelme, uyuşma veya karıncalanma eşlik ediyorsa,
- Kramplar yeni bir ilaca başladıktan sonra ortaya çıktıysa,
- Baldırda şişlik, kızarıklık ve ısı artışı varsa; bu bir damar tıkanıklığının belirtisi olabilir.

**Acil durumlar:** Bacaktaki şişliğe ani nefes darlığı ya da göğüs ağrısı eşlik ediyorsa, vücudun bir yarısında ani güçsüzlük veya konuşma bozukluğu fark ederseniz ya da ağır egzersiz sonrası şiddetli kas ağrısıyla birlikte idrarınız koyu renge döndüyse vakit kaybetmeden **112**'yi arayın.

## Fizik tedavi nasıl yardımcı olur?

Sık tekrarlayan spazmlarda amaç yalnızca o anki ağrıyı geçirmek değil, yeni atakların olasılığını azaltmaktır. Süreç genellikle şu adımları içerir.

### Değerlendirme

Hekim ve fizyoterapist; spazmın hangi kasta, ne sıklıkla ve hangi koşullarda ortaya çıktığını, duruşunuzu, kas kuvvetinizi, esnekliğinizi ve günlük alışkanlıklarınızı inceler. Gerekirse kan tahlili gibi ek tetkikler için yönlendirme yapılır.

### Tedavi seçenekleri

- **Germe ve güçlendirme egzersizleri:** Kısalmış kasları esnetmek ve yorgun kasları güçlendirmek spazm eğilimini azaltabilir.
- **Elektrik stimülasyonu:** Uygun hastalarda ağrıyı hafifletmek ya da kas çalışmasını desteklemek amacıyla kullanılabilir.
- **Sıcak ve soğuk uygulamalar:** Duruma göre gevşemeyi destekler ya da ağrıyı azaltır.
- **Egzersiz alışkanlıkları:** Isınma ve soğuma, yükü kademeli artırma ve dinlenme günleri için size uygun bir plan yapılır.

### Spazm günlüğü tutun

Kısa bir günlük, tetikleyicileri bulmayı kolaylaştırır. Her spazmda şunları not edin:

- **Ne zaman** oldu (gece mi, egzersiz sırasında mı)?
- **Hangi kasta** oldu?
- **Ne kadar sürdü** ve **ne kadar şiddetliydi** (0 ile 10 arasında)?
- **Öncesinde ne vardı:** Uzun süre ayakta kalmak, yoğun antrenman, az su içmek, stresli bir gün ya da kötü geçen bir gece?

Bu notları muayeneye getirmeniz, değerlendirmeyi daha verimli hâle getirir. Tekrarlayan spazmlarınız için bir değerlendirme planlamak isterseniz [muayene sayfamızdan](/tr/ucretsiz-muayene) bilgi alabilirsiniz.

Bu yazı genel bilgilendirme amaçlıdır; kişisel tanı ve tedavinin yerini tutmaz.`,
    },
    en: {
      slug: 'what-causes-muscle-spasm',
      title: 'What causes muscle spasm? Triggers, quick relief and how physiotherapy helps',
      summary: 'Why muscles cramp, what helps in the moment, when to see a doctor and how physiotherapy can make recurring spasms less likely, in plain words.',
      coverAlt: 'A physiotherapist gently stretches the calf muscle of a patient',
      body: `Many people know the sudden, painful tightening in the calf that wakes them at night. A muscle spasm, often called a cramp, is usually harmless and passes within seconds or a few minutes. When it keeps coming back, though, it can disturb sleep, work and daily activity. Here we explain how spasms happen, what triggers them and how physiotherapy can help.

## What is a muscle spasm?

A muscle spasm is an involuntary contraction of a muscle or group of muscles that does not relax for a while. The muscle may feel like a hard knot, and the pain ranges from mild tightness to a sharp ache. It is most common in the calves, thighs, soles of the feet and hands. The muscle may stay tender for a few hours afterwards.

### The mechanism in plain words

Muscles work on signals from motor neurons, nerve cells running from the spinal cord to the muscle. When a motor neuron fires, the muscle contracts; when the signal stops, it relaxes. In a spasm the nerve cells become overexcitable and keep firing, so the muscle contracts and cannot “hear” the instruction to let go.

Nerves and muscles also need the body's minerals, or electrolytes, to be in balance. **Sodium and potassium** allow electrical signals to form and travel along nerve and muscle cells. **Calcium** switches the contraction on, while **magnesium** helps to calm nerve excitability and lets the muscle relax. When one runs low, or fluid balance is disturbed, nerves fire more easily and spasms become more likely.

## Common triggers

There is rarely a single cause; usually several factors add up:

- **Not drinking enough:** too little water, or not replacing fluid lost through sweating in hot weather or hard work.
- **Electrolyte imbalance and diet:** a diet low in vegetables, fruit, pulses and dairy, or mineral loss after diarrhoea or vomiting.
- **Fatigue and overuse:** heavy exercise, unfamiliar training or long hours of physical work tire the muscle and make it prone to cramping.
- **Stress and anxiety:** constant tension raises muscle tone, often felt as tightness around the neck, shoulders and jaw.
- **Poor sleep:** muscles recover more slowly when the body does not rest well.
- **Certain medicines and conditions:** diuretics (water tablets) and some cholesterol-lowering and asthma medicines can make cramps more likely. Pregnancy, diabetes, thyroid and kidney disease, trapped nerves and circulation problems can also be linked to spasms. Never stop a prescribed medicine on your own; ask your doctor.

### Spasticity is different

**Spasticity**, which can follow a stroke, spinal cord injury, multiple sclerosis or cerebral palsy, is not the same as an ordinary cramp. Because control from the brain and spinal cord is disrupted, muscle tone stays high and the muscle resists movement, especially quick movement. It needs its own assessment and treatment plan with a rehabilitation team.

## What helps in the moment

- **Stretch the muscle slowly and gently.** For a calf cramp, keep your knee straight and pull your toes towards you.
- Massage the muscle lightly or place a **warm towel** over it; warmth can help it relax.
- Standing and slowly putting weight on the leg can also help; hold on to something steady.
- Once it passes, drink some water and avoid straining the muscle for a while.

## When to see a doctor

See a doctor if:

- spasms are frequent, disturb your sleep or do not settle with simple measures;
- they come with noticeable weakness, muscle wasting, numbness or tingling;
- they started after you began taking a new medicine;
- your calf is swollen, red and warm, which can be a sign of a blood clot.

**Emergency signs:** call **112** straight away if leg swelling comes with sudden breathlessness or chest pain, if you notice sudden weakness on one side of the body or difficulty speaking, or if severe muscle pain after heavy exercise comes with dark, cola-coloured urine.

## How physiotherapy helps

With recurring spasms, the aim is not only to ease the pain but also to make new episodes less likely.

### Assessment

The physician and physiotherapist look at which muscle is affected, how often and when spasms occur, and at your posture, strength, flexibility and daily habits. Blood tests or other checks may be arranged if needed.

### Treatment options

- **Stretching and strengthening:** lengthening tight muscles and building up tired ones can reduce the tendency to cramp.
- **Electrical stimulation:** used for suitable patients to ease pain or support muscle activity.
- **Heat and cold:** to help the muscle relax or to ease pain.
- **Exercise habits:** a personal plan for warming up and cooling down, increasing load gradually and building in rest days.

### Keep a spasm diary

A short diary helps to spot triggers. For each episode, note:

- **when** it happened (at night, during exercise?);
- **which muscle** was affected;
- **how long** it lasted and **how strong** it was (on a scale from 0 to 10);
- **what came before:** standing for a long time, intense training, too little water, a stressful day or a bad night's sleep?

Bring these notes to your appointment. To arrange an assessment for recurring spasms, see our [examination page](/en/free-examination).

This article is for general information and does not replace a personal diagnosis or treatment.`,
    },
  },

  // 2 ─ Robot-assisted gait training
  {
    key: 'robotic-gait-training',
    category: 'robotic-therapy',
    author: 'Emre Kılıç',
    editor: EDITOR,
    publishedDaysAgo: 100,
    updatedDaysAgo: 100,
    tr: {
      slug: 'robot-destekli-yurume-egitimi',
      title: 'Robot destekli yürüme eğitimi: Kimler için, nasıl uygulanır?',
      summary: 'Robot destekli yürüme eğitimi kimlere uygun, bir seans nasıl geçer, ilerleme nasıl ölçülür? Vücut ağırlığı desteği ve güvenlik üzerine bilgiler.',
      coverAlt: 'Askı sistemiyle desteklenen bir hasta, fizyoterapist eşliğinde yürüme robotunda yürüyor',
      body: `Yürümek, çoğumuzun düşünmeden yaptığı bir hareket gibi görünse de beyin, omurilik, kaslar ve eklemler arasında son derece ince bir iş birliği gerektirir. İnme ya da omurilik yaralanması gibi durumlardan sonra bu iş birliği bozulabilir ve yeniden yürümeyi öğrenmek uzun, emek isteyen bir sürece dönüşür. Robot destekli yürüme eğitimi, bu süreçte fizyoterapistin kullanabileceği güçlü araçlardan biridir.

## Robot destekli yürüme eğitimi nedir?

Bu yöntemde hasta, koşu bandı üzerinde bacaklarına bağlanan robotik bir düzenekle ya da ayaklarını taşıyan hareketli platformlar yardımıyla yürür. Gövdeye takılan bir askı sistemi, vücut ağırlığının bir kısmını taşır. Robot, kalça ve diz eklemlerini doğal yürüyüşe yakın bir düzende hareket ettirir; hasta ise bu harekete elinden geldiğince aktif olarak katılmaya teşvik edilir.

Robot, fizyoterapistin yerini almaz. Cihazın ayarlarını belirleyen, hastayı gözlemleyen, yönlendiren ve seansı kişiye göre biçimlendiren her zaman terapisttir.

## Kimler için uygun olabilir?

Robot destekli yürüme eğitimi, hekim değerlendirmesinin ardından şu durumlarda programın bir parçası olabilir:

- İnme sonrası yürüme güçlüğü,
- Tam olmayan (inkomplet) omurilik yaralanmaları,
- Multipl skleroz, Parkinson hastalığı gibi nörolojik hastalıklar,
- Travmatik beyin hasarı,
- Serebral palsi (uygun boyuttaki cihazlarla),
- Uzun süre yatmaya bağlı kuvvet ve kondisyon kaybı.

### Kimler için uygun olmayabilir?

Kaynamamış kırıklar, ileri düzeyde kemik erimesi, askının ya da bantların temas edeceği bölgelerde yara, eklemlerde belirgin hareket kısıtlılığı, kontrol altında olmayan kalp ritim bozukluğu ya da tansiyon yüksekliği ve cihazın boy-kilo sınırları bu yöntemin uygulanmasını engelleyebilir. Bu nedenle uygunluk kararı mutlaka hekim muayenesiyle verilir.

## Bir seans nasıl geçer?

### Hazırlık

İlk seanstan önce bacak uzunlukları ölçülür ve cihaz kişiye göre ayarlanır. Hasta askı sistemine yerleştirilir; bacak bantları rahat ama güvenli biçimde bağlanır. Bantların temas ettiği noktalarda cilt kontrol edilir.

### Yürüme bölümü

Seansın asıl bölümü genellikle 30–45 dakika sürer. Fizyoterapist; yürüme hızını, robotun ne kadar yardım edeceğini ve askının ne kadar ağırlık taşıyacağını hastanın durumuna göre ayarlar. Ekrandaki görsel geri bildirimler, hastanın her adıma aktif olarak katılmasını kolaylaştırır. Seans boyunca yorgunluk, ağrı, nabız ve gerektiğinde tansiyon takip edilir.

### Seans sonrası

Cihazdan çıktıktan sonra cilt yeniden kontrol edilir ve hastanın nasıl hissettiği sorulur. Çoğu programda robotik seanslar; zemin üzerinde yürüme, denge ve güçlendirme çalışmalarıyla birlikte planlanır.

## Neden çok sayıda tekrar önemli?

Beyin, bir hasardan sonra bile yeni bağlantılar kurarak öğrenmeye devam edebilir; buna nöroplastisite denir. Bu öğrenmenin en güçlü uyaranlarından biri, hedeflenen hareketin defalarca ve doğru biçimde tekrar edilmesidir. Klasik terapide atılabilecek adım sayısı, hem hastanın hem de terapistin yorgunluğuyla sınırlıdır. Robot ise tek bir seansta yüzlerce, kimi zaman bine yakın düzenli adım atmayı mümkün kılabilir. Bu yoğun tekrar, yürüme örüntüsünün yeniden öğrenilmesine katkı sağlayabilir; ancak sonuçlar kişiden kişiye değişir ve kesin bir iyileşme sözü verilemez.

## Vücut ağırlığı desteği ve güvenlik

Askı sistemi başlangıçta vücut ağırlığının önemli bir bölümünü taşıyabilir. Hasta güçlendikçe destek kademeli olarak azaltılır ve bacaklar daha fazla yük almaya başlar. Böylece kişi düşme korkusu yaşamadan çalışır, yük de zaman içinde güvenli biçimde artırılır.

Güvenlik için:

- Cihazda acil durdurma düğmesi bulunur ve terapist seans boyunca hastanın yanındadır.
- Bantların sürtünme ya da baskı yapıp yapmadığı düzenli olarak kontrol edilir.
- Baş dönmesi, göğüs ağrısı, olağan dışı nefes darlığı ya da ani ağrı olursa seans hemen durdurulur.

## İlerleme nasıl ölçülür?

İlerlemeyi somut olarak görmek, hem hasta hem de ekip için motive edicidir. Sık kullanılan ölçümlerden bazıları şunlardır:

- **10 metre yürüme testi:** Hastanın rahat bir tempoyla (ya da güvenle yürüyebildiği en hızlı tempoyla) 10 metreyi ne kadar sürede yürüdüğü ölçülür. Süre kısaldıkça yürüme hızının arttığı anlaşılır.
- **Berg Denge Ölçeği:** Oturduğu yerden kalkma, gözler kapalı ayakta durma, yerden bir nesne alma ve tek ayak üzerinde durma gibi 14 günlük hareket ayrı ayrı puanlanır. Toplam puan, dengedeki değişimi ve düşme riskini izlemeye yardım eder.
- **6 dakika yürüme testi:** Altı dakikada yürünebilen mesafe, dayanıklılık hakkında bilgi verir.
- **Robotun kaydettiği veriler:** Adım sayısı, hız ve ihtiyaç duyulan destek miktarı.

Ölçümler belirli aralıklarla tekrarlanır ve program sonuçlara göre güncellenir. Yöntem hakkında daha fazla bilgiyi [robotik rehabilitasyon sayfamızda](/tr/robotik-rehabilitasyon) bulabilirsiniz.

Bu yazı genel bilgilendirme amaçlıdır. Size uygun tedaviye, muayene sonrasında hekiminiz ve fizyoterapistinizle birlikte karar verilir.`,
    },
    en: {
      slug: 'robot-assisted-gait-training',
      title: 'Robot-assisted gait training: who it helps and what a session involves',
      summary: 'Who robot-assisted gait training is for, how a session goes, why repetition matters and how progress is measured with simple walking and balance tests.',
      coverAlt: 'A patient supported by a harness walks in a gait robot beside a physiotherapist',
      body: `Walking looks effortless, yet it depends on close teamwork between the brain, spinal cord, muscles and joints. After a stroke, a spinal cord injury or another neurological condition, that teamwork can break down, and learning to walk again becomes a long and demanding process. Robot-assisted gait training is one of the powerful tools a physiotherapist can use to support it.

## What is robot-assisted gait training?

The patient walks on a treadmill with a robotic frame attached to the legs, or with the feet placed on moving footplates. A harness around the trunk carries part of the body weight. The robot guides the hips and knees through a pattern close to natural walking, while the patient is encouraged to join in the movement as actively as possible.

The robot does not replace the physiotherapist. It is always the therapist who sets up the device, watches and coaches the patient, and shapes each session to the person.

## Who may benefit?

After an assessment by a physician, robot-assisted gait training may form part of the programme for people with:

- walking difficulties after a stroke;
- incomplete spinal cord injury;
- neurological conditions such as multiple sclerosis or Parkinson's disease;
- traumatic brain injury;
- cerebral palsy (with suitably sized devices);
- loss of strength and fitness after a long period in bed.

### When it may not be suitable

Unhealed fractures, severe osteoporosis, wounds where the harness or straps would sit, marked joint stiffness, uncontrolled heart rhythm problems or high blood pressure, and the height and weight limits of the device can rule the method out. That is why suitability is always decided after a medical examination.

## What happens in a session?

### Getting ready

Before the first session, leg lengths are measured and the device is adjusted to the patient. The patient is fitted into the harness and the leg cuffs are fastened so that they are comfortable but secure. The skin under the cuffs is checked.

### Walking

The main part of the session usually lasts 30 to 45 minutes. The physiotherapist adjusts the walking speed, how much the robot helps and how much weight the harness carries. Visual feedback on a screen makes it easier for the patient to take an active part in every step. Tiredness, pain, heart rate and, when needed, blood pressure are monitored throughout.

### Afterwards

After leaving the device, the skin is checked again and the patient is asked how they feel. In most programmes, robotic sessions are combined with walking on the ground, balance work and strengthening.

## Why so many repetitions matter

Even after an injury, the brain can keep learning by forming new connections, a property called neuroplasticity. One of the strongest drivers of this learning is practising the target movement many times and in the right way. In conventional therapy, the number of steps is limited by the fatigue of both patient and therapist. A robot can make it possible to take hundreds, sometimes close to a thousand, consistent steps in a single session. This intensive practice can support the relearning of the walking pattern, although results differ from person to person and no recovery can be promised.

## Body-weight support and safety

At first, the harness may carry a large share of the body weight. As the patient grows stronger, support is reduced step by step and the legs take on more load. People can therefore practise without fear of falling, while the load increases safely over time.

For safety:

- the device has an emergency stop button, and the therapist stays with the patient for the whole session;
- straps and cuffs are checked regularly for rubbing or pressure;
- the session is stopped straight away if there is dizziness, chest pain, unusual breathlessness or sudden pain.

## How progress is measured

Seeing progress in concrete terms motivates both the patient and the team. Commonly used measures include:

- **10-metre walk test:** the time it takes to walk 10 metres at a comfortable pace (or the fastest pace that is still safe). A shorter time means faster walking.
- **Berg Balance Scale:** 14 everyday tasks, such as standing up from a chair, standing with the eyes closed, picking an object up from the floor and standing on one leg, are each scored. The total helps track changes in balance and the risk of falling.
- **6-minute walk test:** the distance walked in six minutes gives an idea of endurance.
- **Data recorded by the robot:** number of steps, speed and the amount of support needed.

Measurements are repeated at regular intervals and the programme is updated according to the results. You can read more about the method on our [robotic rehabilitation page](/en/robotic-rehabilitation).

This article is for general information. The right treatment for you is decided together with your physician and physiotherapist after an examination.`,
    },
  },

  // 3 ─ Upper-limb robotics
  {
    key: 'upper-limb-robotics',
    category: 'robotic-therapy',
    author: 'Burak Öztürk',
    editor: EDITOR,
    publishedDaysAgo: 85,
    updatedDaysAgo: 40,
    tr: {
      slug: 'kol-ve-el-rehabilitasyonunda-robotik',
      title: 'Kol ve el rehabilitasyonunda robotik: Günlük hareketleri yeniden kazanmak',
      summary: 'İnme ve diğer durumlardan sonra kol ve el için robotik terapi: oyun gibi görevler, gerektiği kadar destek, ergoterapiyle birlikte çalışma ve ev pratiği.',
      coverAlt: 'Bir hasta, ekrandaki oyunu takip ederek kolunu robotik bir cihazla hareket ettiriyor',
      body: `Bir bardağı kaldırmak, düğme iliklemek, saç taramak... Kol ve el, gün içinde farkına bile varmadan yaptığımız yüzlerce işin merkezindedir. İnme ya da başka bir nörolojik sorundan sonra bu hareketlerin zorlaşması, kişinin bağımsızlığını doğrudan etkiler. Üst ekstremite robotları, kol ve el rehabilitasyonunda tekrar sayısını artırmak ve gelişimi daha kolay ölçmek için kullanılan cihazlardır.

## Üst ekstremite robotları nedir?

Bu cihazlar omuz, dirsek, el bileği ya da parmak hareketlerini desteklemek için tasarlanmıştır. Genel olarak iki türü vardır:

- **Uç nokta (end-effector) cihazları:** Hasta elini bir tutamağa ya da platforma yerleştirir; robot bu noktayı hareket ettirerek kolu yönlendirir.
- **Dış iskelet (egzoskeleton) cihazları:** Kolun ya da elin üzerine giyilir ve eklemleri ayrı ayrı destekleyebilir.

Bazı cihazlar omuz ve dirsek gibi büyük eklemlere, bazıları ise el bileği ve parmaklardaki ince hareketlere odaklanır. Hangi cihazın kullanılacağı, kişinin ihtiyacına ve mevcut hareket düzeyine göre belirlenir.

## Kimlere uygulanabilir?

Hekim değerlendirmesinin ardından şu durumlarda programa eklenebilir:

- İnme sonrası kol ve elde güçsüzlük ya da koordinasyon kaybı,
- Travmatik beyin hasarı,
- Boyun düzeyindeki omurilik yaralanmaları,
- Multipl skleroz ve benzeri nörolojik hastalıklar,
- Serebral palsi,
- Bazı ortopedik ameliyat ve yaralanmalardan sonra hareketin yeniden kazanılması.

Omuzda şiddetli ağrı, kaynamamış kırık, açık yara ya da eklemde ileri düzeyde hareket kısıtlılığı gibi durumlarda yöntem uygun olmayabilir veya uyarlanması gerekebilir.

## Seanslar nasıl geçer?

### Oyun gibi görevler

Hasta cihazın başına oturur, kolu ya da eli cihaza yerleştirilir. Ekranda beliren görevler çoğunlukla oyun biçimindedir: bir topu hedefe ulaştırmak, sanal bir bardağı rafa koymak ya da bir labirentte yol bulmak gibi. Bu tasarımın amacı, sıkıcı gelebilecek tekrarları daha ilgi çekici hâle getirmektir. Anlık puanlar ve görsel geri bildirim, kişinin kendi gelişimini görmesine de yardım eder.

### Gerektiği kadar destek

Günümüz cihazlarının önemli bir özelliği “gerektiği kadar destek” (assist-as-needed) yaklaşımıdır. Robot, hastanın hareketin ne kadarını kendi başına yapabildiğini algılar ve yalnızca eksik kalan kısmı tamamlar. Kişi güçlendikçe destek azalır; bazı görevlerde cihaz hafif bir direnç bile uygulayabilir.

Bu yaklaşım önemlidir, çünkü beyin en iyi, kişi harekete aktif olarak katıldığında öğrenir. Robotun kolu yalnızca taşıdığı, tamamen pasif bir çalışma aynı etkiyi sağlamayabilir.

### İlerlemenin takibi

Cihazlar hareket açıklığı, hız, doğruluk ve ihtiyaç duyulan destek miktarı gibi verileri kaydeder. Terapist bu verileri klinik testlerle birlikte değerlendirir. Örneğin bir dakika içinde kaç küçük küpün bir bölmeden diğerine taşınabildiğini sayan basit testler, günlük yaşamda anlam taşıyan değişimleri görmeye yardımcı olur.

## Ergoterapiyle birlikte çalışmak

Robotta kazanılan hareketin gerçek hayata taşınması gerekir. Bu noktada ergoterapi devreye girer. Ergoterapist, kişinin kendisi için önemli olan günlük işleri hedef alır:

- Yemek yeme, bardaktan su içme,
- Giyinme, düğme ve fermuar kullanma,
- Yazı yazma, telefon kullanma,
- Mutfakta basit işler yapma.

Robotik seans çoğu zaman bu görev odaklı çalışmalardan hemen önce ya da sonra planlanır. Böylece robotla yapılan yoğun tekrar, gerçek nesnelerle yapılan pratikle birleşir.

## Evde pratik

Seanslar arasında yapılan düzenli pratik, kazanımların korunmasına katkı sağlar. Fizyoterapistiniz ya da ergoterapistiniz size uygun bir ev programı hazırlayabilir. Genel öneriler şunlardır:

- **Etkilenen kolunuzu günlük işlere katın:** Kapı kolunu açmak, masayı silmek ya da bir kâğıdı katlamak gibi güvenli işleri bu elle yapmayı deneyin.
- **Kısa ama sık çalışın:** Günde birkaç kez 10–15 dakikalık çalışmalar, tek ve uzun bir seanstan daha kolay sürdürülür.
- **Omzunuzu koruyun:** Güçsüz kolu çekerek hareket ettirmeyin; otururken kolunuzu bir yastık ya da masa üzerinde destekleyin.
- **Ağrıyı dikkate alın:** Çalışma sırasında keskin ya da giderek artan bir ağrı olursa durun ve ekibinize bildirin.

### Acil belirtileri bilin

Kolda ya da elde aniden başlayan yeni güçsüzlük veya uyuşma, yüzde kayma, konuşma bozukluğu ya da dengede ani bozulma yeni bir inmenin işareti olabilir. Böyle bir durumda beklemeden **112**'yi arayın.

Robotik kol ve el terapisi hakkında daha fazla bilgi için [robotik rehabilitasyon sayfamıza](/tr/robotik-rehabilitasyon) göz atabilirsiniz. Size uygun programa, muayene sonrasında hekiminiz ve terapistinizle birlikte karar verilir.`,
    },
    en: {
      slug: 'arm-and-hand-robotics',
      title: 'Arm and hand robotics: rebuilding everyday movement',
      summary: 'Robotic therapy for the arm and hand after stroke and other conditions: game-like tasks, assist-as-needed support, occupational therapy and home practice.',
      coverAlt: 'A patient moves their arm with a robotic device while following a game on a screen',
      body: `Lifting a cup, doing up a button, brushing your hair: the arm and hand are at the heart of hundreds of everyday tasks we do without a second thought. When these movements become difficult after a stroke or another neurological condition, independence is affected directly. Upper-limb robots are devices used in arm and hand rehabilitation to increase the amount of practice and to make progress easier to measure.

## What are upper-limb robots?

These devices are designed to support movement of the shoulder, elbow, wrist or fingers. There are two broad types:

- **End-effector devices:** the patient holds a handle or rests the hand on a platform, and the robot moves that point to guide the arm.
- **Exoskeleton devices:** worn along the arm or hand, they can support individual joints separately.

Some devices focus on large joints such as the shoulder and elbow, while others target the fine movements of the wrist and fingers. The choice depends on each person's needs and current level of movement.

## Who may benefit?

After a physician's assessment, arm and hand robotics may be added to the programme for:

- weakness or loss of coordination in the arm and hand after a stroke;
- traumatic brain injury;
- spinal cord injury at neck level;
- multiple sclerosis and similar neurological conditions;
- cerebral palsy;
- regaining movement after some orthopaedic operations and injuries.

The method may not be suitable, or may need adapting, in situations such as severe shoulder pain, an unhealed fracture, an open wound or marked joint stiffness.

## What happens in a session?

### Game-like tasks

The patient sits at the device and the arm or hand is positioned in it. The tasks on the screen usually look like games: steering a ball to a target, placing a virtual cup on a shelf or finding a way through a maze. The idea is to make repetition, which could otherwise feel tedious, more engaging. Live scores and visual feedback also help people see their own progress.

### Assist-as-needed

An important feature of modern devices is the assist-as-needed approach. The robot senses how much of the movement the patient can manage alone and fills in only the missing part. As the person gets stronger, the assistance is reduced, and in some tasks the device may even add light resistance.

This matters because the brain learns best when the person takes an active part in the movement. Purely passive work, where the robot simply carries the arm, may not have the same effect.

### Tracking progress

Devices record data such as range of movement, speed, accuracy and the amount of help needed. The therapist looks at these alongside clinical tests. For example, simple tests that count how many small blocks can be moved from one compartment to another in a minute help to show changes that matter in daily life.

## Working with occupational therapy

Movement gained on the robot needs to carry over into real life, and this is where occupational therapy comes in. The occupational therapist focuses on the daily activities that matter most to the person:

- eating and drinking from a cup;
- getting dressed, using buttons and zips;
- writing and using a phone;
- simple tasks in the kitchen.

Robotic sessions are often planned just before or after this task-focused work, so that intensive repetition on the robot is combined with practice using real objects.

## Practising at home

Regular practice between sessions helps to keep the gains. Your physiotherapist or occupational therapist can prepare a home programme that suits you. Some general tips:

- **Involve the affected arm in daily tasks:** try safe activities such as opening a door handle, wiping a table or folding a sheet of paper with that hand.
- **Practise little and often:** a few sessions of 10 to 15 minutes a day are easier to keep up than one long session.
- **Protect your shoulder:** never pull on the weaker arm to move it, and support it on a cushion or table when you are sitting.
- **Listen to pain:** if you feel sharp or increasing pain while practising, stop and tell your team.

### Know the emergency signs

Sudden new weakness or numbness in the arm or hand, a drooping face, difficulty speaking or a sudden loss of balance can be signs of a new stroke. If this happens, call **112** without waiting.

To learn more about robotic arm and hand therapy, visit our [robotic rehabilitation page](/en/robotic-rehabilitation). The right programme for you is decided together with your physician and therapist after an examination.`,
    },
  },

  // 4 ─ Electrical stimulation
  {
    key: 'electrical-stimulation',
    category: 'therapies',
    author: 'Zeynep Şahin',
    editor: EDITOR,
    publishedDaysAgo: 60,
    updatedDaysAgo: 60,
    tr: {
      slug: 'elektrik-stimulasyonu-tens-nmes-fes',
      title: 'Elektrik stimülasyonu: TENS, NMES ve FES ne işe yarar?',
      summary: 'TENS, NMES ve FES arasındaki farklar, uygulamanın nasıl hissettirdiği, kimlerin kullanmaması gerektiği ve neden egzersizin yerini tutmadığı.',
      coverAlt: 'Fizyoterapist, hastanın uyluğuna elektrot pedleri yerleştiriyor',
      body: `Fizik tedavide sık kullanılan yöntemlerden biri, cilde yerleştirilen küçük pedler (elektrotlar) aracılığıyla sinirlere ve kaslara hafif elektrik akımı verilmesidir. Adları birbirine benzese de TENS, NMES ve FES farklı amaçlarla kullanılır. Bu yazıda her birini sade bir dille anlatıyor, güvenlikle ilgili önemli noktaları hatırlatıyoruz.

## Elektrik stimülasyonu nasıl çalışır?

Sinirler ve kaslar, doğal olarak çok küçük elektrik sinyalleriyle haberleşir. Elektrik stimülasyon cihazları, bu sinyallere benzeyen kontrollü uyarılar üretir. Uyarının şiddeti, sıklığı ve süresi ayarlanarak ya ağrı sinyallerinin iletimi etkilenir ya da kasın kasılması sağlanır. Kullanılan akım düşük düzeydedir ve doğru ayarlandığında güvenlidir.

## Üç temel yöntem

### TENS: Ağrıyı hafifletmek için

TENS (transkütanöz elektriksel sinir stimülasyonu) daha çok ağrı yönetiminde kullanılır. Cilt altındaki duyu sinirlerini uyararak ağrı sinyallerinin beyne ulaşmasını azalttığı ve vücudun kendi ağrı kesici maddelerinin salgılanmasını destekleyebildiği düşünülür. Bel, boyun ya da diz ağrısı gibi durumlarda rahatlama sağlayabilir; ancak etkinin derecesi kişiden kişiye değişir. Etki genellikle uygulama sırasında ve kısa bir süre sonrasında hissedilir; ağrının nedenini ortadan kaldırmaz.

### NMES: Kasları çalıştırmak için

NMES (nöromüsküler elektrik stimülasyonu), kası kasılmaya yetecek güçte uyarı verir. Örneğin diz ameliyatından sonra uyluk kasındaki güç kaybını sınırlamak ya da uzun süre hareketsiz kalmış kasları yeniden çalıştırmak amacıyla kullanılabilir. Hastadan çoğu zaman her uyarı sırasında kasını kendisinin de sıkması istenir; böylece akım ve kişinin kendi çabası birlikte çalışır.

### FES: Bir hareketi desteklemek için

FES (fonksiyonel elektrik stimülasyonu), kasları belirli bir hareketle eş zamanlı olarak uyarır. İnme ya da multipl skleroz sonrası yürürken ayak ucunun yere sürtmesi, yani düşük ayak, buna iyi bir örnektir: Cihaz, her adımda ayağı yukarı kaldıran kası doğru anda uyararak takılmaları azaltmaya yardım edebilir. FES, bisiklet çevirme ya da kol hareketleri gibi işlevsel egzersizlerle birlikte de kullanılabilir.

## Uygulama nasıl hissettirir?

Çoğu kişi akımı karıncalanma, vızıldama ya da hafif bir tıkırtı gibi tarif eder. NMES ve FES sırasında buna ek olarak kasın kendiliğinden kasıldığını görür ve hissedersiniz; bu ilk başta tuhaf gelebilir. Şiddet yavaş yavaş artırılır ve uygulama **rahatsız edici ya da ağrılı olmamalıdır**. Yanma, batma ya da keskin bir ağrı hissederseniz hemen terapistinize söyleyin.

Seanstan sonra pedlerin olduğu yerde hafif bir kızarıklık görülebilir; bu genellikle kısa sürede geçer. Kaşıntı, kabarma ya da yanığa benzeyen bir iz fark ederseniz ekibinize bildirin.

## Kimler kullanmamalı ya da dikkatli olmalı?

Elektrik stimülasyonu herkes için uygun değildir. Aşağıdaki durumlarda yöntem uygulanmaz ya da yalnızca hekimin özel değerlendirmesiyle ve belirli önlemlerle uygulanır:

- **Kalp pili, implante defibrilatör** ya da vücut içindeki başka bir elektronik cihaz,
- **Gebelik:** Karın, leğen bölgesi ve bel üzerine uygulanmaz,
- **Epilepsi:** Özellikle baş ve boyun bölgesine uygulanmaz,
- **Açık yara, tahriş olmuş ya da hasarlı cilt,**
- Duyunun azaldığı bölgeler (kişi akımın fazla olduğunu fark edemeyebilir),
- Boynun ön yüzü ve gözlerin çevresi; ayrıca akımın göğsü bir yandan diğer yana geçeceği yerleşimler,
- Pıhtı (derin ven trombozu) bulunan ya da bundan şüphelenilen bölgeler,
- Aktif olarak tedavi edilen bir kanserin bulunduğu bölge,
- Kontrol altında olmayan kalp hastalıkları.

Muayenede bu durumlarla ilgili sorular sorulacaktır; kullandığınız tüm cihazları ve ilaçları belirtmeniz önemlidir.

### Evde kullanılan cihazlar

Ev tipi TENS cihazları kolayca bulunabilmektedir. Böyle bir cihazı kullanmadan önce hekiminize ya da fizyoterapistinize danışmanız, pedlerin nereye ve hangi ayarlarla yerleştirileceğini öğrenmeniz önerilir. Cihazı araç kullanırken, uyurken ya da suya yakın ortamlarda kullanmayın.

## Egzersizin yerini tutmaz

Elektrik stimülasyonu, tedavi programı içinde yardımcı bir araçtır. Ağrıyı bir süreliğine hafifletebilir, zayıf bir kasın çalışmasına destek olabilir ya da bir hareketi kolaylaştırabilir. Ancak kalıcı kuvvet, dayanıklılık ve hareket becerisi kazanmanın temel yolu **aktif egzersizdir**. En iyi sonuç için stimülasyon genellikle egzersiz, günlük yaşam aktivitelerinin pratiği ve hasta eğitimiyle birlikte planlanır.

Uygulama sırasında göğüs ağrısı, çarpıntı, bayılacak gibi olma ya da ani nefes darlığı yaşarsanız uygulamayı hemen durdurun; belirtiler ciddiyse **112**'yi arayın. Kliniğimizde uygulanan yöntemler hakkında bilgi almak için [tedaviler sayfamıza](/tr/tedaviler) göz atabilirsiniz.`,
    },
    en: {
      slug: 'electrical-stimulation-tens-nmes-fes',
      title: 'Electrical stimulation explained: TENS, NMES and FES',
      summary: 'How TENS, NMES and FES differ, what electrical stimulation feels like, who should not use it and why it does not replace active exercise.',
      coverAlt: 'A physiotherapist places electrode pads on the thigh of a patient',
      body: `One method often used in physiotherapy is passing a mild electrical current to nerves and muscles through small pads (electrodes) placed on the skin. The names sound alike, but TENS, NMES and FES are used for different purposes. Here we explain each of them in plain words and highlight the key safety points.

## How does electrical stimulation work?

Nerves and muscles naturally communicate through tiny electrical signals. Stimulation devices produce controlled pulses similar to these signals. By adjusting the strength, frequency and length of the pulses, the therapist can either influence how pain signals travel or make a muscle contract. The current used is low and, when set correctly, safe.

## Three main methods

### TENS: easing pain

TENS (transcutaneous electrical nerve stimulation) is used mainly for pain relief. It stimulates the sensory nerves under the skin and is thought to reduce the pain signals reaching the brain and to encourage the release of the body's own pain-relieving substances. For back, neck or knee pain it can give some relief, though how much varies from person to person. The effect is usually felt during use and for a short time afterwards; it does not remove the cause of the pain.

### NMES: making muscles work

NMES (neuromuscular electrical stimulation) uses pulses strong enough to make a muscle contract. It may be used, for example, to limit the loss of strength in the thigh muscle after knee surgery, or to wake up muscles that have been inactive for a long time. Patients are often asked to tighten the muscle themselves during each pulse, so that the current and their own effort work together.

### FES: supporting a movement

FES (functional electrical stimulation) stimulates muscles in time with a specific activity. A good example is foot drop, when the front of the foot drags while walking after a stroke or in multiple sclerosis. The device stimulates the muscle that lifts the foot at the right moment in each step, which can help reduce tripping. FES can also be combined with functional exercise such as cycling or arm movements.

## What does it feel like?

Most people describe the current as tingling, buzzing or light tapping. With NMES and FES you will also see and feel the muscle tighten by itself, which can seem strange at first. The intensity is increased gradually, and the treatment **should not be uncomfortable or painful**. If you feel burning, stinging or sharp pain, tell your therapist straight away.

Mild redness under the pads is common after a session and usually fades quickly. Tell the team about any itching, blistering or a mark that looks like a burn.

## Who should not use it, or needs extra care?

Electrical stimulation is not suitable for everyone. It is not used, or is used only after a specific medical assessment and with precautions, in the following situations:

- a **pacemaker, implanted defibrillator** or any other implanted electronic device;
- **pregnancy:** not over the abdomen, pelvis or lower back;
- **epilepsy:** especially not on the head or neck;
- **open wounds or broken, irritated or damaged skin**;
- areas with reduced sensation, where you may not notice that the current is too strong;
- the front of the neck and the area around the eyes, or placements where the current would pass across the chest;
- areas with a known or suspected blood clot (deep vein thrombosis);
- an area with cancer that is under active treatment;
- heart conditions that are not under control.

You will be asked about these at your examination, so please mention every device and medicine you use.

### Devices for home use

Home TENS units are easy to find. Before using one, talk to your doctor or physiotherapist and learn where to place the pads and which settings to use. Do not use the device while driving, while sleeping or near water.

## It does not replace exercise

Electrical stimulation is a supporting tool within a treatment programme. It can ease pain for a while, help a weak muscle to work or make a movement easier. But the main route to lasting strength, endurance and movement skills is **active exercise**. For the best results, stimulation is usually planned alongside exercise, practice of daily activities and patient education.

If you develop chest pain, palpitations, a feeling of faintness or sudden breathlessness during treatment, stop at once, and call **112** if the symptoms are serious. You can read about the methods used at our clinic on our [therapies page](/en/therapies).`,
    },
  },

  // 5 ─ Heat or cold
  {
    key: 'hot-cold-therapy',
    category: 'therapies',
    author: 'İlknur Işık',
    editor: EDITOR,
    publishedDaysAgo: 42,
    updatedDaysAgo: 14,
    tr: {
      slug: 'sicak-mi-soguk-mu-uygulama-rehberi',
      title: 'Sıcak mı, soğuk mu? Evde güvenli uygulama rehberi',
      summary: 'Ne zaman sıcak, ne zaman soğuk uygulanmalı, ne kadar sürmeli? Cilt kontrolü, duyu kaybı ve diyabette dikkat edilecekler ile sık yapılan hatalar.',
      coverAlt: 'Bir hastanın dizine havluya sarılı soğuk bir paket yerleştiriliyor',
      body: `Ağrıyan bir dize buz mu koymalı, yoksa sıcak su torbası mı? Bu, kliniğimizde en sık duyduğumuz sorulardan biridir. Sıcak ve soğuk uygulamalar, evde kolayca yapılabilen basit yöntemlerdir; ancak yalnızca doğru zamanda, doğru sürede ve güvenli biçimde kullanıldıklarında işe yararlar.

## Soğuk ve sıcak vücutta ne yapar?

**Soğuk**, uygulandığı bölgedeki damarları daraltır, sinirlerin ağrı sinyallerini iletmesini yavaşlatır ve bölgeyi uyuşturarak ağrıyı azaltır. Yeni bir yaralanmadan sonra ağrıyı ve şişliği sınırlamaya yardımcı olabilir.

**Sıcak** ise damarları genişletir, bölgeye giden kan akışını artırır, kasların gevşemesine ve eklemlerin daha rahat hareket etmesine yardım eder. Bu nedenle daha çok tutukluk ve uzun süredir devam eden kas gerginliğinde tercih edilir.

## Hangisini ne zaman kullanmalı?

### Soğuk uygulama genellikle şu durumlarda uygundur

- Burkulma, çarpma ya da zorlanma gibi **yeni yaralanmaların** ilk 48–72 saati,
- Şişlik, kızarıklık ve ısı artışı olan bölgeler,
- Egzersiz ya da yoğun bir günün ardından alevlenen eklem ağrısı,
- Fizyoterapistinizin önerdiği durumlarda, bazı ameliyatlardan sonra.

### Sıcak uygulama genellikle şu durumlarda uygundur

- Sabah tutukluğu ve uzun süredir devam eden (kronik) kas ve eklem ağrıları,
- Boyun, sırt ve bel kaslarında gerginlik,
- Germe ya da egzersizden önce kasları hazırlamak,
- Şişliği olmayan, sakin dönemdeki eski ağrılar.

Emin olamadığınızda basit bir kural işinize yarar: **Yeni, şiş ve sıcak bir bölgeye soğuk; eski, tutuk ve gergin bir bölgeye sıcak.** Soğuğun asıl katkısı ağrıyı hafifletmektir. Ağrının izin verdiği ölçüde erken dönemde nazikçe hareket etmek de iyileşmenin önemli bir parçasıdır.

## Ne kadar süre uygulanmalı?

- **Soğuk:** Bir seferde 10–15 dakika, en fazla 20 dakika. Gerekirse gün içinde 2–3 saat arayla tekrarlanabilir.
- **Sıcak:** Bir seferde 15–20 dakika. Sıcaklık ılık ve rahatlatıcı olmalı, asla yakıcı olmamalıdır.

İki uygulama arasında cildin normal sıcaklığına ve rengine dönmesini bekleyin.

## Güvenlik: Cildinizi koruyun

### Cilt kontrolü

- Buzu ya da soğuk paketi **asla doğrudan cilde koymayın**; ince bir havluya sarın.
- Sıcak paketi ya da sıcak su torbasını da bir kumaşa sarın ve suyun fazla sıcak olmamasına dikkat edin.
- İlk uygulamada birkaç dakikada bir cildinize bakın. Belirgin kızarıklık, beyazlama, morarma, kabarcık ya da yanma hissi olursa uygulamayı hemen bırakın.

### Duyu kaybı olanlar

İnme, omurilik yaralanması ya da sinir hasarı nedeniyle bir bölgede his azalmışsa, kişi aşırı sıcağı ya da soğuğu fark edemeyebilir ve yanık ya da soğuk hasarı gelişebilir. Bu bölgelere uygulama yalnızca sağlık ekibinin önerisiyle ve yakın gözetim altında yapılmalıdır.

### Diyabeti olanlar

Diyabet, özellikle ayaklarda duyu kaybına ve dolaşım sorunlarına yol açabilir. Bu nedenle diyabeti olan kişilerin ayak ve bacaklarına sıcak su torbası, ısıtıcı ya da buz uygulamadan önce hekimlerine danışmaları ve ayaklarını her gün kontrol etmeleri önerilir.

### Dikkat gerektiren diğer durumlar

- Dolaşım bozuklukları ya da parmakların soğukta önce beyazlayıp sonra morardığı durumlar (Raynaud fenomeni): Soğuk uygulamadan kaçının.
- Soğuğa karşı cilt reaksiyonu (soğuk ürtikeri) öyküsü: Soğuk uygulamayın.
- Açık yara, enfeksiyon bölgesi ya da yeni kanama: Sıcak uygulamayın.
- Yaşlılarda, küçük çocuklarda ve kendini ifade etmekte güçlük çeken kişilerde uygulama bir yakının gözetiminde yapılmalıdır.

## Sık yapılan hatalar

- **Buzu doğrudan cilde koymak** ya da 20 dakikadan uzun süre bırakmak,
- **Isıtıcı yastık ya da elektrikli battaniyeyle uyuyakalmak:** Düşük ısıda bile uzun süreli temas yanığa yol açabilir.
- **Yeni ve şiş bir yaralanmaya sıcak uygulamak:** Şişliği artırabilir.
- **Soğuk uygulamanın hemen ardından zorlayıcı hareketler yapmak:** Soğuk bölgeyi uyuşturur ve normalde sizi uyaran ağrıyı geçici olarak bastırır.
- **Yalnızca sıcak ya da soğukla yetinmek:** Bu yöntemler ağrıyı hafifletebilir, ancak sorunun nedenini tedavi etmez.

## Ne zaman doktora başvurmalı?

Birkaç gün içinde azalmayan ya da artan ağrı, etkilenen bacağa yük verememe, eklemde şekil bozukluğu, belirgin şişlik, ateş ya da yayılan kızarıklık varsa bir hekime başvurun. Baldırda açıklanamayan şişlik, ısı artışı ve ağrı bir pıhtı belirtisi olabilir; buna nefes darlığı ya da göğüs ağrısı eşlik ediyorsa **112**'yi arayın.

Kliniğimizde uygulanan sıcak ve soğuk tedaviler ile diğer fizik tedavi yöntemleri hakkında bilgiyi [tedaviler sayfamızda](/tr/tedaviler) bulabilirsiniz.`,
    },
    en: {
      slug: 'heat-or-cold-therapy-guide',
      title: 'Heat or cold? A guide to using them safely at home',
      summary: 'When to use heat and when to use cold, how long to apply them, how to stay safe with reduced sensation or diabetes, and common mistakes to avoid.',
      coverAlt: 'A cold pack wrapped in a towel is placed on the knee of a patient',
      body: `Should you put ice on a sore knee, or a hot-water bottle? It is one of the questions we hear most often at our clinic. Heat and cold are simple methods that are easy to use at home, but they only help when they are used at the right time, for the right length of time and safely.

## What do cold and heat do?

**Cold** narrows the blood vessels in the area, slows the way nerves carry pain signals and numbs the skin, which eases pain. After a fresh injury it can help to limit pain and swelling.

**Heat** widens the blood vessels and increases blood flow to the area, helping muscles relax and joints move more easily. That is why it is usually chosen for stiffness and long-standing muscle tension.

## Which one, and when?

### When cold is usually the better choice

- the first 48 to 72 hours after a **new injury** such as a sprain, knock or strain;
- areas that are swollen, red and warm;
- joint pain that flares up after exercise or a busy day;
- after some operations, when your physiotherapist recommends it.

### When heat is usually the better choice

- morning stiffness and long-standing (chronic) muscle and joint pain;
- tension in the muscles of the neck, upper back and lower back;
- preparing muscles before stretching or exercise;
- older, settled pain with no swelling.

If in doubt, a simple rule helps: **cold for new, swollen and warm; heat for old, stiff and tense.** The main benefit of cold is pain relief. Moving gently from early on, as far as pain allows, is also an important part of recovery.

## How long?

- **Cold:** 10 to 15 minutes at a time, and no more than 20 minutes. If needed, repeat every 2 to 3 hours during the day.
- **Heat:** 15 to 20 minutes at a time. It should feel warm and soothing, never scorching.

Between applications, wait for the skin to return to its normal temperature and colour.

## Safety: protect your skin

### Skin checks

- **Never put ice or a cold pack directly on the skin**; wrap it in a thin towel.
- Wrap heat packs and hot-water bottles in a cloth too, and make sure the water is not too hot.
- The first time, check your skin every few minutes. Stop at once if you see marked redness, whitening, a bluish colour or blisters, or if it starts to burn.

### Reduced sensation

If feeling is reduced in an area because of a stroke, spinal cord injury or nerve damage, you may not notice when heat or cold is too strong, and burns or cold injury can occur. Use heat or cold on these areas only when your healthcare team advises it, and under close supervision.

### Diabetes

Diabetes can cause reduced sensation and circulation problems, especially in the feet. People with diabetes are advised to talk to their doctor before using hot-water bottles, heaters or ice on the feet and legs, and to check their feet every day.

### Other situations that need care

- poor circulation, or fingers that turn white and then blue in the cold (Raynaud's phenomenon): avoid cold;
- a history of skin reactions to cold (cold urticaria): do not use cold;
- open wounds, infected areas or fresh bleeding: do not use heat;
- older people, young children and anyone who finds it hard to communicate should use heat or cold only with someone keeping an eye on them.

## Common mistakes

- **Putting ice straight on the skin** or leaving it on for longer than 20 minutes;
- **falling asleep on a heat pad or electric blanket:** even low heat can burn with long contact;
- **using heat on a new, swollen injury:** it can increase the swelling;
- **doing strenuous movements straight after cold:** cold numbs the area and temporarily masks the pain that would normally warn you to ease off;
- **relying on heat or cold alone:** they can ease pain, but they do not treat the cause of the problem.

## When to see a doctor

See a doctor if pain does not ease or gets worse within a few days, if you cannot put weight on the leg, if a joint looks misshapen, or if there is marked swelling, a fever or spreading redness. Unexplained swelling, warmth and pain in the calf can be a sign of a blood clot; if it comes with breathlessness or chest pain, call **112**.

You can find out about the heat and cold treatments and other physiotherapy methods used at our clinic on our [therapies page](/en/therapies).`,
    },
  },

  // 6 ─ Home exercise routine
  {
    key: 'home-exercise-routine',
    category: 'exercise',
    author: 'Emre Kılıç',
    editor: EDITOR,
    publishedDaysAgo: 20,
    updatedDaysAgo: 6,
    tr: {
      slug: 'evde-guvenli-egzersiz-rutini',
      title: 'Evde 15–20 dakikalık güvenli egzersiz rutini',
      summary: 'Isınma, germe, kendi vücut ağırlığıyla güçlendirme, destek yanında denge ve soğuma: evde uygulanabilecek genel bir rutin, durma işaretleri ve ilerleme.',
      coverAlt: 'Bir kişi mutfak tezgâhına tutunarak evde denge egzersizi yapıyor',
      body: `Düzenli hareket; kasları, eklemleri, dengeyi ve ruh hâlini destekler. Bunun için her zaman spor salonuna gitmek gerekmez: Evde, sağlam bir sandalye ve tutunabileceğiniz bir tezgâhla 15–20 dakikada tamamlanabilecek basit bir rutin de iyi bir başlangıç olabilir. Bu yazıda genel bir örnek paylaşıyoruz.

**Önemli:** Bu rutin genel bir rehberdir, kişisel bir egzersiz programı değildir. Kalp ya da akciğer hastalığınız, yüksek tansiyonunuz veya diyabetiniz varsa, yakın zamanda ameliyat olduysanız, sık düşüyorsanız ya da nörolojik bir rahatsızlığınız varsa başlamadan önce hekiminize veya fizyoterapistinize danışın.

## Başlamadan önce

- Rahat kıyafetler ve kaymayan, kapalı ayakkabılar giyin.
- Çevrenizdeki halı, kablo gibi takılabileceğiniz eşyaları kaldırın.
- Kaymayan, sağlam bir sandalye ile tutunabileceğiniz bir tezgâh ya da masa hazırlayın.
- Yanınızda su bulundurun ve ağır bir yemekten hemen sonra egzersiz yapmayın.

## Rutin: Adım adım

### 1. Isınma (3–4 dakika)

- **Yerinde yürüyüş:** Kollarınızı doğal biçimde sallayarak 1–2 dakika.
- **Omuz çevirme:** Öne ve arkaya doğru 10'ar kez.
- **Ayak bileği çevirme:** Otururken her ayakla iki yöne 10'ar kez.

Amaç, nabzı hafifçe yükseltmek ve eklemleri harekete hazırlamaktır.

### 2. Germe (4–5 dakika)

Her germede ağrı değil, hafif bir gerginlik hissetmelisiniz. Her pozisyonu 20–30 saniye tutun, nefesinizi tutmayın ve her iki tarafta 2'şer kez tekrarlayın.

- **Baldır:** Ellerinizi duvara dayayın ve bir bacağınızı geriye alın. Arkadaki topuğunuz yerde, dizi düz kalsın; öndeki dizinizi hafifçe bükerek öne doğru yaslanın.
- **Arka uyluk:** Sandalyenin ön kenarına oturun, bir bacağınızı topuğu yerde olacak şekilde öne uzatın. Sırtınızı düz tutarak kalçanızdan hafifçe öne eğilin.
- **Kalça önü:** Tezgâha tutunarak adım pozisyonunda durun. Gövdenizi dik tutarken arkadaki bacağınızın kalçasını hafifçe öne doğru itin; gerginliği o kalçanın ön yüzünde hissedeceksiniz.

### 3. Güçlendirme (5–6 dakika)

Her hareketi 8–12 tekrar yapın; yavaş ve kontrollü çalışın.

- **Sandalyeden kalkma:** Kollarınızı göğsünüzde çaprazlayarak ya da gerekirse ellerinizden destek alarak oturup kalkın.
- **Duvar şınavı:** Duvara bir kol boyu uzaklıkta durun, dirseklerinizi bükerek göğsünüzü duvara yaklaştırın ve geri itin.
- **Köprü:** Sırtüstü yatıp dizlerinizi bükün, kalçanızı yerden kaldırıp 2–3 saniye tutun ve yavaşça indirin.
- **Parmak ucunda yükselme:** Tezgâha tutunarak topuklarınızı kaldırın ve yavaşça indirin.

### 4. Denge (2–3 dakika)

Denge çalışmalarını **her zaman tezgâhın hemen yanında**, gerektiğinde tutunabileceğiniz bir yerde yapın.

- **Ayaklar bitişik duruş:** 20–30 saniye.
- **Tandem duruş:** Bir ayağınızın topuğu diğerinin parmak uçlarına değecek biçimde, bir çizgi üzerindeymiş gibi durun; 20–30 saniye sonra ayakları değiştirin.
- **Tek ayak üzerinde durma:** Kendinizi hazır hissettiğinizde, tezgâha hafifçe dokunarak 10–20 saniye.

### 5. Soğuma (2 dakika)

Yavaş tempoda yürüyün, omuzlarınızı gevşetin ve birkaç kez derin, sakin nefes alın.

## Ne sıklıkla yapmalı?

- Rutini haftada **3–5 gün** uygulamayı hedefleyin.
- Güçlendirme bölümü için art arda olmayan günler seçmek, kaslara toparlanma fırsatı verir.
- Germe ve denge çalışmaları, rahat hissediyorsanız her gün yapılabilir.

Egzersiz sonrasında hafif kas yorgunluğu ve ertesi gün hafif bir sızı olağandır.

## Ne zaman durmalı?

Aşağıdakilerden biri olursa egzersizi hemen bırakın:

- Keskin ya da giderek artan eklem veya kas ağrısı,
- Baş dönmesi, bayılacak gibi olma ya da bulanık görme,
- Olağan dışı nefes darlığı ya da çarpıntı,
- Yeni başlayan uyuşma, karıncalanma veya güçsüzlük.

**Göğüs ağrısı ya da göğüste baskı hissi, kola veya çeneye yayılan ağrı, vücudun bir yarısında ani güçsüzlük ya da konuşma bozukluğu** olursa beklemeden **112**'yi arayın. Egzersizden sonra iki saatten uzun süren ya da ertesi gün belirgin biçimde artan bir ağrı olursa rutini hafifletin ve bir sağlık profesyoneline danışın.

## Nasıl ilerlemeli?

Rutin kolay gelmeye başladığında her seferinde yalnızca bir şeyi değiştirin:

- Önce tekrar sayısını artırın (örneğin 8'den 12'ye).
- Ardından ikinci bir set ekleyin.
- Denge çalışmalarında süreyi uzatın ya da tutunma desteğini azaltın: iki elden tek ele, sonra yalnızca parmak ucuyla dokunmaya.
- Sandalyeden kalkarken ellerinizi kullanmamayı deneyin.

Egzersiz sırasında rahatça cümle kurarak konuşabiliyorsanız tempo genellikle uygundur. Yükü haftadan haftaya yavaş artırmak, sakatlanma riskini azaltır.

Size özel bir program için, kişisel durumunuzu değerlendirebilecek bir hekime ve fizyoterapiste başvurmanız en doğrusudur. Değerlendirme hakkında [muayene sayfamızdan](/tr/ucretsiz-muayene) bilgi alabilirsiniz.`,
    },
    en: {
      slug: 'safe-home-exercise-routine',
      title: 'A safe 15–20 minute exercise routine for home',
      summary: 'Warm-up, stretches, body-weight strengthening, balance near a support and cool-down: a general home routine, with stop signs and tips on progressing.',
      coverAlt: 'A person holds on to a kitchen worktop while doing a balance exercise at home',
      body: `Regular movement supports your muscles, joints, balance and mood. You do not always need a gym for it: a simple routine at home, with a sturdy chair and a worktop to hold on to, taking 15 to 20 minutes, can be a good start. Here we share a general example.

**Important:** this routine is general guidance, not a personal exercise programme. If you have a heart or lung condition, high blood pressure or diabetes, have had recent surgery, fall often or live with a neurological condition, talk to your doctor or physiotherapist before you start.

## Before you start

- Wear comfortable clothes and closed, non-slip shoes.
- Clear away rugs, cables and anything else you could trip over.
- Have a sturdy chair that will not slide and a worktop or table you can hold on to.
- Keep some water nearby and avoid exercising straight after a heavy meal.

## The routine, step by step

### 1. Warm-up (3–4 minutes)

- **March on the spot:** swing your arms naturally for 1 to 2 minutes.
- **Shoulder rolls:** 10 forwards and 10 backwards.
- **Ankle circles:** while seated, 10 in each direction with each foot.

The aim is to raise your heart rate a little and prepare your joints to move.

### 2. Stretches (4–5 minutes)

You should feel a gentle pull in each stretch, not pain. Hold each position for 20 to 30 seconds, keep breathing and repeat twice on each side.

- **Calves:** place your hands on a wall and step one leg back. Keep the back heel on the floor and that knee straight, then bend the front knee and lean forwards.
- **Hamstrings:** sit on the front edge of a chair and stretch one leg out in front, heel on the floor. Keeping your back straight, lean forwards gently from the hips.
- **Hip flexors:** hold the worktop and stand in a step position. Keeping your upper body upright, gently push the hip of the back leg forwards; you should feel the stretch at the front of that hip.

### 3. Strengthening (5–6 minutes)

Do 8 to 12 repetitions of each movement, slowly and with control.

- **Sit-to-stand:** stand up from the chair and sit down again, with your arms crossed over your chest or using your hands for support if needed.
- **Wall press-ups:** stand an arm's length from a wall, bend your elbows to bring your chest towards the wall, then push back.
- **Bridge:** lie on your back with your knees bent, lift your hips off the floor, hold for 2 to 3 seconds and lower slowly.
- **Heel raises:** holding the worktop, rise up onto your toes and lower slowly.

### 4. Balance (2–3 minutes)

Always do balance work **right next to the worktop**, where you can grab hold if you need to.

- **Feet together:** 20 to 30 seconds.
- **Tandem stance:** stand with the heel of one foot touching the toes of the other, as if on a line; hold for 20 to 30 seconds, then swap feet.
- **Standing on one leg:** when you feel ready, 10 to 20 seconds with a light touch on the worktop.

### 5. Cool-down (2 minutes)

Walk slowly, relax your shoulders and take a few deep, calm breaths.

## How often?

- Aim to do the routine **3 to 5 days a week**.
- For the strengthening part, choosing days that are not back to back gives your muscles time to recover.
- Stretching and balance work can be done every day if you feel comfortable.

Mild muscle tiredness after exercise and slight soreness the next day are normal.

## When to stop

Stop straight away if you notice:

- sharp or increasing pain in a joint or muscle;
- dizziness, feeling faint or blurred vision;
- unusual breathlessness or palpitations;
- new numbness, tingling or weakness.

Call **112** without waiting if you have **chest pain or pressure, pain spreading to the arm or jaw, sudden weakness on one side of the body or difficulty speaking**. If pain lasts more than two hours after exercise or is clearly worse the next day, make the routine easier and speak to a health professional.

## How to progress

When the routine starts to feel easy, change only one thing at a time:

- first increase the number of repetitions (for example from 8 to 12);
- then add a second set;
- in balance work, hold for longer or reduce your support: from two hands to one, then to a fingertip touch;
- try standing up from the chair without using your hands.

If you can talk in full sentences while exercising, the pace is usually about right. Increasing the load slowly from week to week lowers the risk of injury.

For a programme tailored to you, it is best to see a physician and physiotherapist who can assess your individual situation. You can find out about an assessment on our [examination page](/en/free-examination).`,
    },
  },
];
