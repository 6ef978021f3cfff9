import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ClaimMention, Document } from '../document.js';
import { annotateArticle, createPipelineContext } from '../pipeline.js';
import { annotateClaims } from './claims.js';

const context = createPipelineContext();

function claimsOf(text: string, title = ''): { doc: Document; claims: ClaimMention[] } {
  const annotated = annotateArticle({ input: 't', title, text, outlet: null, published: '2026-01-20', url: null }, context);
  const doc = annotateClaims(annotated, context.kb);
  for (const c of doc.claims) {
    assert.ok(c.start < c.end, 'content is not empty');
    assert.equal(doc.text.slice(c.cueSpan.start, c.cueSpan.end), c.cue, 'cue text matches its span');
  }
  return { doc, claims: doc.claims };
}

const content = (doc: Document, claim: ClaimMention) => doc.text.slice(claim.start, claim.end);

function only(text: string): { doc: Document; claim: ClaimMention } {
  const { doc, claims } = claimsOf(text);
  assert.equal(claims.length, 1, `one claim in: ${text}`);
  return { doc, claim: claims[0] };
}

// Verb-first reporting

test('«قالت X إن»: the named speaker, and the quote inside the marks as content', () => {
  const { doc, claim } = only('وقالت الحكومة السورية، في بيان، إنها "رصدت تحركات مريبة قرب السجون".');
  assert.equal(claim.speaker, 'org:syrian-government');
  assert.equal(claim.speakerText, 'الحكومة السورية');
  assert.equal(claim.cue, 'قالت');
  assert.equal(content(doc, claim), 'رصدت تحركات مريبة قرب السجون');
});

test('the complementizer and its pronoun suffix (the speaker) stay outside the content', () => {
  const { doc, claim } = only('وقالت وزارة الداخلية السورية إنها أنهت تجهيز قوة خاصة لحماية المخيم.');
  assert.equal(content(doc, claim), 'أنهت تجهيز قوة خاصة لحماية المخيم');
});

test('a masdar object without «أن» is the content', () => {
  const { doc, claim } = only('أكدت وزارة الداخلية السورية جاهزيتها لتسلم إدارة المخيمات في الشمال.');
  assert.equal(claim.speaker, 'org:syrian-interior-ministry');
  assert.equal(content(doc, claim), 'جاهزيتها لتسلم إدارة المخيمات في الشمال');
});

test('an announcement after a time parenthetical: content is the announced object', () => {
  const { doc, claim } = only('وأعلنت هيئة العمليات في الجيش السوري، مساء الاثنين، السيطرة على مدينة الشدادي بالكامل.');
  assert.equal(claim.speaker, 'org:syrian-army-operations-authority');
  assert.equal(content(doc, claim), 'السيطرة على مدينة الشدادي بالكامل');
});

test('a title before the name: the person speaks', () => {
  const { claim } = only('وقال وزير الإعلام السوري حمزة المصطفى إن الحكومة ستفتح مكاتب جديدة للصحافة الأجنبية.');
  assert.equal(claim.speaker, 'person:hamza-al-mustafa');
  assert.equal(claim.speakerText, 'وزير الإعلام السوري حمزة المصطفى');
});

// Attribution nouns

test('«…، بحسب بيان لـX»: the sentence before the attribution, said by X', () => {
  const { doc, claim } = only('التقى وزير الخارجية السوري نظيره التركي في أنقرة، بحسب بيان للرئاسة السورية.');
  assert.equal(claim.speaker, 'org:syrian-presidency');
  assert.equal(claim.cue, 'بحسب');
  assert.equal(content(doc, claim), 'التقى وزير الخارجية السوري نظيره التركي في أنقرة');
});

test('«ووفقاً للبيان، …»: the clause after the comma; «البيان» is the last statement issuer named', () => {
  const { doc, claims } = claimsOf('عقد الجانبان اجتماعاً مطولاً، بحسب بيان للرئاسة السورية.\nووفقاً للبيان السوري، اتفق الطرفان على تشكيل لجنة مشتركة.');
  assert.equal(claims.length, 2);
  assert.equal(claims[1].speaker, 'org:syrian-presidency');
  assert.equal(claims[1].cue, 'وفقاً');
  assert.equal(content(doc, claims[1]), 'اتفق الطرفان على تشكيل لجنة مشتركة');
});

test('«بحسب»/«وفق» before something that is no source make no claim', () => {
  assert.equal(claimsOf('انتشرت وحدات الجيش في المدينة وفق الاتفاق المبرم بين الطرفين.').claims.length, 0);
  assert.equal(claimsOf('بدأت المرحلة الثانية من الخطة بحسب الجدول الزمني المتفق عليه.').claims.length, 0);
});

// Pronoun and implicit speakers

test('«وأضافت: "…"» continues the previous speaker, with an empty speakerText', () => {
  const { doc, claims } = claimsOf('وقالت "قسد" إن مقاتليها صدوا هجوماً على السجن.\nوأضافت: "لن نسمح بفرار أي معتقل".');
  assert.equal(claims.length, 2);
  assert.equal(claims[1].speaker, 'org:sdf');
  assert.equal(claims[1].speakerText, '');
  assert.equal(content(doc, claims[1]), 'لن نسمح بفرار أي معتقل');
});

test('«وذكرت أيضاً أن …»: an adverb between verb and content, speaker inherited', () => {
  const { doc, claims } = claimsOf('وقالت "قسد" إن مقاتليها صدوا هجوماً على السجن.\nوذكرت أيضاً أن ثلاثة من عناصرها أصيبوا.');
  assert.equal(claims[1].speaker, 'org:sdf');
  assert.equal(content(doc, claims[1]), 'ثلاثة من عناصرها أصيبوا');
});

test('a circumstantial participle after a comma continues the speaker and cuts the content before it', () => {
  const { doc, claims } = claimsOf('وأشارت الداخلية السورية إلى أنها نشرت دوريات في محيط المخيم، مؤكدةً رفضها أي تدخل خارجي.');
  assert.equal(claims.length, 2);
  assert.equal(content(doc, claims[0]), 'نشرت دوريات في محيط المخيم');
  assert.equal(claims[1].cue, 'مؤكدةً');
  assert.equal(claims[1].speaker, 'org:syrian-interior-ministry');
  assert.equal(content(doc, claims[1]), 'رفضها أي تدخل خارجي');
});

// Unnamed sources

test('«مصادر حكومية لرويترز»: unnamed, no speaker id, the addressee left out', () => {
  const { doc, claim } = only('وقالت مصادر حكومية لرويترز إن جولة جديدة من المحادثات ستعقد الأسبوع المقبل.');
  assert.equal(claim.speaker, null);
  assert.equal(claim.unnamed, true);
  assert.equal(claim.speakerText, 'مصادر حكومية');
  assert.equal(content(doc, claim), 'جولة جديدة من المحادثات ستعقد الأسبوع المقبل');
});

test('«مسؤولون» and «مصدر قيادي» are unnamed sources', () => {
  const officials = only('وأشار مسؤولون إلى أن القرار سيصدر خلال أيام.').claim;
  assert.deepEqual([officials.speaker, officials.unnamed, officials.speakerText], [null, true, 'مسؤولون']);
  const leader = only('وقال مصدر قيادي إن الحركة لم تتلق أي عرض رسمي.').claim;
  assert.deepEqual([leader.speaker, leader.unnamed, leader.speakerText], [null, true, 'مصدر قيادي']);
});

// Stances

test('«نفت X أن …» is a denial', () => {
  const { doc, claim } = only('ونفت "قسد" أن تكون قواتها قد انسحبت من محيط السجن.');
  assert.equal(claim.stance, 'deny');
  assert.equal(claim.speaker, 'org:sdf');
  assert.equal(content(doc, claim), 'تكون قواتها قد انسحبت من محيط السجن');
});

test('«، وهو أمر نفته «قسد»»: a denial of the claim just before, same content', () => {
  const { doc, claims } = claimsOf('وقالت هيئة العمليات إن قيادة «قسد» رفضت تسليم السجن، وهو أمر نفته «قسد» في بيان لاحق.');
  assert.equal(claims.length, 2);
  const [said, denied] = claims;
  assert.equal(denied.stance, 'deny');
  assert.equal(denied.cue, 'نفته');
  assert.equal(denied.speaker, 'org:sdf');
  assert.deepEqual([denied.start, denied.end], [said.start, said.end]);
  assert.equal(content(doc, denied), 'قيادة «قسد» رفضت تسليم السجن');
});

test('«اتهمت X Y بـ…» is an accusation about Y', () => {
  const { doc, claim } = only('واتهمت الحكومة السورية الإدارة الذاتية بمحاولة تسييس ملف المعتقلين.');
  assert.equal(claim.stance, 'accuse');
  assert.equal(claim.speaker, 'org:syrian-government');
  assert.ok(claim.about.includes('org:aanes'));
  assert.equal(content(doc, claim), 'محاولة تسييس ملف المعتقلين');
});

test('an accusation continuing a sentence: the one party named is the accused', () => {
  const { claims } = claimsOf('وأعلن الجيش السوري دخول البلدة، بعدما اتهمت قوات سوريا الديمقراطية بتفخيخ مداخلها.');
  assert.equal(claims.length, 2);
  assert.equal(claims[1].stance, 'accuse');
  assert.equal(claims[1].speaker, 'org:syrian-army');
  assert.deepEqual(claims[1].about, ['org:sdf']);
});

test('«حذرت X Y من …» is a warning to Y', () => {
  const { doc, claim } = only('وحذرت الحكومة السورية قوات سوريا الديمقراطية من "أي خطوة تصعيدية في الرقة".');
  assert.equal(claim.stance, 'warn');
  assert.ok(claim.about.includes('org:sdf'));
  assert.equal(content(doc, claim), 'أي خطوة تصعيدية في الرقة');
});

test('«رفضت» and «ترفض» are rejections', () => {
  assert.equal(only('ورفضت الإدارة الذاتية المقترح الحكومي بشأن المعابر.').claim.stance, 'reject');
  assert.equal(only('وترفض الحكومة السورية أي وجود عسكري أجنبي على أراضيها.').claim.stance, 'reject');
});

test('«دعت X Y إلى …» and «طالبت X بـ…» are demands', () => {
  const call = only('ودعت وزارة الداخلية السورية المواطنين إلى الإبلاغ عن أي تحركات مشبوهة.');
  assert.equal(call.claim.stance, 'demand');
  assert.equal(content(call.doc, call.claim), 'الإبلاغ عن أي تحركات مشبوهة');
  assert.equal(only('وطالبت الأمم المتحدة بفتح ممرات آمنة للمدنيين.').claim.stance, 'demand');
});

// Speaker resolution

test('«الجيش» alone is the army of the body named before it («هيئة العمليات في الجيش السوري»)', () => {
  const { claims } = claimsOf('وأعلنت هيئة العمليات في الجيش السوري حظر تجول في المدينة.\nوقال الجيش إن عناصر من التنظيم فروا من السجن.');
  assert.equal(claims[1].speaker, 'org:syrian-army');
  assert.equal(claims[1].speakerText, 'الجيش');
});

test('«الحكومة» alone with no government named before: no id, the text kept', () => {
  const { claim } = only('وقالت الحكومة إن الخدمات ستعود إلى المدينة قريباً.');
  assert.equal(claim.speaker, null);
  assert.equal(claim.speakerText, 'الحكومة');
  assert.equal(claim.unnamed, false);
});

test('a name right before the verb is its subject («قسد تعلن …»)', () => {
  const { claim } = only('وفي تطور لاحق، قسد تعلن انسحاب مقاتليها من محيط السجن بالكامل.');
  assert.equal(claim.speaker, 'org:sdf');
});

// Negative cases

test('a reporting verb with nothing said makes no claim', () => {
  assert.equal(claimsOf('هذا ما قال.').claims.length, 0);
  assert.equal(claimsOf('ولم يذكر البيان تفاصيل إضافية عن العملية، ولم يعلن أي طرف مسؤوليته.').claims.length, 0);
});

test('the passive «اعتُبرت» names no speaker and makes no claim', () => {
  assert.equal(claimsOf('وصلت الدفعة الأولى من المعتقلين، في خطوة اعتُبرت جزءاً من إعادة ترتيب الملف.').claims.length, 0);
});

test('headlines are not annotated: neither doc.title nor a short subheading line', () => {
  const { claims } = claimsOf('دمشق تعلن السيطرة على الشدادي\nوصلت تعزيزات عسكرية إلى المدينة صباح اليوم.', 'الجيش يعلن السيطرة على المدينة بحسب بيان رسمي');
  assert.equal(claims.length, 0);
});

// The whole pipeline on an article in the style of the seed pages (our own text).

const ARTICLE = [
  'بحث الرئيس السوري أحمد الشرع مع الرئيس الأميركي دونالد ترمب، في اتصال هاتفي مساء الثلاثاء، ملف الحدود الشمالية وتبادل الأسرى، بحسب بيان للرئاسة السورية.',
  'وذكرت الرئاسة السورية أن الجانبين اتفقا على "تعزيز التنسيق الأمني في المرحلة المقبلة".',
  'ووفقاً للبيان، ناقش الرئيسان خطوات عملية لدعم عودة النازحين إلى قراهم قبل حلول الصيف.',
  'وفي الميدان، أعلنت هيئة العمليات في الجيش السوري، صباح الأربعاء، السيطرة على بلدة تل براك في ريف الحسكة، وبدء عمليات تمشيط في محيطها، بعدما اتهمت قوات سوريا الديمقراطية بزرع ألغام في الطرق الرئيسية.',
  'وقالت "قسد" إن مقاتليها انسحبوا من البلدة لتجنب سقوط ضحايا مدنيين، وأضافت: "لن نترك أهلنا في الجزيرة دون حماية".',
  'من جهتها، حذرت الحكومة السورية قوات سوريا الديمقراطية من "أي محاولة لعرقلة انتشار الجيش في المنطقة"، مؤكدةً التزامها بحماية جميع المدنيين.',
  'وقالت مصادر محلية لرويترز إن عشرات العائلات بدأت العودة إلى منازلها في البلدة، فيما نفت "قسد" أن تكون قواتها قد استهدفت الأحياء السكنية.',
  'وأكد الجيش أن وحداته ستبقى في البلدة حتى استكمال تأمينها، وطالب السكان بالابتعاد عن المواقع العسكرية.',
].join('\n');

test('pipeline: every claim of a seed-style article, with speaker, stance and opening words', () => {
  const { doc, claims } = claimsOf(ARTICLE, 'الجيش السوري يدخل تل براك وقسد تنفي استهداف المدنيين');
  const firstWords = (c: ClaimMention) => content(doc, c).split(/\s+/).slice(0, 3).join(' ');
  const summary = claims.map((c) => [c.speaker ?? c.speakerText, c.stance, firstWords(c)]);
  assert.deepEqual(summary, [
    ['org:syrian-presidency', 'assert', 'بحث الرئيس السوري'],
    ['org:syrian-presidency', 'assert', 'الجانبين اتفقا على'],
    ['org:syrian-presidency', 'assert', 'ناقش الرئيسان خطوات'],
    ['org:syrian-army-operations-authority', 'assert', 'السيطرة على بلدة'],
    ['org:syrian-army-operations-authority', 'accuse', 'زرع ألغام في'],
    ['org:sdf', 'assert', 'مقاتليها انسحبوا من'],
    ['org:sdf', 'assert', 'لن نترك أهلنا'],
    ['org:syrian-government', 'warn', 'أي محاولة لعرقلة'],
    ['org:syrian-government', 'assert', 'التزامها بحماية جميع'],
    ['مصادر محلية', 'assert', 'عشرات العائلات بدأت'],
    ['org:sdf', 'deny', 'تكون قواتها قد'],
    ['org:syrian-army', 'assert', 'وحداته ستبقى في'],
    ['org:syrian-army', 'demand', 'الابتعاد عن المواقع'],
  ]);
  assert.ok(claims[9].unnamed);
  assert.deepEqual(claims[4].about, ['org:sdf']);
  for (let k = 1; k < claims.length; k++) assert.ok(claims[k - 1].start <= claims[k].start, 'text order');
});
