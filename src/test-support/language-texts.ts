// Texts for the language identification tests: many scripts, lengths, odd white space, mixed scripts, and slices of
// the files of a folder as titles, leads and whole pages reach the detector.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Texts in many scripts and lengths, with digits, punctuation, odd white space and mixed scripts. */
export const LANGUAGE_TEXTS = [
  '', ' ', 'abc', '12345678901234567890123', '!!! ??? ... ;;; ::: ,,, 2026-01-19',
  'The ministry said on Monday that the talks would resume next week in Geneva.',
  'Le ministère a annoncé lundi que les négociations reprendraient la semaine prochaine.',
  'El ministerio dijo el lunes que las conversaciones se reanudarían la próxima semana.',
  'Das Ministerium teilte am Montag mit, dass die Gespräche nächste Woche fortgesetzt werden.',
  'Bakanlık pazartesi günü görüşmelerin gelecek hafta yeniden başlayacağını açıkladı.',
  'Министерство заявило в понедельник, что переговоры возобновятся на следующей неделе.',
  'وزارت امور خارجه روز دوشنبه اعلام کرد که گفتگوها هفته آینده از سر گرفته می‌شود.',
  'وزارت خارجہ نے پیر کے روز کہا کہ مذاکرات اگلے ہفتے دوبارہ شروع ہوں گے۔',
  'وەزارەتی دەرەوە ڕایگەیاند کە دانوستانەکان هەفتەی داهاتوو دەست پێدەکەنەوە.',
  'Wezareta derve got ku danûstandin dê hefteya bê dîsa dest pê bikin.',
  'המשרד הודיע ביום שני כי השיחות יתחדשו בשבוע הבא.',
  '외교부는 월요일 회담이 다음 주에 재개될 것이라고 밝혔다.',
  '外交部周一表示，会谈将于下周恢复。',
  'قالت الوزارة يوم الاثنين إن المحادثات ستستأنف الأسبوع المقبل في جنيف.',
  'قالت الوزارة (AFP) إن 3 جنود قتلوا في 19/1/2026 — Reuters said الاثنين.',
  'ا ب ت ث ج ح خ د ذ ر ز س ش ص ض ط ظ ع غ ف ق ك ل م ن ه و ي',
  'دمشق\n\n\tحلب\u00a0\u2003حمص   درعا\r\nادلب',
  'مرحبا 😀 بالعالم 𝒜𝒷𝒸 مرة أخرى مع رموز خارج المستوى الأساسي',
];

export function textsFromFolder(dir: string, limit: number): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (!/\.(txt|html|jsonl)$/.test(name) || out.length >= limit) continue;
    const text = readFileSync(join(dir, name), 'utf8');
    // Samples at several lengths and offsets, as titles, leads and whole pages reach the detector.
    for (const [from, length] of [[0, 30], [0, 300], [200, 300], [0, 3000]]) out.push(text.slice(from, from + length));
  }
  return out;
}

