import type { Rng } from '../rng.js';

/**
 * Short everyday phrases in many languages, written for this project (reviews, chat lines,
 * support requests, search queries). Real users write in their own language and script; the model
 * must not treat non-Latin text, RTL text or emoji as unusual.
 */
export const PHRASES: Readonly<Record<string, readonly string[]>> = {
  de: [
    'Wann wird meine Bestellung geliefert?',
    'Die Größe passt leider nicht, kann ich umtauschen?',
    'Super Qualität, schnelle Lieferung – gerne wieder!',
    'Ich habe mein Passwort vergessen.',
    'Gibt es den Artikel auch in Schwarz?',
    'Rückgabe bis zum 30.06. möglich?',
    'Hallo zusammen, wer kommt heute Abend mit ins Kino?',
    'Straße und Hausnummer bitte prüfen: Müllerstraße 12a',
    'günstige Ferienwohnung an der Ostsee',
    'Kündigung zum Monatsende, bitte bestätigen.',
  ],
  fr: [
    "Je n'ai pas reçu ma commande, pouvez-vous vérifier ?",
    "C'est parfait, merci beaucoup !",
    'Livraison gratuite à partir de 50 € ?',
    "L'article est-il disponible en taille M ?",
    "Rendez-vous à l'hôtel de ville à 14h",
    'recette crêpes sans œufs',
    'Très déçu du service après-vente…',
    "J'aimerais modifier l'adresse de livraison.",
  ],
  es: [
    '¿Cuándo llega mi pedido?',
    'Muy buena calidad, lo recomiendo 👍',
    '¿Tienen envío a Canarias?',
    'Quiero cambiar la contraseña de mi cuenta.',
    'zapatillas de running para niño talla 34',
    'Gracias por la atención, ¡saludos desde México!',
    'La factura no coincide con el pedido nº 4471.',
  ],
  it: [
    'Quando arriva il mio ordine?',
    'Ottimo prodotto, consigliato!',
    'Vorrei annullare l’abbonamento.',
    'pizzeria aperta adesso vicino a me',
  ],
  pt: [
    'Qual o prazo de entrega para São Paulo?',
    'Adorei o produto, chegou antes do prazo!',
    'Não consigo acessar minha conta.',
    'promoção de celular até R$ 1.500',
  ],
  ru: [
    'Когда будет доставка моего заказа?',
    'Отличный товар, спасибо!',
    'Не могу войти в личный кабинет.',
    'Можно ли оплатить картой «Мир»?',
    'купить зимние шины 205/55 R16',
    'Привет! Как дела? Встретимся завтра в 10:00?',
  ],
  uk: ['Коли буде доставка?', 'Дякую, все прийшло вчасно!', 'Хочу змінити адресу доставки.'],
  pl: [
    'Kiedy dostanę zamówienie?',
    'Świetna jakość, polecam!',
    'Czy mogę zapłacić BLIKIEM?',
    'żółta kurtka zimowa damska',
  ],
  tr: ['Siparişim ne zaman gelir?', 'Çok güzel ürün, teşekkürler!', 'Şifremi unuttum, yardım eder misiniz?'],
  nl: ['Wanneer wordt mijn bestelling bezorgd?', 'Prima product, snel geleverd.', 'Kan ik achteraf betalen?'],
  sv: ['När kommer min beställning?', 'Jättebra, tack så mycket!', 'Går det att byta storlek?'],
  zh: [
    '我的订单什么时候发货？',
    '质量很好，物流也很快，五星好评！',
    '请问有没有黑色的？',
    '忘记密码怎么办',
    '北京到上海的高铁票',
    '这个价格包邮吗？',
    '谢谢客服耐心解答 😊',
  ],
  ja: [
    '注文した商品はいつ届きますか？',
    'とても良い商品でした。また買います！',
    'パスワードを忘れました。',
    'サイズ交換は可能でしょうか。',
    '東京 ラーメン おすすめ',
    'お世話になっております。請求書の再発行をお願いします。',
  ],
  ko: [
    '주문한 상품은 언제 도착하나요?',
    '배송이 빨라서 좋았어요!',
    '비밀번호를 잊어버렸어요.',
    '서울 맛집 추천',
  ],
  ar: [
    'متى سيصل طلبي؟',
    'منتج ممتاز وشحن سريع، شكراً لكم',
    'هل يتوفر هذا المنتج باللون الأسود؟',
    'نسيت كلمة المرور',
    'مطاعم قريبة مني مفتوحة الآن',
  ],
  he: ['מתי ההזמנה שלי תגיע?', 'מוצר מעולה, תודה רבה!', 'שכחתי את הסיסמה'],
  hi: [
    'मेरा ऑर्डर कब तक आएगा?',
    'बहुत अच्छा प्रोडक्ट है, धन्यवाद!',
    'क्या यह काले रंग में उपलब्ध है?',
    'पासवर्ड भूल गया हूँ, मदद करें',
    'दिल्ली से मुंबई की ट्रेन टिकट',
  ],
  vi: ['Khi nào đơn hàng của tôi được giao?', 'Sản phẩm rất tốt, cảm ơn shop!', 'Tôi quên mật khẩu.'],
  th: ['สินค้าจะมาถึงเมื่อไหร่คะ', 'ของดีมาก ส่งไวค่ะ'],
  el: ['Πότε θα έρθει η παραγγελία μου;', 'Πολύ καλό προϊόν, ευχαριστώ!'],
};

/** Emoji commonly typed into comments, chats and reviews. */
export const EMOJI = [
  '🎉',
  '👍',
  '😂',
  '❤️',
  '🔥',
  '🙏',
  '✨',
  '🚀',
  '😅',
  '🤔',
  '😍',
  '👀',
  '💯',
  '🙌',
  '😭',
  '🥳',
  '☕',
  '🍕',
  '✅',
  '⭐',
  '👋🏽',
  '🇩🇪',
  '🇯🇵',
  '🤷‍♀️',
  '👨‍👩‍👧',
];

/** A random phrase in a random language (or `lang`), sometimes with emoji. */
export function phrase(rng: Rng, lang?: string): string {
  const language = lang && PHRASES[lang] ? lang : rng.pick(Object.keys(PHRASES));
  let text = rng.pick(PHRASES[language] ?? PHRASES.de ?? ['']);
  if (rng.chance(0.25)) text += ` ${rng.pick(EMOJI)}`;
  if (rng.chance(0.08)) text = `${rng.pick(EMOJI)}${rng.pick(EMOJI)} ${text}`;
  return text;
}
