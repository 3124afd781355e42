// Version 1 of the two privacy texts shown with the booking form: the KVKK information notice (aydınlatma metni) and
// the separate explicit consent (açık rıza) for the intake's health data, in Turkish and English.
// {clinicName}, {address}, {email} and {phone} are filled from the clinic settings when a text is shown, so the data
// controller named is always the clinic that runs this installation. A clinic should have its own counsel review both
// texts (and the retention periods) before going live; a changed text is a new version, never an edit in place.
import type { Tx } from '../connect.ts';
import type { Locale } from '../schema.ts';

export type LegalTextKind = 'kvkk-notice' | 'health-consent';

export const legalTextsV1: Record<LegalTextKind, Record<Locale, string>> = {
  'kvkk-notice': {
    tr: `# Kişisel verilerinizin işlenmesine ilişkin aydınlatma metni

Bu metin, 6698 sayılı Kişisel Verilerin Korunması Kanunu'nun (KVKK) 10. maddesi uyarınca, çevrimiçi randevu
alırken bize verdiğiniz kişisel verilerin nasıl işlendiğini anlatır. Metni okumanız bilgilendirme içindir; bu metin
bir onay değildir.

## Veri sorumlusu

{clinicName}, {address}. Bize {email} adresinden veya {phone} numarasından ulaşabilirsiniz.

## Hangi verilerinizi işliyoruz

- **Kimlik ve iletişim:** adınız ve soyadınız, cep telefonu numaranız, verirseniz e-posta adresiniz, tercih ettiğiniz dil.
- **Randevu bilgileri:** seçtiğiniz hizmet, randevu tarihi ve saati, randevunun durumu (talep edildi, onaylandı, iptal
  edildi), iptal ederken yazdığınız not.
- **İşlem güvenliği:** randevu isteğinin geldiği IP adresi ve işlem zamanı.
- **Sağlık verisi:** ön değerlendirme sorularına (şikâyetiniz, kramp ve spazmların sıklığı, ağrı puanı, tetikleyiciler)
  verdiğiniz yanıtlar **yalnızca ayrıca açık rıza verirseniz** saklanır. Açık rıza vermezseniz bu yanıtları hiç
  kaydetmeyiz; randevunuz yine oluşur.

## Hangi amaçlarla ve hangi hukuki sebeplere dayanarak

| amaç | hukuki sebep |
| --- | --- |
| randevunuzu oluşturmak, size hatırlatmak, değiştirmenize veya iptal etmenize imkân vermek | bir sözleşmenin kurulması ve ifası için gerekli olması (KVKK m. 5/2-c) |
| sağlık mevzuatının sağlık kuruluşlarına yüklediği kayıt ve bildirim yükümlülükleri | hukuki yükümlülüğümüzün yerine getirilmesi (m. 5/2-ç) |
| sahte ve toplu randevu isteklerini önlemek, sistemlerimizin güvenliğini sağlamak | temel hak ve özgürlüklerinize zarar vermemek kaydıyla meşru menfaatimiz (m. 5/2-f) |
| ön değerlendirme yanıtlarınızla muayenenize hazırlanmak | açık rızanız (m. 6/3-a) |
| muayene ve tedavi sırasında oluşan sağlık verileri | sır saklama yükümlülüğü altındaki hekim ve sağlık personelince tıbbi teşhis, tedavi ve bakım hizmetlerinin yürütülmesi (m. 6/3-e) |

## Verilerinizi kimlere aktarıyoruz

Randevu bilgilerinizi satmayız ve reklam için kullanmayız. Yalnızca gerektiği kadarıyla şunlara aktarırız:

- sistemlerimizi barındıran, yedekleyen ve randevu mesajlarını (SMS, e-posta) ileten hizmet sağlayıcılarına — bunlar
  verilerinizi yalnızca bizim talimatımızla ve bizim adımıza işler;
- bir kanun gerektirdiğinde, yetkili kamu kurum ve kuruluşlarına ve mahkemelere.

Randevu formundaki bilgileriniz yurt dışına aktarılmaz. Bize WhatsApp üzerinden yazmayı kendiniz seçerseniz o
yazışma WhatsApp altyapısı üzerinden yürür; randevu formuna yazdıklarınız WhatsApp'a aktarılmaz.

## Ne kadar süre saklıyoruz

- Muayene ve tedaviye dönüşmeyen randevu kayıtlarını randevu tarihinden en geç 1 yıl sonra siler veya anonim hâle
  getiririz.
- Muayene ve tedavi kayıtları, sağlık mevzuatının öngördüğü süre boyunca saklanır.
- İşlem güvenliği kayıtları (IP adresi) en fazla 1 yıl saklanır.
- Ön değerlendirme yanıtları için açık rıza metnindeki süreler geçerlidir; rızanızı geri aldığınızda silinir.

## Haklarınız (KVKK m. 11)

Bize başvurarak şunları isteyebilirsiniz:

- kişisel verilerinizin işlenip işlenmediğini öğrenmek, işlenmişse buna ilişkin bilgi istemek;
- işlenme amacını ve amacına uygun kullanılıp kullanılmadığını öğrenmek;
- yurt içinde veya yurt dışında aktarıldığı üçüncü kişileri bilmek;
- eksik veya yanlış işlenmişse düzeltilmesini istemek;
- KVKK m. 7'deki şartlar çerçevesinde silinmesini veya yok edilmesini istemek;
- düzeltme, silme ve yok etme işlemlerinin verilerin aktarıldığı üçüncü kişilere bildirilmesini istemek;
- yalnızca otomatik sistemlerle analiz edilmesi sonucu aleyhinize bir sonuç çıkmasına itiraz etmek;
- kanuna aykırı işleme nedeniyle zarara uğrarsanız zararın giderilmesini talep etmek.

## Nasıl başvurabilirsiniz

Başvurunuzu Türkçe ve yazılı olarak, kimliğinizi doğrulayabileceğimiz bilgilerle birlikte {address} adresine
iletebilir, güvenli elektronik imza veya kayıtlı elektronik posta (KEP) ile ya da daha önce bize bildirdiğiniz e-posta
adresinizden {email} adresine gönderebilirsiniz. Başvurunuzu en geç 30 gün içinde ücretsiz yanıtlarız; işlem ayrıca bir
maliyet gerektirirse Kişisel Verileri Koruma Kurulunun belirlediği tarifedeki ücret alınabilir. Yanıtımızı yeterli
bulmazsanız Kişisel Verileri Koruma Kuruluna şikâyette bulunabilirsiniz.
`,
    en: `# Information notice on the processing of your personal data

This notice explains, as Article 10 of the Turkish Personal Data Protection Law No. 6698 (KVKK) requires, how we
process the personal data you give us when you book an appointment online. It is here for you to read; it is not
something you agree to.

## Data controller

{clinicName}, {address}. You can reach us at {email} or on {phone}.

## What we process

- **Identity and contact:** your name, mobile phone number, your e-mail address if you give one, and your preferred
  language.
- **Appointment details:** the service you chose, the date and time, the status of the appointment (requested,
  confirmed, cancelled) and any note you write when cancelling.
- **Security of the service:** the IP address the booking came from and when it was made.
- **Health data:** your answers to the short intake questions (what troubles you, how often spasms or cramps come, a
  pain score, what seems to trigger them) are kept **only if you separately give your explicit consent**. Without that
  consent we do not store the answers at all, and your appointment is booked just the same.

## Why, and on which legal basis

| purpose | legal basis |
| --- | --- |
| to make your appointment, remind you of it and let you move or cancel it | necessary to enter into and perform a contract (KVKK Art. 5(2)(c)) |
| record-keeping and reporting duties that health legislation places on health providers | compliance with our legal obligations (Art. 5(2)(ç)) |
| to stop fake or mass booking requests and keep our systems secure | our legitimate interest, provided it does not harm your fundamental rights (Art. 5(2)(f)) |
| to prepare for your examination using your intake answers | your explicit consent (Art. 6(3)(a)) |
| health data that arise during examination and treatment | medical diagnosis, treatment and care by physicians and health staff bound by professional secrecy (Art. 6(3)(e)) |

## Who receives your data

We do not sell your booking details or use them for advertising. We pass them on only as far as needed:

- to the service providers who host and back up our systems and deliver appointment messages (SMS, e-mail) — they
  process your data only on our instructions and on our behalf;
- to competent public authorities and courts where a law requires it.

The details you enter in the booking form are not transferred abroad. If you choose to write to us on WhatsApp, that
conversation runs on WhatsApp's infrastructure; what you enter in the booking form is not passed to WhatsApp.

## How long we keep it

- Appointments that do not lead to an examination or treatment are deleted or anonymised at the latest 1 year after
  the appointment date.
- Examination and treatment records are kept for as long as health legislation requires.
- Security records (IP addresses) are kept for at most 1 year.
- Intake answers follow the periods in the explicit consent text and are deleted when you withdraw your consent.

## Your rights (KVKK Art. 11)

You may ask us:

- whether we process your personal data, and for information about it if we do;
- for what purpose we process it and whether it is used accordingly;
- which third parties in Turkey or abroad it has been transferred to;
- to correct it if it is incomplete or wrong;
- to erase or destroy it under the conditions of Article 7 of the KVKK;
- to tell the third parties who received it about any correction, erasure or destruction;
- to object to a result against you that comes solely from automated analysis;
- for compensation if you suffer damage because of unlawful processing.

## How to apply

Send your request in writing, in Turkish, with details that let us confirm who you are, to {address}, or by secure
electronic signature or registered electronic mail (KEP), or from an e-mail address you have already given us, to
{email}. We answer within 30 days at the latest and free of charge; if the request involves an additional cost, the fee
set by the Personal Data Protection Board may be charged. If our answer does not satisfy you, you may complain to the
Personal Data Protection Board.
`,
  },
  'health-consent': {
    tr: `# Ön değerlendirme yanıtlarınız için açık rıza

Bu onay kutusunu işaretlerseniz, {clinicName} olarak randevu formundaki ön değerlendirme sorularına verdiğiniz
yanıtları — şikâyetiniz, kramp ve spazmlarınızın sıklığı, ağrı puanınız ve tanıdığınız tetikleyiciler — saklamamıza
açık rıza vermiş olursunuz. Bu yanıtlar sağlık verisidir (KVKK m. 6).

- **Amaç:** yalnızca hekimimizin ve terapistlerimizin muayenenize hazırlanması ve ilk görüşmenin süresini ve
  gerekecek cihazları planlaması.
- **Kimler görür:** yalnızca klinik bilgileri görme yetkisi olan hekim ve terapistlerimiz. Yanıtlarınızı üçüncü
  kişilere aktarmayız; randevu mesajlarında, e-postalarda veya bağlantı adreslerinde yer almazlar. Her görüntüleme
  kayıt altına alınır.
- **Ne kadar süre:** muayeneniz yapılırsa yanıtlarınız muayene kaydınızın bir parçası olur ve sağlık mevzuatının
  öngördüğü süre boyunca saklanır; muayene yapılmazsa randevu tarihinden en geç 6 ay sonra silinir.
- **Rızanız isteğe bağlıdır:** randevunuz bu onaya bağlı değildir. İşaretlemezseniz yanıtlarınızı hiç kaydetmeyiz;
  aynı soruları muayenede birlikte konuşuruz.
- **Geri alabilirsiniz:** rızanızı dilediğiniz zaman {email} adresine yazarak, {phone} numarasını arayarak veya
  kliniğe gelerek geri alabilirsiniz. Geri almanız, o zamana kadar yapılan işlemenin hukuka uygunluğunu etkilemez;
  geri aldığınızda ön değerlendirme yanıtlarınızı sileriz.

Kişisel verilerinizin işlenmesine ilişkin diğer bilgiler aydınlatma metnindedir.
`,
    en: `# Explicit consent for your intake answers

By ticking this box you give {clinicName} your explicit consent to keep the answers you give to the intake questions
in the booking form — what troubles you, how often spasms or cramps come, your pain score and the triggers you
recognise. These answers are health data (KVKK Art. 6).

- **Purpose:** only so that our physician and therapists can prepare for your examination and plan the length of the
  first visit and the equipment it needs.
- **Who sees them:** only our physicians and therapists who are allowed to see clinical information. We do not pass
  your answers to third parties, and they never appear in appointment messages, e-mails or web addresses. Every time
  someone views them is recorded.
- **How long:** if your examination takes place, the answers become part of your examination record and are kept for
  as long as health legislation requires; if it does not, they are deleted at the latest 6 months after the
  appointment date.
- **Your choice:** your appointment does not depend on this consent. If you leave the box unticked we do not store the
  answers at all, and we go through the same questions together at the examination.
- **You can withdraw it:** at any time, by writing to {email}, calling {phone} or telling us at the clinic.
  Withdrawing does not make earlier processing unlawful; once you withdraw, we delete your intake answers.

Everything else about how we process your personal data is in the information notice.
`,
  },
};

/** Publishes version 1 of both texts in both languages (inside the caller's transaction, e.g. the demo seed). */
export async function seedLegalTexts(tx: Tx, now: number): Promise<void> {
  const rows = (Object.keys(legalTextsV1) as LegalTextKind[]).flatMap((kind) =>
    (['tr', 'en'] as const).map((locale) => ({ kind, locale, version: 1, body_md: legalTextsV1[kind][locale], published_at: now })),
  );
  await tx.insertInto('legal_texts').values(rows).execute();
}
