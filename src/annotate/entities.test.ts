import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tokenize } from '../arabic/tokenize.js';
import { newDocument, type Document } from '../document.js';
import { loadKnowledgeBase } from '../kb/kb.js';
import { annotateEntities, describeEntity } from './entities.js';

const kb = loadKnowledgeBase();

function annotate(text: string, published = '2026-01-20'): Document {
  const doc = newDocument('t', { input: 't', title: '', text, outlet: null, published, url: null });
  doc.tokens = tokenize(text);
  const out = annotateEntities(doc, kb);
  for (const m of out.entities) assert.equal(out.text.slice(m.start, m.end), m.text, 'span text matches offsets');
  return out;
}

type Expected = [text: string, type: string, entityId: string];
const mentions = (doc: Document): Expected[] => doc.entities.map((m) => [m.text, m.type, m.entityId]);

const cases: { text: string; expected: Expected[]; published?: string }[] = [
  // Trump under every spelling, and the title alone in 2026.
  { text: 'قال دونالد ترامب إن ترمب لا يزال يفكر.', expected: [['دونالد ترامب', 'person', 'person:donald-trump'], ['ترمب', 'person', 'person:donald-trump']] },
  { text: 'واتصل الرئيس الأميركي بنظيره.', expected: [['الرئيس الأميركي', 'person', 'person:donald-trump']] },
  { text: 'وأشاد بالرئيس الأمريكي في كلمته.', expected: [['الرئيس الأمريكي', 'person', 'person:donald-trump']] },
  { text: 'وأشاد بالرئيس الأمريكي في كلمته.', published: '2022-03-01', expected: [['الرئيس الأمريكي', 'person', 'person:joe-biden']] },
  // Title before a name: only the name is the mention.
  { text: 'استقبل الرئيس السوري أحمد الشرع وفداً.', expected: [['أحمد الشرع', 'person', 'person:ahmed-al-sharaa']] },
  { text: 'وقال الرئيس الشرع إن البلاد بخير.', expected: [['الشرع', 'person', 'person:ahmed-al-sharaa']] },
  { text: 'وصل الرئيس السوري إلى موسكو.', expected: [['الرئيس السوري', 'person', 'person:ahmed-al-sharaa'], ['موسكو', 'location', 'loc:moscow']] },
  // The SDF in all its forms; clitics and quotes stay outside the span.
  { text: 'قوات سوريا الديمقراطية وقسد و«قسد» وقـسد.', expected: [
    ['قوات سوريا الديمقراطية', 'organization', 'org:sdf'], ['قسد', 'organization', 'org:sdf'],
    ['قسد', 'organization', 'org:sdf'], ['قـسد', 'organization', 'org:sdf']] },
  // ISIS; the generic head تنظيم stays outside the span (eval/README.md).
  { text: 'هاجم تنظيم داعش مواقع، وفر دواعش، وانضم آخرون لداعش.', expected: [
    ['داعش', 'organization', 'org:isis'], ['دواعش', 'organization', 'org:isis'], ['داعش', 'organization', 'org:isis']] },
  { text: 'أعلن تنظيم «داعش» مسؤوليته.', expected: [['داعش', 'organization', 'org:isis']] },
  // CENTCOM and the coalition.
  { text: 'أعلنت القيادة المركزية الأميركية (سنتكوم) النبأ.', expected: [
    ['القيادة المركزية الأميركية', 'organization', 'org:centcom'], ['سنتكوم', 'organization', 'org:centcom']] },
  { text: 'انضمت البلاد لـ«التحالف الدولي لمكافحة داعش» أمس.', expected: [['التحالف الدولي لمكافحة داعش', 'organization', 'org:anti-isis-coalition']] },
  // Prison versus town; heads of places are dropped, heads of facilities kept.
  { text: 'فر سجناء من سجن الشدادي في مدينة الشدادي بمحافظة الحسكة.', expected: [
    ['سجن الشدادي', 'facility', 'fac:shaddadi-prison'], ['الشدادي', 'location', 'loc:shaddadi'], ['الحسكة', 'location', 'loc:hasakah']] },
  { text: 'وصلت قوات إلى بلدة تل الصخر.', expected: [['تل الصخر', 'location', 'new:location:تل-الصخر']] },
  { text: 'زار الوفد مدينة صور الساحلية، ولم تُنشر صور للزيارة.', expected: [['صور', 'location', 'loc:tyre']] },
  // Entities from context.
  // A ministry without nationality in an article about no country is left unlinked (see the country cases below).
  { text: 'وقال المتحدث باسم وزارة الدفاع محمود العلي إن العلي سيزور المنطقة.', expected: [
    ['محمود العلي', 'person', 'new:person:محمود-العلي'], ['العلي', 'person', 'new:person:محمود-العلي']] },
  { text: 'التقى الأدميرال جيمس ويلسون بالوفد.', expected: [['جيمس ويلسون', 'person', 'new:person:جيمس-ويلسون']] },
  { text: 'سيطر الجيش على مطار القامشلي ومطار منبج ومخيم الركبان.', expected: [
    ['مطار القامشلي', 'facility', 'fac:qamishli-airport'], ['مطار منبج', 'facility', 'new:facility:مطار-منبج'],
    ['مخيم الركبان', 'facility', 'new:facility:مخيم-الركبان']] },
  { text: 'أعلنت جماعة «أنصار الشريعة» مسؤوليتها.', expected: [['جماعة «أنصار الشريعة»', 'organization', 'new:organization:جماعه-انصار-الشريعه']] },
  // Surnames resolve to the full name given earlier.
  { text: 'زار قائد الجيش اللبناني العماد رودولف هيكل الجنوب، وأكد هيكل التزام الجيش.', expected: [
    ['الجيش اللبناني', 'organization', 'org:lebanese-army'], ['رودولف هيكل', 'person', 'person:rodolphe-haykal'], ['هيكل', 'person', 'person:rodolphe-haykal']] },
  // Generic heads stay outside the span when the rest is a known name; kept when the name needs them.
  { text: 'قالت حركة حماس لوكالة رويترز إن منظمة «هيومن رايتس ووتش» زارت قطاع غزة وريف دمشق.', expected: [
    ['حماس', 'organization', 'org:hamas'], ['رويترز', 'organization', 'org:reuters'],
    ['هيومن رايتس ووتش', 'organization', 'org:human-rights-watch'], ['غزة', 'location', 'loc:gaza'], ['دمشق', 'location', 'loc:rif-dimashq']] },
  { text: 'ونقلت وكالة الأنباء السورية عن حركة أمل ترحيبها.', expected: [
    ['وكالة الأنباء السورية', 'organization', 'org:sana'], ['حركة أمل', 'organization', 'org:amal-movement']] },
  { text: 'ونقلت وكالة تاس الروسية أن عشائر العكيدات والبكارة أيدت الاتفاق.', expected: [
    ['تاس', 'organization', 'org:tass'], ['العكيدات', 'organization', 'org:ugaidat-tribe'], ['البكارة', 'organization', 'org:baggara-tribe']] },
  // لل: only the preposition's ل is left out; a two-letter clitic guess may eat the name's first letter.
  { text: 'قدمت واشنطن دعماً للجيش اللبناني.', expected: [['واشنطن', 'location', 'loc:washington'], ['لجيش اللبناني', 'organization', 'org:lebanese-army']] },
  { text: 'عاد لاجئون من تركيا ولبنان وبغداد.', expected: [
    ['تركيا', 'location', 'loc:turkey'], ['لبنان', 'location', 'loc:lebanon'], ['بغداد', 'location', 'loc:baghdad']] },
  // Directions describe a place, they are not part of its name.
  { text: 'انتشرت القوات في شمال شرق سوريا.', expected: [['سوريا', 'location', 'loc:syria']] },
  // A place name after a head is taken whole even when it looks like clitic + word.
  { text: 'تساقطت الثلوج في بلدة بلودان وقرية خان أرنبة.', expected: [
    ['بلودان', 'location', 'new:location:بلودان'], ['خان أرنبة', 'location', 'new:location:خان-ارنبه']] },
  { text: 'شاهدنا مباراة على استاد القاهرة الدولي ثم زرنا قاعدة عين الأسد.', expected: [
    ['استاد القاهرة الدولي', 'facility', 'fac:cairo-international-stadium'], ['قاعدة عين الأسد', 'facility', 'fac:ain-al-asad-base']] },
  // Persons from context: titles with adjectives or complements, occupations, relations, kunyas, compound names.
  { text: 'ويقول الخبير الزراعي مازن القاسم إن الموسم جيد.', expected: [['مازن القاسم', 'person', 'new:person:مازن-القاسم']] },
  { text: 'وأوضح المتحدث باسم المديرية نور الدين الحسن أن الطرق مفتوحة، وأضاف الحسن أن الفرق تعمل.', expected: [
    ['نور الدين الحسن', 'person', 'new:person:نور-الدين-الحسن'], ['الحسن', 'person', 'new:person:نور-الدين-الحسن']] },
  { text: 'وقالت منسقة إحدى الجمعيات العاملة في الحي سلمى العمر إن المياه انقطعت.', expected: [['سلمى العمر', 'person', 'new:person:سلمي-العمر']] },
  { text: 'وسجل اللاعب كريم حداد هدفاً، وأضاف زميله وائل منصور هدفاً آخر.', expected: [
    ['كريم حداد', 'person', 'new:person:كريم-حداد'], ['وائل منصور', 'person', 'new:person:وايل-منصور']] },
  { text: 'لم يعد أبو سامر إلى بيته.', expected: [['أبو سامر', 'person', 'new:person:ابو-سامر']] },
  { text: 'وقال رئيس البلدية سامي خليل إن المياه عادت. وأضاف خليل أن الإصلاح انتهى.', expected: [
    ['سامي خليل', 'person', 'new:person:سامي-خليل'], ['خليل', 'person', 'new:person:سامي-خليل']] },
  { text: 'التقى الوفد مدير المكتب سمير عبد الكريم، وقال عبد الكريم إن اللقاء مثمر.', expected: [
    ['سمير عبد الكريم', 'person', 'new:person:سمير-عبد-الكريم'], ['عبد الكريم', 'person', 'new:person:سمير-عبد-الكريم']] },
  // A surname beats a GeoNames place of the same spelling.
  { text: 'قال المبعوث توم براك إن الاتفاق صامد، وأضاف براك أنه متفائل.', expected: [
    ['توم براك', 'person', 'person:tom-barrack'], ['براك', 'person', 'person:tom-barrack']] },
  // Negatives: common words, nisba adjectives, generic phrases.
  { text: 'قال المتحدث باسم الجيش إن الوضع هادئ، ووصف ما جرى بأنه خطير.', expected: [] },
  { text: 'أكدت وزارة الزراعة جاهزيتها، وبدأ تنظيم التوزيع في إدارة المعبر.', expected: [] },
  { text: 'وأعلنت وزارة الصحة الأردنية افتتاح مستشفى ميداني، وتستعد فرقة جوالة تتنقل بين القرى.', expected: [
    ['وزارة الصحة الأردنية', 'organization', 'new:organization:وزاره-الصحه-الاردنيه']] },
  { text: 'وصل الموكب إلى محطة تُعدّ مفصلية في الرحلة، بعد شطب اسمه من قائمة منظمة إرهابية.', expected: [] },
  { text: 'وستتولى البلدية تنظيم سجلات العائدين وإدارة المعابر الحدودية، ولم تحدد موعداً لذلك.', expected: [] },
  { text: 'افتتحت الوزارة مستشفى ميدانياً لتسهيل حركة الشاحنات التجارية، وقال الوزير سيزور الموقع.', expected: [] },
  { text: 'ورحبت حركة «النجباء» بالقرار.', expected: [['حركة «النجباء»', 'organization', 'new:organization:حركه-النجباء']] },
  { text: 'توقفت محطة مياه علوك عن العمل.', expected: [['محطة مياه علوك', 'facility', 'new:facility:محطه-مياه-علوك']] },
  { text: 'توفي طفل في مخيم عشوائي، واتفق الطرفان على لجنة مشتركة تعقد اجتماعها غداً.', expected: [] },
  { text: 'دعا الشيوخ إلى حماية السلم الأهلي، ثم فاز الأهلي على الزمالك.', expected: [
    ['الأهلي', 'organization', 'org:al-ahly'], ['الزمالك', 'organization', 'org:zamalek']] },
  { text: 'قال الجيش اليوم إن القوات السورية والأميركية ستعمل معاً في إطار خطة تنظيم الانتخابات.', expected: [] },
  { text: 'نقلت وسائل إعلام سورية عن مصادر أن الهيكل الإداري تغيّر وأن الوضع القائم مستمر.', expected: [] },
  { text: 'قال وزير الخارجية السوري إن المحادثات مستمرة.', expected: [['وزير الخارجية السوري', 'person', 'person:asaad-al-shaibani']] },
  // A name that is also a common word is a place only where a place is named (contextAliases, gazetteer-contextual.txt):
  // «مالي» is also "financial", «ينبع» "it stems".
  { text: 'تعاني الحكومة من عجز مالي وتطلب دعم مالي عاجل، والخلاف ينبع من الديون.', expected: [] },
  { text: 'انسحبت القوات من شمال مالي إلى النيجر ومالي، وقال رئيس مالي إن مالي لن تتراجع.', expected: [
    ['مالي', 'location', 'loc:mali'], ['النيجر', 'location', 'loc:niger'], ['مالي', 'location', 'loc:mali'], ['مالي', 'location', 'loc:mali'],
    ['مالي', 'location', 'loc:mali']] },
  { text: 'زار الوفد مالي والنيجر، ثم توجه إلى ينبع وبمالي.', expected: [
    ['مالي', 'location', 'loc:mali'], ['النيجر', 'location', 'loc:niger'], ['ينبع', 'location', 'loc:geonames-100425'], ['مالي', 'location', 'loc:mali']] },
  { text: 'وصلت الشحنة إلى دولة مالي.', expected: [['دولة مالي', 'location', 'loc:mali']] },
  // GeoNames names found that way in ANT text: «بشري» human, «سترة» jacket, «كابل» cable.
  { text: 'ارتدى سترة واقية ومد كابل كهرباء لسبب بشري، ثم سافر إلى العاصمة الأفغانية كابل.', expected: [
    ['كابل', 'location', 'loc:geonames-1138958']] },
];

// Homographs and institutions whose country the article decides (eval/README.md; src/kb/data/README.md).
const countryCases: { text: string; expected: Expected[] }[] = [
  // Written vowels decide first: the shadda of عمّان, the damma of عُمان.
  { text: 'وصلت شحنة من عمّان عبر الأردن، وأخرى من سلطنة عمان ثم من عُمان.', expected: [
    ['عمّان', 'location', 'loc:amman'], ['الأردن', 'location', 'loc:jordan'], ['سلطنة عمان', 'location', 'loc:oman'], ['عُمان', 'location', 'loc:oman']] },
  // Without vowels, the country clues around the word, then in the article; with none, Oman.
  { text: 'وقال مسؤول في العاصمة الأردنية عمان إن الحدود مفتوحة.', expected: [['عمان', 'location', 'loc:amman']] },
  { text: 'عقد الاجتماع في عمان. وأكد وزير الخارجية الأردني أن المملكة الأردنية تدعم الحل.', expected: [
    ['عمان', 'location', 'loc:amman'], ['وزير الخارجية الأردني', 'person', 'person:ayman-safadi'],
    ['المملكة الأردنية', 'location', 'loc:jordan']] },
  { text: 'زار الوزير عمان والتقى السلطان في مسقط، وأشادت الصحف العمانية بالزيارة.', expected: [
    ['عمان', 'location', 'loc:oman'], ['مسقط', 'location', 'loc:muscat']] },
  { text: 'ووصل الوفد إلى عمان مساء أمس.', expected: [['عمان', 'location', 'loc:oman']] },
  // An unqualified ministry is the one of the country the article is about, or the one named in full before.
  { text: 'أكدت وزارة الداخلية أن قوات الأمن السورية انتشرت في دمشق وحمص وحماة.', expected: [
    ['وزارة الداخلية', 'organization', 'org:syrian-interior-ministry'], ['دمشق', 'location', 'loc:damascus'],
    ['حمص', 'location', 'loc:homs'], ['حماة', 'location', 'loc:hama']] },
  { text: 'رحبت وزارة الخارجية الروسية بالاتفاق، وقالت وزارة الخارجية إنها تتابع الوضع.', expected: [
    ['وزارة الخارجية الروسية', 'organization', 'org:russian-foreign-ministry'], ['وزارة الخارجية', 'organization', 'org:russian-foreign-ministry']] },
  { text: 'قال رئيس مجلس النواب نبيه بري في بيروت إن الحكومة اللبنانية ستجتمع.', expected: [
    ['مجلس النواب', 'organization', 'org:lebanese-parliament'], ['نبيه بري', 'person', 'person:nabih-berri'],
    ['بيروت', 'location', 'loc:beirut'], ['الحكومة اللبنانية', 'organization', 'org:lebanese-government']] },
  // Places in Jordan, no Jordanian interior ministry in the KB: unlinked rather than minted or sent to Syria.
  { text: 'أعلنت وزارة الداخلية فتح المعبر، وقال مسؤولون في عمّان وإربد إن الحركة طبيعية.', expected: [
    ['عمّان', 'location', 'loc:amman'], ['إربد', 'location', 'loc:geonames-248946']] },
  // ريف before a governorate's own name is the governorate, after the span convention; before a city, a head.
  { text: 'وصلوا إلى مدينة الكويت ثم إلى محافظة ريف دمشق وريف حلب الشمالي.', expected: [
    ['الكويت', 'location', 'loc:kuwait-city'], ['دمشق', 'location', 'loc:rif-dimashq'], ['حلب', 'location', 'loc:aleppo']] },
];

test('entity mentions decided by the article\'s country', () => {
  for (const { text, expected } of countryCases) assert.deepEqual(mentions(annotate(text)), expected, text);
});

test('entity mentions: variants, spans, context rules and negatives', () => {
  for (const { text, expected, published } of cases) {
    assert.deepEqual(mentions(annotate(text, published)), expected, text);
  }
});

test('clitic offsets map through tatweel and diacritics', () => {
  const doc = annotate('وَلِـقسد حضور، ولـ«التحالف الدولي» دور.');
  for (const m of doc.entities) assert.ok(!/^[وفبلك]/.test(m.text) || m.text === 'قسد', m.text);
  assert.deepEqual(doc.entities.map((m) => m.text), ['قسد', 'التحالف الدولي']);
});

test('describeEntity covers KB, GeoNames and minted ids', () => {
  assert.deepEqual(describeEntity(kb, 'loc:hasakah'), {
    id: 'loc:hasakah', type: 'location', name: { ar: 'الحسكة', en: 'al-Hasakah' }, coordinates: [40.7478, 36.5024],
  });
  const geonames = [...kb.entities.keys()].find((id) => id.startsWith('loc:geonames-'))!;
  assert.ok(describeEntity(kb, geonames).coordinates);
  const minted = describeEntity(kb, 'new:person:محمود-العلي');
  assert.equal(minted.type, 'person');
  assert.equal(minted.name.ar, 'محمود العلي');
  assert.equal(minted.name.en, "Mahmud al-'li");
});
