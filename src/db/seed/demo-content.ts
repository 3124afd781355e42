// Demo clinic content (Turkish and English), written for this project.
export interface LocalizedText { tr: string; en: string }
export type DemoPageKey = 'home' | 'robotic' | 'therapies' | 'articles' | 'contact' | 'examination';
export interface DemoPage { key: DemoPageKey; slug: LocalizedText; title: LocalizedText; summary: LocalizedText; body: LocalizedText }
export type ResourceType = 'practitioner' | 'device' | 'room';
export interface DemoService {
  key: string;
  category: 'examination' | 'robotic' | 'therapy';
  durationMinutes: number;
  onlineBooking: boolean;
  requirements: Array<{ resourceType: ResourceType; qualification: string }>;
  name: LocalizedText; summary: LocalizedText; body: LocalizedText;
}

export const demoPages: DemoPage[] = [
  {
    key: 'home',
    slug: { tr: '', en: '' },
    title: {
      tr: 'Robot destekli rehabilitasyonla harekete yeniden adım atın',
      en: 'Robot-assisted rehabilitation to help you move again',
    },
    summary: {
      tr: 'Robot destekli yürüme ve kol terapisini klasik fizyoterapiyle birleştiriyoruz; her plan hekim muayenesiyle başlar ve ölçümlerle izlenir.',
      en: 'We combine robot-assisted gait and arm therapy with classic physiotherapy. Every plan starts with a physician’s examination and is tracked by measurement.',
    },
    body: {
      tr: `## Hareketin yeniden öğrenildiği bir merkez

İnme, omurilik yaralanması, nörolojik bir hastalık ya da ortopedik bir ameliyatın ardından yürümek, kolunuzu kullanmak veya günlük işlerinizi yapmak zorlaşmış olabilir. Ataşehir’deki merkezimizde bu süreçte size eşlik etmek için robot destekli yürüme ve kol-el terapisini, fizyoterapistlerimizin uyguladığı klasik fizyoterapi yöntemleriyle bir araya getiriyoruz.

## Her şey muayeneyle başlar

İlk adım, Fiziksel Tıp ve Rehabilitasyon (FTR) uzmanımızın yaptığı muayenedir. Hekimimiz sağlık geçmişinizi dinler, hareketinizi ve kas gücünüzü değerlendirir, robotik terapinin sizin için uygun olup olmadığını belirler.

## Size özel bir plan

Muayenenin ardından hedeflerinize, sağlık durumunuza ve günlük yaşamınıza göre bir tedavi planı hazırlanır. Bu plan, robotik seansları manuel terapi, elektrik stimülasyonu ve egzersiz programları gibi uygulamalarla ihtiyacınız ölçüsünde birleştirir.

## İlerlemeyi ölçerek izliyoruz

Yürüme hızı ve mesafesi, eklem hareket açıklığı, kas gücü ve denge gibi değerleri düzenli aralıklarla ölçüyor, sonuçları sizinle paylaşıyoruz. Planı gerektiğinde birlikte güncelliyoruz.

Her iyileşme süreci kendine özgüdür. Amacımız, kendi hedeflerinize doğru güvenli ve düzenli bir şekilde ilerleyebilmeniz için yanınızda olmaktır.`,
      en: `## A place to relearn movement

After a stroke, a spinal cord injury, a neurological condition or orthopaedic surgery, walking, using your arm or managing everyday tasks may have become difficult. At our centre in Ataşehir we support you through this by combining robot-assisted gait and arm–hand therapy with classic physiotherapy delivered by our physiotherapists.

## It all starts with an examination

The first step is an examination by our specialist in physical medicine and rehabilitation. The physician listens to your history, assesses your movement and muscle strength, and decides whether robotic therapy is suitable for you.

## A plan made for you

After the examination we draw up a treatment plan based on your goals, your health and your daily life. It combines robotic sessions with treatments such as manual therapy, electrical stimulation and exercise programmes, as far as you need them.

## We measure progress

We regularly measure values such as walking speed and distance, range of motion, muscle strength and balance, and we share the results with you. When needed, we adjust the plan together.

Every recovery follows its own path. Our aim is to be at your side so that you can work towards your own goals safely and steadily.`,
    },
  },
  {
    key: 'robotic',
    slug: { tr: 'robotik-rehabilitasyon', en: 'robotic-rehabilitation' },
    title: { tr: 'Robotik rehabilitasyon', en: 'Robotic rehabilitation' },
    summary: {
      tr: 'Robotik cihazlar, hareketlerin güvenli bir ortamda çok sayıda ve doğru biçimde tekrarlanmasına yardımcı olur; her seans fizyoterapist eşliğinde yapılır.',
      en: 'Robotic devices help you repeat movements many times and correctly in a safe setting. Every session is led by a physiotherapist.',
    },
    body: {
      tr: `## Robotik rehabilitasyon nedir?

Robotik rehabilitasyon, yürüme ya da kol-el hareketlerinin bilgisayar kontrollü cihazlar yardımıyla çalışıldığı bir tedavi yaklaşımıdır. Cihaz, sizin henüz yapamadığınız kadar hareketi destekler; güçlendikçe bu destek azaltılır. Robotlar fizyoterapistin yerini almaz, onun elinde bir araçtır.

## Kimler yararlanabilir?

- İnme (felç) sonrası
- Omurilik yaralanması sonrası
- Multipl skleroz (MS) ve Parkinson hastalığı
- Travmatik beyin hasarı sonrası
- Kalça veya diz gibi ortopedik ameliyatların ardından

Uygunluğa her zaman muayenede hekimimiz karar verir. Kontrol altında olmayan yüksek tansiyon, ileri kemik erimesi veya bazı kalp sorunları gibi durumlarda robotik terapi önerilmeyebilir.

## Bir seans nasıl geçer?

Fizyoterapistiniz cihazı vücut ölçülerinize göre ayarlar ve güvenlik kemerlerini takar. Seans boyunca hız, destek düzeyi ve hedefler ekranda izlenir, gerektiğinde anında değiştirilir. Seans sonunda kısa bir değerlendirme yapılır.

## Neden tekrar ve yoğunluk?

Sinir sistemi, hasarın ardından yeni bağlantılar kurarak belli ölçüde uyum sağlayabilir; buna nöroplastisite denir. Bu süreci desteklemenin yollarından biri, anlamlı bir hareketi çok sayıda ve doğru biçimde tekrarlamaktır. Robot desteğiyle bir seansta, yalnızca elle yapılan eğitime göre çok daha fazla tekrar mümkün olabilir.

## Güvenlik

- Yürüme eğitiminde vücut ağırlığınızın bir kısmı askı sistemiyle taşınır; bu, düşme riskini azaltır.
- Cihazlarda acil durdurma düğmesi bulunur.
- Seans boyunca bir fizyoterapist her zaman yanınızdadır.`,
      en: `## What is robotic rehabilitation?

Robotic rehabilitation means practising walking or arm and hand movements with the help of computer-controlled devices. The device supports as much of the movement as you cannot yet manage yourself, and that support is reduced as you get stronger. Robots do not replace the physiotherapist; they are a tool in the physiotherapist’s hands.

## Who can benefit?

- After a stroke
- After a spinal cord injury
- Multiple sclerosis (MS) and Parkinson’s disease
- After a traumatic brain injury
- After orthopaedic surgery, for example on the hip or knee

Our physician decides on suitability at the examination. Robotic therapy may not be recommended with, for example, uncontrolled high blood pressure, advanced osteoporosis or certain heart conditions.

## What happens in a session?

Your physiotherapist adjusts the device to your body and fastens the safety straps. Speed, level of support and targets are followed on screen and adjusted immediately when needed. A short review follows at the end.

## Why repetition and intensity?

After an injury, the nervous system can adapt to some extent by forming new connections; this is called neuroplasticity. One way to support this process is to repeat a meaningful movement many times and correctly. With robotic support, a session may allow far more repetitions than training by hand alone.

## Safety

- During gait training, part of your body weight is carried by a harness system, which lowers the risk of falling.
- The devices have an emergency stop button.
- A physiotherapist is with you for the whole session.`,
    },
  },
  {
    key: 'therapies',
    slug: { tr: 'tedaviler', en: 'therapies' },
    title: { tr: 'Tedaviler', en: 'Therapies' },
    summary: {
      tr: 'Robotik terapileri manuel terapi, elektrik stimülasyonu ve egzersizle birleştiriyor, muayenenin ardından size özel bir plan hazırlıyoruz.',
      en: 'We combine robotic therapies with manual therapy, electrical stimulation and exercise, in a personal plan drawn up after your examination.',
    },
    body: {
      tr: `## Birbirini tamamlayan yöntemler

Merkezimizde robotik terapileri ve klasik fizyoterapi yöntemlerini bir arada sunuyoruz. Her yöntemin katkı sağladığı farklı bir alan vardır; bu nedenle çoğu durumda birkaç uygulamanın uygun sırayla ve uygun dozda birlikte kullanılması daha anlamlıdır.

## Önce muayene, sonra plan

Hangi tedaviyi ne sıklıkla alacağınıza, Fiziksel Tıp ve Rehabilitasyon uzmanımızın muayenesinden sonra birlikte karar veriyoruz. Plan; tanınız, genel sağlık durumunuz, hedefleriniz ve günlük programınız dikkate alınarak hazırlanır.

## Sunduğumuz uygulamalar

- **Robotik terapiler:** robot destekli yürüme eğitimi, üst ekstremite robotik terapisi ve robotik tilt masası
- **Manuel terapi:** fizyoterapistin eklem ve yumuşak dokulara elleriyle uyguladığı teknikler
- **Elektrik stimülasyonu:** ağrı kontrolü ve kas aktivasyonu için düşük şiddetli akımlar
- **Sıcak ve soğuk uygulamalar:** ağrıyı ve kas gerginliğini hafifletmeye yardımcı destekleyici yöntemler
- **Egzersiz programları:** merkezde çalışılan ve evde sürdürülen, size özel egzersizler

## Planın takibi

Tedavi boyunca ilerlemenizi düzenli ölçümlerle izliyor, gerektiğinde planı sizinle birlikte güncelliyoruz. Her uygulamanın ayrıntılarını aşağıda bulabilirsiniz.`,
      en: `## Methods that complement each other

At our centre we offer robotic therapies alongside classic physiotherapy. Each method contributes in a different way, so in most cases it makes more sense to combine several treatments in the right order and at the right dose.

## Examination first, then a plan

We decide together which treatments you will receive, and how often, after an examination by our specialist in physical medicine and rehabilitation. The plan takes into account your diagnosis, your general health, your goals and your daily schedule.

## What we offer

- **Robotic therapies:** robot-assisted gait training, upper-limb robotic therapy and the robotic tilt table
- **Manual therapy:** hands-on techniques applied by a physiotherapist to joints and soft tissues
- **Electrical stimulation:** low-intensity currents for pain relief and muscle activation
- **Heat and cold therapy:** supportive methods that help ease pain and muscle tension
- **Exercise programmes:** personal exercises practised at the centre and continued at home

## Following your plan

Throughout your treatment we track your progress with regular measurements and update the plan with you when needed. You will find the details of each treatment below.`,
    },
  },
  {
    key: 'articles',
    slug: { tr: 'makaleler', en: 'articles' },
    title: { tr: 'Makaleler', en: 'Articles' },
    summary: {
      tr: 'Hekimlerimizin ve fizyoterapistlerimizin hazırladığı ya da gözden geçirdiği, rehabilitasyon ve hareket üzerine bilgilendirici yazılar.',
      en: 'Informative articles on rehabilitation and movement, written or reviewed by our physicians and physiotherapists.',
    },
    body: {
      tr: `## Sağlık yazılarımız hakkında

Bu bölümde rehabilitasyon, fizik tedavi ve günlük yaşamda hareketle ilgili bilgilendirici yazılar bulunur. Her yazı, merkezimizdeki hekimler ve fizyoterapistler tarafından hazırlanır ya da gözden geçirilir. Amacımız, sık sorulan sorulara anlaşılır ve güvenilir yanıtlar sunmaktır.

## Hangi konuları ele alıyoruz?

- İnme, omurilik yaralanması, MS ve Parkinson hastalığında rehabilitasyona genel bakış
- Ortopedik ameliyatların ardından iyileşme dönemine ilişkin pratik bilgiler
- Robotik terapilerin nasıl çalıştığına dair açıklamalar
- Evde güvenle yapılabilecek egzersizler ve düşmeleri önlemeye yönelik öneriler

## Önemli not

Yazılarımız genel bilgilendirme amaçlıdır; muayenenin, tanının ya da tedavinin yerini tutmaz. Her kişinin durumu farklıdır; bir yazıda okuduğunuz bilgiyi kendi tedavinize uygulamadan önce lütfen hekiminize ya da fizyoterapistinize danışın. Yüzde kayma, kol veya bacakta ani güçsüzlük ya da konuşma bozukluğu gibi inme belirtileri fark ederseniz vakit kaybetmeden 112’yi arayın.`,
      en: `## About our health articles

Here you find informative articles on rehabilitation, physiotherapy and movement in everyday life. Every article is written or reviewed by the physicians and physiotherapists at our centre. Our aim is to give clear and reliable answers to the questions we hear most often.

## What we write about

- An overview of rehabilitation after a stroke, a spinal cord injury, and with MS or Parkinson’s disease
- Practical information on recovery after orthopaedic surgery
- Explanations of how robotic therapies work
- Exercises you can do safely at home and advice on preventing falls

## Please note

Our articles are for general information only; they do not replace an examination, a diagnosis or treatment. Everyone’s situation is different, so please talk to your physician or physiotherapist before applying anything you read here to your own treatment. If you notice signs of a stroke, such as a drooping face, sudden weakness in an arm or leg, or difficulty speaking, call 112 straight away.`,
    },
  },
  {
    key: 'contact',
    slug: { tr: 'iletisim', en: 'contact' },
    title: { tr: 'İletişim', en: 'Contact' },
    summary: {
      tr: 'Bize telefonla, WhatsApp’tan veya e-postayla ulaşabilirsiniz. Merkezimiz Ataşehir’de, basamaksız girişi ve asansörü olan bir binadadır.',
      en: 'You can reach us by phone, WhatsApp or e-mail. Our centre is in Ataşehir, in a building with a step-free entrance and a lift.',
    },
    body: {
      tr: `## Bize nasıl ulaşabilirsiniz?

Muayene randevusu almak, tedavilerimiz hakkında bilgi edinmek ya da devam eden tedavinizle ilgili bir soru sormak için bizi arayabilir, WhatsApp hattımıza yazabilir veya e-posta gönderebilirsiniz. Adresimizi ve çalışma saatlerimizi bu sayfanın alt kısmında bulabilirsiniz.

## WhatsApp hattı

WhatsApp hattımız çalışma saatleri içinde ekibimiz tarafından yanıtlanır. Mesai dışında yazdığınız mesajları bir sonraki çalışma gününde yanıtlamaya çalışırız. Ayrıntılı raporlarınızı mesajla göndermek yerine muayeneye gelirken yanınızda getirmenizi rica ederiz. Acil bir durumda bu hattı değil, 112’yi arayın.

## Ulaşım

Merkezimiz İstanbul’un Anadolu Yakası’nda, Ataşehir’dedir.

- **Toplu taşıma:** Ataşehir’e metro ve otobüs hatlarıyla ulaşılabilir. Size uygun güzergâhı planlamak için harita bağlantısını kullanabilir ya da bizi arayabilirsiniz.
- **Otomobil:** Bina çevresinde otopark seçenekleri bulunur. Hareket güçlüğü olan hastalarımız giriş önünde araçtan inip binebilir.

## Erişilebilirlik

- Bina girişi basamaksızdır; tekerlekli sandalye, yürüteç veya bastonla rahatça girebilirsiniz.
- Merkezimize asansörle ulaşılır; asansör tekerlekli sandalyeye uygun genişliktedir.
- Girişte yardıma ihtiyacınız olursa gelmeden önce haber vermeniz yeterlidir; ekibimiz sizi karşılar.`,
      en: `## How to reach us

To book an examination, to learn more about our treatments or to ask a question about your ongoing therapy, you can call us, write to our WhatsApp line or send an e-mail. Our address and opening hours are shown further down this page.

## WhatsApp line

Our team answers the WhatsApp line during working hours. We try to reply to messages sent outside working hours on the next working day. Rather than sending detailed medical reports by message, please bring them with you to your examination. In an emergency, do not use this line; call 112.

## Getting here

Our centre is on the Asian side of Istanbul, in Ataşehir.

- **Public transport:** Ataşehir can be reached by metro and bus. Use the map link to plan the route that suits you, or give us a call.
- **By car:** There are parking options around the building. Patients with limited mobility can be dropped off and picked up at the entrance.

## Accessibility

- The entrance is step-free, so you can come in easily with a wheelchair, walker or walking stick.
- A lift takes you to our centre, and it is wide enough for a wheelchair.
- If you would like help at the entrance, just let us know before you come and a member of our team will meet you.`,
    },
  },
  {
    key: 'examination',
    slug: { tr: 'ucretsiz-muayene', en: 'free-examination' },
    title: { tr: 'Ücretsiz ilk muayene', en: 'Free first examination' },
    summary: {
      tr: 'FTR uzmanımızla yaklaşık 30 dakikalık bir görüşmede durumunuzu değerlendiriyor, robotik terapinin size uygun olup olmadığını konuşuyoruz.',
      en: 'In about 30 minutes with our rehabilitation physician, we assess your situation and discuss whether robotic therapy suits you.',
    },
    body: {
      tr: `## Muayenede neler olur?

İlk muayene, Fiziksel Tıp ve Rehabilitasyon (FTR) uzmanımızla yapılan, yaklaşık 30 dakikalık bir görüşmedir. Bu görüşmede:

- Hastalık öykünüzü, geçirdiğiniz ameliyatları ve kullandığınız ilaçları konuşuruz.
- Eklem hareketlerinizi, kas gücünüzü, dengenizi ve yürümenizi değerlendiririz.
- Robotik terapinin sizin için uygun ve güvenli olup olmadığını belirleriz.
- Hedeflerinizi birlikte belirler, size bir tedavi planı öneririz.

Muayene sizi herhangi bir tedaviye bağlamaz. Önerilen planı düşünmek, ailenizle ya da sizi takip eden hekiminizle konuşmak için dilediğiniz kadar zaman ayırabilirsiniz.

## Yanınızda getirmeniz gerekenler

- Hastane raporları ve epikriz (taburcu) belgeleri
- Varsa MR, BT veya röntgen gibi görüntüleme sonuçları ve raporları
- Kullandığınız ilaçların güncel listesi
- Rahat hareket edebileceğiniz kıyafetler ve kapalı, düz tabanlı ayakkabılar
- Kullanıyorsanız ortez, baston veya yürüteç

## Nasıl randevu alabilirsiniz?

Randevunuzu bu sayfadan çevrimiçi alabilirsiniz: yukarıdan size uygun bir gün ve saat seçin, ardından adınızı ve telefon numaranızı yazın. Bir dakika kadar sürer; randevunuzu daha sonra size özel bağlantıdan taşıyabilir veya iptal edebilirsiniz.

Telefonla görüşmeyi tercih ederseniz bizi arayabilir, WhatsApp hattımıza yazabilir ya da e-posta gönderebilirsiniz; size uygun gün ve saati birlikte belirleriz.`,
      en: `## What happens at the examination?

The first examination is a conversation of about 30 minutes with our specialist in physical medicine and rehabilitation (a physiatrist). During it, we:

- talk through your medical history, any operations you have had and the medicines you take;
- assess your joint movement, muscle strength, balance and walking;
- decide whether robotic therapy is suitable and safe for you;
- agree on your goals together and propose a treatment plan.

The examination does not commit you to any treatment. Take as much time as you need to think about the proposed plan and to talk it over with your family or the physician who follows your care.

## What to bring

- Hospital reports and discharge summaries
- Imaging results and reports, such as MRI, CT or X-ray, if you have them
- An up-to-date list of the medicines you take
- Comfortable clothes you can move in, and closed, flat shoes
- Your orthosis, walking stick or walker, if you use one

## How to book

You can book online on this page: choose a day and time above, then give your name and phone number. It takes about a minute, and your private link lets you move or cancel the appointment later.

If you would rather talk to us, call us, write to us on WhatsApp or send an e-mail, and we will find a day and time that suits you.`,
    },
  },
];

export const demoServices: DemoService[] = [
  {
    key: 'free-examination',
    category: 'examination',
    durationMinutes: 30,
    onlineBooking: true,
    requirements: [
      { resourceType: 'practitioner', qualification: 'physician' },
      { resourceType: 'room', qualification: 'exam_room' },
    ],
    name: { tr: 'Ücretsiz muayene', en: 'Free examination' },
    summary: {
      tr: 'FTR uzmanımızla yaklaşık 30 dakikalık ilk değerlendirme: öykünüz, hareketiniz ve kas gücünüz incelenir, size bir plan önerilir.',
      en: 'A first assessment of about 30 minutes with our rehabilitation physician: your history, movement and strength are reviewed and a plan is proposed.',
    },
    body: {
      tr: `İlk muayene, merkezimizdeki tüm tedavilerin başlangıç noktasıdır. Fiziksel Tıp ve Rehabilitasyon uzmanımız sizi dinler ve muayene eder; ardından hangi tedavilerin size yarar sağlayabileceğini açıkça anlatır.

### Muayenede ele alınanlar

- Sağlık geçmişiniz ve mevcut şikâyetleriniz
- Eklem hareketi, kas gücü, denge ve yürüme değerlendirmesi
- Robotik terapiye uygunluğunuz
- Hedeflerinize göre önerilen bir tedavi planı

### Bilmeniz gerekenler

Muayene sizi herhangi bir tedaviye başlamakla yükümlü kılmaz. Lütfen raporlarınızı, görüntüleme sonuçlarınızı ve ilaç listenizi yanınızda getirin; rahat kıyafetler giymeniz değerlendirmeyi kolaylaştırır. Sorularınızı önceden not almanız, görüşmeden daha çok yararlanmanıza yardımcı olur.`,
      en: `The first examination is the starting point for every treatment at our centre. Our specialist in physical medicine and rehabilitation listens to you and examines you, then explains clearly which treatments could help you.

### What the examination covers

- Your medical history and current complaints
- An assessment of joint movement, muscle strength, balance and walking
- Whether robotic therapy is suitable for you
- A proposed treatment plan based on your goals

### Good to know

The examination does not commit you to starting any treatment. Please bring your reports, imaging results and a list of your medicines; wearing comfortable clothes makes the assessment easier. Writing down your questions beforehand helps you get more out of the visit.`,
    },
  },
  {
    key: 'robotic-gait',
    category: 'robotic',
    durationMinutes: 60,
    onlineBooking: false,
    requirements: [
      { resourceType: 'practitioner', qualification: 'gait_robot' },
      { resourceType: 'device', qualification: 'gait_robot' },
      { resourceType: 'room', qualification: 'gait_room' },
    ],
    name: { tr: 'Robot destekli yürüme eğitimi', en: 'Robot-assisted gait training' },
    summary: {
      tr: 'Koşu bandı üzerinde, vücut ağırlığı desteğiyle çalışan bir dış iskelet, doğal yürümeye yakın adımları çok sayıda tekrarlamanıza yardımcı olur.',
      en: 'A driven exoskeleton on a treadmill, with body-weight support, helps you practise steps close to natural walking many times over.',
    },
    body: {
      tr: `Bu eğitimde bacaklarınıza göre ayarlanan motorlu bir dış iskelet (ekzoskeleton), koşu bandı üzerinde kalça ve diz hareketlerinize rehberlik eder. Vücut ağırlığınızın bir kısmı askı sistemiyle taşınır; böylece henüz kendi başına ya da güvenle yürüyemeyen kişiler de dik pozisyonda adım alıştırması yapabilir.

### Kimler için düşünülebilir?

İnme, omurilik yaralanması, MS, Parkinson hastalığı veya travmatik beyin hasarı sonrasında yürüme güçlüğü yaşayan kişiler için uygun olabilir. Uygunluğa muayenede hekimimiz karar verir.

### Seans akışı

Fizyoterapistiniz cihazı vücut ölçülerinize göre ayarlar ve emniyet kemerini takar. Ağırlık desteği, yürüme hızı ve robotun sağladığı yardım düzeyi, ilerlemenize göre kademeli olarak değiştirilir. Hazırlık dahil seans yaklaşık bir saat sürer ve fizyoterapistiniz seans boyunca yanınızdadır.`,
      en: `In this training, a motorised exoskeleton adjusted to your legs guides your hip and knee movements on a treadmill. Part of your body weight is carried by a harness system, so people who cannot yet walk on their own, or not safely, can still practise stepping in an upright position.

### Who might it suit?

It may be suitable for people with walking difficulties after a stroke, a spinal cord injury or a traumatic brain injury, or with MS or Parkinson’s disease. Our physician decides on suitability at the examination.

### How a session runs

Your physiotherapist adjusts the device to your body measurements and fastens the harness. Body-weight support, walking speed and the amount of help the robot gives are changed step by step as you progress. Including preparation, a session takes about an hour, and your physiotherapist stays with you throughout.`,
    },
  },
  {
    key: 'upper-limb-robotics',
    category: 'robotic',
    durationMinutes: 45,
    onlineBooking: false,
    requirements: [
      { resourceType: 'practitioner', qualification: 'arm_robot' },
      { resourceType: 'device', qualification: 'arm_robot' },
      { resourceType: 'room', qualification: 'robotics_room' },
    ],
    name: { tr: 'Üst ekstremite robotik terapisi', en: 'Upper-limb robotic therapy' },
    summary: {
      tr: 'Kol ve el hareketleri, ekrandaki oyun benzeri görevlerle yönlendirilen robotik bir cihazda çok sayıda tekrarla çalışılır.',
      en: 'Arm and hand movements are practised with many repetitions on a robotic device, guided by game-like tasks on a screen.',
    },
    body: {
      tr: `Bu terapide kolunuz ya da eliniz, hareketleri algılayan ve gerektiğinde destekleyen robotik bir cihaza yerleştirilir. Ekrandaki oyun benzeri görevler (bir hedefe uzanmak, bir yolu takip etmek, kavrayıp bırakmak gibi) egzersizi daha ilgi çekici hale getirir ve tekrar sayısını artırmaya yardımcı olur.

### Nasıl uyarlanır?

Cihaz, hareketin ne kadarını kendiniz yapabildiğinizi ölçer. Zorlandığınız hareketlerde yardım eder; güçlendikçe desteği azaltır ya da direnç ekler. Zorluk düzeyi her seansta fizyoterapistiniz tarafından ayarlanır.

### Kimler için?

Özellikle inme, beyin hasarı, MS veya omurilik yaralanması sonrasında kol ve el işlevi etkilenmiş kişiler için düşünülebilir. Cihazın kaydettiği hareket verileri, ilerlemenizi nesnel olarak izlemeye de yardımcı olur.`,
      en: `In this therapy, your arm or hand is placed in a robotic device that detects your movements and supports them when needed. Game-like tasks on the screen (reaching for a target, following a path, grasping and releasing) make the exercise more engaging and help increase the number of repetitions.

### How it adapts

The device measures how much of a movement you can do yourself. It helps where you struggle and, as you get stronger, reduces its support or adds resistance. Your physiotherapist sets the level of difficulty in every session.

### Who is it for?

It may be considered especially for people whose arm and hand function has been affected by a stroke, a brain injury, MS or a spinal cord injury. The movement data recorded by the device also helps us follow your progress objectively.`,
    },
  },
  {
    key: 'robotic-tilt-table',
    category: 'robotic',
    durationMinutes: 30,
    onlineBooking: false,
    requirements: [
      { resourceType: 'practitioner', qualification: 'physiotherapist' },
      { resourceType: 'device', qualification: 'tilt_table' },
      { resourceType: 'room', qualification: 'robotics_room' },
    ],
    name: { tr: 'Robotik tilt masası', en: 'Robotic tilt table' },
    summary: {
      tr: 'Uzun süre yatmak zorunda kalan kişileri kademeli olarak dik pozisyona getirirken bacakları robotik adım hareketleriyle çalıştırır.',
      en: 'Gradually brings people who have spent a long time lying down into an upright position, while robotic stepping keeps the legs moving.',
    },
    body: {
      tr: `Uzun süre yatakta kalmak; tansiyonun düzenlenmesini, kas ve kemik sağlığını ve dolaşımı olumsuz etkileyebilir. Robotik tilt masası, sizi yatar pozisyondan kontrollü açılarla dik pozisyona doğru kaldırır. Bu sırada bacak bölümleri, adım atmaya benzeyen ritmik hareketler yaptırır. Bu hareketler bacaklardaki dolaşımı destekler ve vücudun dik duruşa uyum sağlamasını kolaylaştırabilir.

### Kimler için?

Ağır inme, omurilik yaralanması ya da uzun süreli yoğun bakım yatışının ardından henüz ayakta duramayan veya dik pozisyonda tansiyonu düşen kişilerde erken dönem rehabilitasyonda kullanılabilir.

### Güvenlik

Gövdeniz ve bacaklarınız kemerlerle güvenle sabitlenir. Eğim açısı adım adım artırılır; tansiyonunuz, nabzınız ve genel durumunuz fizyoterapistiniz tarafından seans boyunca izlenir. Baş dönmesi gibi bir belirti olduğunda masa hemen yatay konuma getirilir.`,
      en: `Staying in bed for a long time can affect blood pressure regulation, muscle and bone health, and circulation. The robotic tilt table raises you from lying towards standing in controlled steps of angle. Meanwhile, its leg sections move your legs in a rhythmic pattern that resembles stepping. These movements support circulation in the legs and can make it easier for the body to adapt to being upright.

### Who is it for?

It can be used in early rehabilitation for people who cannot yet stand, or whose blood pressure drops when upright, after a severe stroke, a spinal cord injury or a long stay in intensive care.

### Safety

Your trunk and legs are secured with straps. The angle is increased step by step, and your physiotherapist monitors your blood pressure, pulse and general condition throughout the session. If you feel dizzy or unwell, the table is returned to horizontal straight away.`,
    },
  },
  {
    key: 'manual-therapy',
    category: 'therapy',
    durationMinutes: 45,
    onlineBooking: false,
    requirements: [
      { resourceType: 'practitioner', qualification: 'physiotherapist' },
      { resourceType: 'room', qualification: 'treatment_room' },
    ],
    name: { tr: 'Manuel terapi', en: 'Manual therapy' },
    summary: {
      tr: 'Fizyoterapistin elleriyle uyguladığı eklem ve yumuşak doku teknikleriyle ağrıyı hafifletmeye ve hareketi kolaylaştırmaya yönelik bir tedavi.',
      en: 'Hands-on joint and soft-tissue techniques by a physiotherapist, aimed at easing pain and making movement easier.',
    },
    body: {
      tr: `Manuel terapi, fizyoterapistin elleriyle eklemlere, kaslara ve bağ dokusuna uyguladığı özel tekniklerden oluşur. Amaç; ağrıyı hafifletmek, kısıtlanmış eklem hareketini artırmak ve kas gerginliğini azaltmaktır.

### Kullanılan teknikler

- **Eklem mobilizasyonu:** eklemin yumuşak ve kontrollü hareketlerle açılması
- **Yumuşak doku teknikleri ve germe:** kas ve bağ dokusundaki gerginliğin azaltılması
- **Spastisiteye yönelik uygulamalar:** istemsiz kas sertliği olan kaslarda hareketin kolaylaştırılması

### Nerelerde uygulanır?

Ameliyat sonrası eklem sertliği, bel ve boyun ağrısı, omuz sorunları ve nörolojik hastalıklara bağlı hareket kısıtlılıklarında, egzersiz ve diğer tedavilerle birlikte kullanılır. Uygulama sırasında rahatsızlık hissederseniz fizyoterapistinize söylemeniz yeterlidir; teknikler size göre ayarlanır.`,
      en: `Manual therapy consists of specific techniques that a physiotherapist applies by hand to joints, muscles and connective tissue. The aim is to ease pain, improve restricted joint movement and reduce muscle tension.

### Techniques we use

- **Joint mobilisation:** gently freeing a joint with soft, controlled movements
- **Soft-tissue techniques and stretching:** reducing tension in muscles and connective tissue
- **Approaches for spasticity:** making movement easier in muscles with involuntary stiffness

### When is it used?

It is used together with exercise and other treatments for joint stiffness after surgery, low back and neck pain, shoulder problems, and movement restrictions caused by neurological conditions. If anything feels uncomfortable during treatment, just tell your physiotherapist; the techniques are adjusted to you.`,
    },
  },
  {
    key: 'electrical-stimulation',
    category: 'therapy',
    durationMinutes: 30,
    onlineBooking: false,
    requirements: [
      { resourceType: 'practitioner', qualification: 'physiotherapist' },
      { resourceType: 'device', qualification: 'electrotherapy' },
      { resourceType: 'room', qualification: 'treatment_room' },
    ],
    name: { tr: 'Elektrik stimülasyonu', en: 'Electrical stimulation' },
    summary: {
      tr: 'Cilde yerleştirilen elektrotlardan verilen hafif akımlar; ağrıyı azaltmaya, kasları çalıştırmaya ve işlevsel hareketleri desteklemeye yardımcı olur.',
      en: 'Gentle currents delivered through electrodes on the skin help ease pain, activate muscles and support functional movements.',
    },
    body: {
      tr: `Elektrik stimülasyonunda cilde yapıştırılan küçük elektrotlar aracılığıyla kontrollü, düşük şiddetli akımlar verilir. Çoğu kişi bunu hafif bir karıncalanma ya da kasın kendiliğinden kasılması olarak hisseder. Akımın şiddeti, sizi rahatsız etmeyecek düzeyde ayarlanır.

### Üç temel yöntem

- **TENS:** Sinirlere hafif uyarılar vererek ağrının algılanmasını azaltmaya yardımcı olur.
- **NMES:** Zayıflamış kasları kasılmaya uyarır; kas gücünü ve kas kütlesini korumaya destek olur.
- **FES:** Kası gerçek bir hareket sırasında uyarır; örneğin adım atarken ayak bileğini kaldırmaya ya da eli açmaya yardım eder. Böylece hareket işlevsel olarak çalışılır.

### Önemli

Kalp piliniz veya vücudunuza yerleştirilmiş başka bir elektronik cihazınız varsa, hamileyseniz ya da epilepsi tanınız varsa lütfen mutlaka belirtin. Bu durumlarda yöntem uygulanmayabilir ya da uyarlanabilir.`,
      en: `In electrical stimulation, controlled low-intensity currents are delivered through small electrodes placed on the skin. Most people feel this as a light tingling or as a muscle tightening by itself. The intensity is set to a level that is comfortable for you.

### Three main methods

- **TENS:** gentle signals to the nerves that help reduce how strongly pain is felt.
- **NMES:** stimulates weakened muscles to contract, helping to maintain muscle strength and bulk.
- **FES:** stimulates a muscle during a real movement, for example lifting the foot while stepping or opening the hand, so the movement is practised in a functional way.

### Important

Please always tell us if you have a pacemaker or another implanted electronic device, if you are pregnant, or if you have epilepsy. In these situations the method may not be used, or may be adapted.`,
    },
  },
  {
    key: 'hot-cold-therapy',
    category: 'therapy',
    durationMinutes: 30,
    onlineBooking: false,
    requirements: [
      { resourceType: 'practitioner', qualification: 'physiotherapist' },
      { resourceType: 'room', qualification: 'treatment_room' },
    ],
    name: { tr: 'Sıcak ve soğuk uygulamalar', en: 'Heat and cold therapy' },
    summary: {
      tr: 'Sıcak ve soğuk uygulamalar ağrıyı ve kas gerginliğini hafifletmeye yardımcı olur, vücudu egzersize ve diğer tedavilere hazırlar.',
      en: 'Heat and cold applications help ease pain and muscle tension and prepare the body for exercise and other treatments.',
    },
    body: {
      tr: `Sıcak ve soğuk uygulamalar tek başına bir tedavi değil, planınızın destekleyici bir parçasıdır. Hangisinin, ne zaman ve ne kadar süreyle uygulanacağına fizyoterapistiniz durumunuza göre karar verir.

### Sıcak uygulamalar

Sıcak paket gibi yöntemler kasların gevşemesine ve dokuların daha kolay esnemesine yardımcı olur. Genellikle süregelen ağrı ve kas sertliğinde, egzersiz ya da manuel terapi öncesinde kullanılır.

### Soğuk uygulamalar

Soğuk paket uygulaması, özellikle yeni yaralanmalarda ve ameliyat sonrası dönemde şişliği ve ağrıyı azaltmaya yardımcı olabilir.

### Dikkat ettiklerimiz

Duyu kaybı olan bölgelerde yanık ya da soğuk hasarı riski daha yüksektir. Bu nedenle cildiniz uygulamadan önce ve uygulama sırasında kontrol edilir; süre ve sıcaklık güvenli sınırlarda tutulur. Dolaşım bozukluğunuz varsa lütfen belirtin.`,
      en: `Heat and cold are not a treatment on their own but a supportive part of your plan. Your physiotherapist decides which one to use, when, and for how long, based on your condition.

### Heat

Methods such as hot packs help muscles relax and tissues stretch more easily. They are mostly used for long-standing pain and muscle stiffness, before exercise or manual therapy.

### Cold

Cold packs can help reduce swelling and pain, especially after a recent injury and in the period after surgery.

### What we watch out for

Areas with reduced sensation are at higher risk of burns or cold injury. That is why your skin is checked before and during the application, and time and temperature are kept within safe limits. Please tell us if you have any circulation problems.`,
    },
  },
  {
    key: 'exercise-program',
    category: 'therapy',
    durationMinutes: 45,
    onlineBooking: false,
    requirements: [
      { resourceType: 'practitioner', qualification: 'physiotherapist' },
      { resourceType: 'room', qualification: 'treatment_room' },
    ],
    name: { tr: 'Egzersiz programları', en: 'Exercise programmes' },
    summary: {
      tr: 'Hedeflerinize göre hazırlanan, fizyoterapist eşliğinde öğrendiğiniz egzersizler evde sürdürebileceğiniz bir programla tamamlanır.',
      en: 'Exercises tailored to your goals, learned with a physiotherapist and continued with a programme you can follow at home.',
    },
    body: {
      tr: `Egzersiz, rehabilitasyonun temel taşlarından biridir. Robotik seanslarda ve diğer tedavilerde çalışılan hareketlerin günlük yaşama aktarılması, büyük ölçüde düzenli egzersizle mümkün olur.

### Merkezdeki seanslar

Fizyoterapistiniz, değerlendirme sonuçlarınıza göre kas gücü, denge, koordinasyon, esneklik ve dayanıklılık egzersizlerinden oluşan bir program hazırlar. Sandalyeden kalkmak, merdiven çıkmak ya da bir bardağı kavramak gibi günlük yaşam hareketleri de programın parçası olabilir.

### Ev programı

Seanslar arasında ve tedavi sonrasında evde güvenle yapabileceğiniz egzersizleri birlikte çalışırız. Size yazılı bir egzersiz listesi verilir; her egzersizin nasıl ve kaç tekrar yapılacağı açıklanır. Program, kontrollerde ilerlemenize göre güncellenir.

Egzersiz sırasında ağrı, baş dönmesi ya da nefes darlığı olursa durmanız ve fizyoterapistinize haber vermeniz önemlidir.`,
      en: `Exercise is one of the cornerstones of rehabilitation. Carrying what you practise in robotic sessions and other treatments over into daily life depends largely on regular exercise.

### Sessions at the centre

Based on your assessment, your physiotherapist puts together a programme of exercises for strength, balance, coordination, flexibility and endurance. Everyday movements, such as standing up from a chair, climbing stairs or gripping a glass, can also be part of the programme.

### Home programme

We practise together the exercises you can do safely at home between sessions and after your treatment ends. You receive a written list of exercises explaining how to do each one and how many repetitions to aim for. The programme is updated at your check-ups as you progress.

If you feel pain, dizziness or shortness of breath while exercising, it is important to stop and let your physiotherapist know.`,
    },
  },
];
