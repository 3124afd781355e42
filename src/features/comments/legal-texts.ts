// Version 1 of the two privacy texts of the comment form: the KVKK information notice for comments (shown as a link,
// never "accepted") and the separate explicit consent to store and publish a comment. {clinicName}, {address},
// {email} and {phone} are filled from the clinic settings when shown. Have the clinic's counsel review them.
export type CommentLegalTextKind = 'comment-notice' | 'comment-consent';

export const commentLegalTextsV1: Record<CommentLegalTextKind, Record<'tr' | 'en', string>> = {
  'comment-notice': {
    tr: `# Makale yorumları için aydınlatma metni

Bu metin, 6698 sayılı Kişisel Verilerin Korunması Kanunu'nun 10. maddesi uyarınca, makalelerimizin altına soru veya
yorum yazarken verdiğiniz kişisel verilerin nasıl işlendiğini anlatır. Bilgilendirme içindir; bir onay değildir.

## Veri sorumlusu

{clinicName}, {address}. Bize {email} adresinden veya {phone} numarasından ulaşabilirsiniz.

## Hangi verilerinizi işliyoruz

- **Görünen adınız** ve **yorumunuzun metni**: onaylarsak makalenin altında herkese açık yayımlanır.
- **E-posta adresiniz** (isteğe bağlı): hiçbir zaman yayımlanmaz; yalnızca, siz isterseniz, sorunuza yanıt
  geldiğinde size haber vermek için kullanılır.
- **İşlem güvenliği**: IP adresiniz yalnızca anahtarlı, geri çevrilemez bir özet (hash) olarak saklanır; istenmeyen
  ve toplu gönderimleri sınırlamak için kullanılır.

Lütfen yorumunuza sağlık durumunuzla ilgili ayrıntılar, telefon numarası veya başka kişisel bilgiler yazmayın;
kişisel sorularınız için bize telefonla veya WhatsApp'tan ulaşın.

## Amaçlar ve hukuki sebepler

| amaç | hukuki sebep |
| --- | --- |
| yorumunuzu saklamak ve onaydan sonra yayımlamak | açık rızanız (KVKK m. 5/1) |
| yanıt geldiğinde size e-posta ile haber vermek | açık rızanız ve talebiniz |
| istenmeyen gönderimleri önlemek, sistemlerin güvenliği | meşru menfaatimiz (m. 5/2-f) |

## Aktarım

Yorum verilerinizi satmayız, reklam için kullanmayız ve yurt dışına aktarmayız. Sistemlerimizi barındıran hizmet
sağlayıcılar bu verileri yalnızca bizim adımıza işler; bir kanun gerektirdiğinde yetkili kurumlara aktarılabilir.

## Saklama süresi

Yayımlanan yorumlar, makale yayında kaldığı sürece veya siz silinmesini isteyene kadar saklanır. Onaylanmayan ve
istenmeyen olarak işaretlenen yorumları en geç 90 gün içinde sileriz. IP özeti yorumla birlikte silinir.

## Haklarınız

KVKK'nın 11. maddesindeki haklarınızı (bilgi isteme, düzeltme, silme, itiraz) kullanmak için {email} adresine
yazabilirsiniz. Rızanızı her zaman geri alabilirsiniz; yorumunuzu o zaman yayından kaldırır ve sileriz.
`,
    en: `# Information notice for article comments

This notice explains, under Article 10 of the Turkish Personal Data Protection Law No. 6698 (KVKK), how we process
the personal data you give us when you ask a question or leave a comment under our articles. It is for your
information; it is not a consent.

## Data controller

{clinicName}, {address}. You can reach us at {email} or on {phone}.

## What we process

- **Your display name** and **the text of your comment**: published under the article for everyone once a moderator
  approves it.
- **Your e-mail address** (optional): never published; used only to tell you that your question was answered, if
  you ask for that.
- **Security**: your IP address is kept only as a keyed, one-way hash, used to limit unwanted and bulk submissions.

Please do not write details of your health, phone numbers or other personal information in a comment; for personal
questions, call us or write to us on WhatsApp.

## Purposes and legal grounds

| purpose | legal ground |
| --- | --- |
| keeping your comment and publishing it after approval | your explicit consent (KVKK Art. 5(1)) |
| telling you by e-mail that an answer arrived | your explicit consent and request |
| keeping out unwanted submissions, security of our systems | our legitimate interest (Art. 5(2)(f)) |

## Transfers

We do not sell your comment data, use it for advertising or transfer it abroad. The providers who host our systems
process it only on our behalf; where a law requires it, it may be passed to the competent authorities.

## How long we keep it

Published comments are kept while the article is online or until you ask us to delete them. Comments that are not
approved or are marked as spam are deleted within 90 days at the latest. The address hash goes with the comment.

## Your rights

To use your rights under Article 11 of the KVKK (to be informed, to have data corrected or erased, to object), write to
{email}. You can withdraw your consent at any time; we then take your comment down and delete it.
`,
  },
  'comment-consent': {
    tr: 'Yorumumun ve görünen adımın saklanmasına ve moderatör onayından sonra bu makalenin altında yayımlanmasına açık rıza veriyorum.',
    en: 'I explicitly consent to my comment and display name being stored and, after a moderator approves it, published under this article.',
  },
};
