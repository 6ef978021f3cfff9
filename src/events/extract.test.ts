// The event stage on single sentences we wrote in the style of the seed pages (Syria, January 2026): one trigger
// family, one filter or one argument rule per test (docs/events.md, "Annotation guidelines").
// Tests marked `todo` state the documented behaviour the extractor does not produce yet.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Document, EventMention } from '../document.js';
import { annotateArticle, createPipelineContext } from '../pipeline.js';

const context = createPipelineContext({ ner: false });
/** Tuesday 20 January 2026: «الاثنين» is the 19th, «غداً الأربعاء» the 21st. */
const TUESDAY = '2026-01-20';

function analyse(text: string, published: string | null = TUESDAY): Document {
  return annotateArticle({ input: 'test', title: '', text, outlet: null, published, url: null }, context);
}

function eventsOf(text: string, published: string | null = TUESDAY): EventMention[] {
  return analyse(text, published).events;
}

/** The one event of this type (and mode, when given); fails when there is none or several. */
function only(events: readonly EventMention[], type: string, mode?: string): EventMention {
  const found = events.filter((e) => e.type === type && (mode === undefined || e.mode === mode));
  assert.equal(found.length, 1, `expected one ${type}${mode ? '/' + mode : ''}, got: ${events.map((e) => `${e.type}/${e.mode ?? ''}`).join(', ') || 'none'}`);
  return found[0];
}

const types = (events: readonly EventMention[]): string[] => events.map((e) => e.type).sort();
const sorted = (ids: readonly string[]): string[] => [...ids].sort();

// --- Trigger families -------------------------------------------------------------------------------------------

test('phone call: consult/phone from the caller to the one called', () => {
  const call = only(eventsOf('أجرى الرئيس أحمد الشرع اتصالاً هاتفياً بالرئيس الأميركي دونالد ترمب.'), 'consult', 'phone');
  assert.deepEqual([call.actors, call.recipients], [['person:ahmed-al-sharaa'], ['person:donald-trump']]);
});

test('phone call: «وبحثا» after the call in the same sentence tells what the call was about, no second event', () => {
  const events = eventsOf('أجرى الرئيس أحمد الشرع اتصالاً هاتفياً بالرئيس الأميركي دونالد ترمب، الاثنين، وبحثا تطورات الأوضاع في سوريا.');
  const call = only(events, 'consult');
  assert.equal(call.mode, 'phone');
  assert.deepEqual(call.recipients, ['person:donald-trump']);
});

test('phone call: the one called through «بنظيره» is the recipient', () => {
  const call = only(eventsOf('أجرى وزير الخارجية السوري أسعد الشيباني اتصالاً هاتفياً بنظيره التركي هاكان فيدان.'), 'consult', 'phone');
  assert.deepEqual([call.actors, call.recipients], [['person:asaad-al-shaibani'], ['person:hakan-fidan']]);
});

test('meeting: «التقى» is a reported consult from the visitor to the other, at the place said', () => {
  const meeting = only(eventsOf('التقى الرئيس أحمد الشرع المبعوث الأميركي توم باراك في دمشق.'), 'consult');
  assert.equal(meeting.mode, undefined);
  assert.deepEqual([meeting.actors, meeting.recipients, meeting.location], [['person:ahmed-al-sharaa'], ['person:tom-barrack'], 'loc:damascus']);
  assert.equal(meeting.status, 'reported');
});

test('future meeting: «سيجتمع غداً الأربعاء» is planned and dated the next day', () => {
  const meeting = only(eventsOf('أعلن الكرملين أن الرئيس الروسي فلاديمير بوتين سيجتمع غداً الأربعاء مع الرئيس أحمد الشرع في موسكو.'), 'consult');
  assert.equal(meeting.status, 'planned');
  assert.equal(meeting.date, '2026-01-21');
  assert.equal(meeting.location, 'loc:moscow');
  assert.deepEqual([meeting.actors, meeting.recipients], [['person:vladimir-putin'], ['person:ahmed-al-sharaa']]);
});

test('visit: «وصل ... إلى دمشق» is consult/visit by the visitor', () => {
  const visit = only(eventsOf('وصل وزير الخارجية التركي هاكان فيدان إلى دمشق في زيارة رسمية.'), 'consult', 'visit');
  assert.deepEqual(visit.actors, ['person:hakan-fidan']);
});

test('visit: the place visited is the location', () => {
  const visit = only(eventsOf('وصل وزير الخارجية التركي هاكان فيدان إلى دمشق في زيارة رسمية.'), 'consult', 'visit');
  assert.equal(visit.location, 'loc:damascus');
});

test('agreement: a ceasefire reached is agree [agreement, ceasefire] with every party an actor', () => {
  const agreement = only(eventsOf('أعلنت الحكومة السورية وقوات سوريا الديمقراطية التوصل إلى اتفاق لوقف إطلاق النار.'), 'agree');
  assert.deepEqual([...agreement.qualifiers].sort(), ['agreement', 'ceasefire']);
  assert.deepEqual(sorted(agreement.actors), ['org:sdf', 'org:syrian-government']);
  assert.deepEqual(agreement.recipients, []);
});

test('take control: «السيطرة على مدينة» is assault [territory] at the town', () => {
  const take = only(eventsOf('أعلنت هيئة العمليات في الجيش السوري السيطرة على مدينة الطبقة بريف الرقة.'), 'assault');
  assert.deepEqual(take.qualifiers, ['territory']);
  assert.equal(take.location, 'loc:tabqa');
  assert.deepEqual(take.actors, ['org:syrian-army-operations-authority']);
});

test('take control: a named facility is the location, not its province', () => {
  const take = only(eventsOf('استعاد الجيش السوري السيطرة على حقل العمر النفطي في ريف دير الزور.'), 'assault');
  assert.deepEqual([take.actors, take.location], [['org:syrian-army'], 'fac:al-omar-field']);
});

test('take control: verb–subject–object «سيطرت قسد على» is found, the subject the actor', () => {
  const take = only(eventsOf('سيطرت قوات سوريا الديمقراطية على مدينة الرقة.'), 'assault');
  assert.deepEqual([take.actors, take.location], [['org:sdf'], 'loc:raqqa']);
});

test('lose control: «خرج عن سيطرتها» is retreat/withdraw [territory] by the speaker', () => {
  const lose = only(eventsOf('قالت قوات سوريا الديمقراطية إن سد تشرين خرج عن سيطرتها بعد هجمات عنيفة.'), 'retreat', 'withdraw');
  assert.deepEqual(lose.qualifiers, ['territory']);
  assert.deepEqual([lose.actors, lose.location], [['org:sdf'], 'fac:tishrin-dam']);
});

test('clashes: a count in digits is the killed count', () => {
  const clash = only(eventsOf('قتل 4 أشخاص في اشتباكات بين الجيش السوري وقوات سوريا الديمقراطية في ريف حلب.'), 'assault');
  assert.deepEqual(clash.counts, { killed: 4 });
});

test('clashes: a count in words «ثلاثة» is the killed count', () => {
  const clash = only(eventsOf('قتل ثلاثة مدنيين في اشتباكات بين الجيش السوري وقوات سوريا الديمقراطية في ريف حلب.'), 'assault');
  assert.deepEqual(clash.counts, { killed: 3 });
});

test('drone strike: assault/heavy-weapons [aerial] with the injured count', () => {
  const strikes = eventsOf('أصيب خمسة جنود في غارة بطائرة مسيرة على مواقع الجيش السوري قرب مدينة الرقة.').filter((e) => e.qualifiers.includes('aerial'));
  assert.ok(strikes.length >= 1);
  for (const strike of strikes) {
    assert.deepEqual([strike.type, strike.mode, strike.counts], ['assault', 'heavy-weapons', { injured: 5 }]);
  }
});

test('drone strike: the army whose positions are hit is the target, not the attacker', () => {
  const strikes = eventsOf('أصيب خمسة جنود في غارة بطائرة مسيرة على مواقع الجيش السوري قرب مدينة الرقة.').filter((e) => e.type === 'assault');
  assert.ok(strikes.length >= 1);
  for (const strike of strikes) assert.ok(!strike.actors.includes('org:syrian-army'), `actors ${strike.actors}`);
  assert.ok(strikes.some((s) => s.recipients.includes('org:syrian-army')), 'the army is the target');
});

test('escape: retreat/release [escape] with no actor and the escaped group as recipient, at the prison', () => {
  const escape = only(eventsOf('قالت قوات سوريا الديمقراطية إن عدداً من عناصر تنظيم داعش فرّوا من سجن الشدادي.'), 'retreat', 'release');
  assert.deepEqual(escape.qualifiers, ['escape']);
  assert.deepEqual([escape.actors, escape.recipients, escape.location], [[], ['org:isis'], 'fac:shaddadi-prison']);
});

test('escape: the trigger span covers the whole word «فرّوا» (its ف belongs to the verb)', () => {
  const text = 'قالت قوات سوريا الديمقراطية إن عدداً من عناصر تنظيم داعش فرّوا من سجن الشدادي.';
  const escape = only(eventsOf(text), 'retreat', 'release');
  assert.equal(text.slice(escape.trigger.start, escape.trigger.end), 'فرّوا');
});

test('release: subject–verb «قسد أطلقت سراح» makes the subject the releaser and the released the recipient', () => {
  const release = only(eventsOf('قالت وزارة الداخلية السورية إن قوات سوريا الديمقراطية أطلقت سراح عناصر من تنظيم داعش.'), 'retreat', 'release');
  assert.deepEqual([release.actors, release.recipients], [['org:sdf'], ['org:isis']]);
});

test('release: verb–subject «أطلقت قسد سراح» is found, the subject the releaser', () => {
  const release = only(eventsOf('أطلقت قوات سوريا الديمقراطية سراح 50 موقوفاً من أبناء العشائر.'), 'retreat', 'release');
  assert.deepEqual([release.actors, release.counts], [['org:sdf'], { released: 50 }]);
});

test('arrest: coerce/arrest by the arrester with the detained count', () => {
  const arrest = only(eventsOf('وألقت وزارة الداخلية السورية القبض على 15 من عناصر تنظيم داعش.'), 'coerce', 'arrest');
  assert.deepEqual([arrest.actors, arrest.counts], [['org:syrian-interior-ministry'], { detained: 15 }]);
});

test('arrest: «اعتقلت ... 15 عنصراً» counts 15 detained (the arrester\'s name counts as one word before the number)', () => {
  const arrest = only(eventsOf('اعتقلت وزارة الداخلية السورية 15 عنصراً من تنظيم داعش في ريف دمشق.'), 'coerce', 'arrest');
  assert.deepEqual(arrest.counts, { detained: 15 });
});

test('curfew: coerce/curfew by who imposes it, at the town', () => {
  const curfew = only(eventsOf('فرضت قوات الأمن الداخلي حظر تجول في مدينة الحسكة.'), 'coerce', 'curfew');
  assert.deepEqual([curfew.actors, curfew.location], [['org:syrian-interior-ministry'], 'loc:hasakah']);
});

test('detainee transfer: cooperate from the transferring party to the receiving country, «ما يصل إلى سبعة آلاف» = 7000', () => {
  const transfer = only(eventsOf('بدأت الولايات المتحدة نقل ما يصل إلى سبعة آلاف معتقل من سوريا إلى العراق.'), 'cooperate');
  assert.deepEqual([transfer.actors, transfer.recipients, transfer.location], [['loc:united-states'], ['loc:iraq'], 'loc:syria']);
  assert.deepEqual(transfer.counts, { transferred: 7000 });
});

test('sanctions imposed: sanction/discontinue by the imposer', () => {
  const sanction = only(eventsOf('فرضت وزارة الخزانة الأميركية عقوبات جديدة على قادة في تنظيم داعش.'), 'sanction', 'discontinue');
  assert.deepEqual(sanction.actors, ['org:us-treasury']);
});

test('sanctions suspended: «تعليق العمل بقانون قيصر» is retreat, not sanction', () => {
  const events = eventsOf('قرر الرئيس ترمب تعليق العمل بقانون قيصر لمدة 180 يوماً.');
  assert.deepEqual(types(events), ['retreat']);
  assert.deepEqual(events[0].actors, ['person:donald-trump']);
});

test('joining an alliance: cooperate [alliance] from the joiner to the alliance', () => {
  const join = only(eventsOf('أعلنت سوريا انضمامها إلى التحالف الدولي لمكافحة داعش.'), 'cooperate');
  assert.deepEqual(join.qualifiers, ['alliance']);
  assert.deepEqual([join.actors, join.recipients], [['loc:syria'], ['org:anti-isis-coalition']]);
});

test('accusation: verb–subject–object «اتهمت الحكومة قسد» is accuse/allege from accuser to accused', () => {
  const accuse = only(eventsOf('اتهمت الحكومة السورية قوات سوريا الديمقراطية بخرق الاتفاق.'), 'accuse', 'allege');
  assert.deepEqual([accuse.actors, accuse.recipients], [['org:syrian-government'], ['org:sdf']]);
});

test('condemnation: «أدانت» is accuse/disapprove by the critic', () => {
  const condemn = only(eventsOf('أدانت وزارة الخارجية السورية الغارات الإسرائيلية على ريف دمشق.'), 'accuse', 'disapprove');
  assert.deepEqual(condemn.actors, ['org:syrian-foreign-ministry']);
});

test('condemnation: the critic is not made the doer of the strikes it condemns', () => {
  const events = eventsOf('أدانت وزارة الخارجية السورية الغارات الإسرائيلية على ريف دمشق.');
  for (const e of events.filter((x) => x.type === 'assault')) assert.ok(!e.actors.includes('org:syrian-foreign-ministry'), `actors ${e.actors}`);
});

test('request: «طالبت X Y ب» is request from who asks to who is asked', () => {
  const request = only(eventsOf('طالبت الحكومة السورية الولايات المتحدة برفع العقوبات.'), 'request');
  assert.deepEqual([request.actors, request.recipients], [['org:syrian-government'], ['loc:united-states']]);
});

test('rejection: «رفضت» is reject from who refuses to whose proposal', () => {
  const reject = only(eventsOf('رفضت قوات سوريا الديمقراطية مقترح الحكومة السورية.'), 'reject');
  assert.deepEqual([reject.actors, reject.recipients], [['org:sdf'], ['org:syrian-government']]);
});

test('threat: «هددت X Y» is threaten, and the «أي هجوم» it names is no attack', () => {
  const events = eventsOf('هددت إسرائيل الحكومة السورية بالرد على أي هجوم.');
  assert.deepEqual(types(events), ['threaten']);
  assert.deepEqual([events[0].actors, events[0].recipients], [['loc:israel'], ['org:syrian-government']]);
});

test('support: «رحبت ب» is support for what is welcomed', () => {
  const support = only(eventsOf('رحبت وزارة الخارجية السورية بقرار مجلس الأمن.'), 'support');
  assert.deepEqual([support.actors, support.recipients], [['org:syrian-foreign-ministry'], ['org:un-security-council']]);
});

test('aid: «قدمت مساعدات إنسانية» is aid by the giver, at the place', () => {
  const aid = only(eventsOf('قدمت الأمم المتحدة مساعدات إنسانية للنازحين في مدينة الحسكة.'), 'aid');
  assert.deepEqual([aid.actors, aid.location], [['org:un'], 'loc:hasakah']);
});

test('deployment: «نشر وحدات» is mobilize/troops by who deploys, at the place', () => {
  const deploy = only(eventsOf('أعلن الجيش السوري نشر وحدات في مدينة الرقة.'), 'mobilize', 'troops');
  assert.deepEqual([deploy.actors, deploy.location], [['org:syrian-army'], 'loc:raqqa']);
});

test('protest: «مظاهرة» is protest/demo at the town', () => {
  const protest = only(eventsOf('خرجت مظاهرة في مدينة القامشلي.'), 'protest', 'demo');
  assert.equal(protest.location, 'loc:qamishli');
});

test('protest: the government protested against is the target, not a protester', () => {
  const protest = only(eventsOf('خرجت مظاهرة في مدينة القامشلي ضد الحكومة السورية.'), 'protest', 'demo');
  assert.deepEqual([protest.actors, protest.recipients], [[], ['org:syrian-government']]);
});

// --- Not events -------------------------------------------------------------------------------------------------

test('negation «لم» right before the verb: no clash', () => {
  assert.equal(eventsOf('سجلت اشتباكات في محيط مدينة الحسكة.').length, 1, 'control sentence');
  assert.deepEqual(eventsOf('لم تسجل اشتباكات في محيط مدينة الحسكة.'), []);
});

test('negation «لم» with a named subject between it and the trigger: no clash (a name counts as one word)', () => {
  assert.deepEqual(eventsOf('لم تشهد مدينة الحسكة اشتباكات خلال الليل.'), []);
});

test('negation «لم يتم التوصل إلى اتفاق»: no agreement', () => {
  assert.equal(eventsOf('تم التوصل إلى اتفاق بشأن معبر اليعربية.').length, 1, 'control sentence');
  assert.deepEqual(eventsOf('لم يتم التوصل إلى اتفاق بشأن معبر اليعربية.'), []);
});

test('negation «لن»: no meeting', () => {
  assert.equal(eventsOf('يلتقي الرئيس أحمد الشرع المبعوث الأميركي توم باراك في دمشق.').length, 1, 'control sentence');
  assert.deepEqual(eventsOf('لن يلتقي الرئيس أحمد الشرع المبعوث الأميركي توم باراك في دمشق.'), []);
});

test('denial «نفت ... أن تكون قد اعتقلت»: no arrest', () => {
  assert.equal(eventsOf('اعتقلت وزارة الداخلية السورية صحافيين في مدينة الحسكة.').length, 1, 'control sentence');
  assert.deepEqual(eventsOf('نفت وزارة الداخلية السورية أن تكون قد اعتقلت صحافيين في مدينة الحسكة.'), []);
});

test('conditional «إذا لم ... فإن قواته ستشن هجوماً»: no attack', () => {
  assert.equal(eventsOf('قال الجيش السوري إن قواته شنت هجوماً على مواقع قسد قرب سد تشرين.').length, 1, 'control sentence');
  assert.deepEqual(eventsOf('قال الجيش السوري إنه إذا لم تنسحب قسد من سد تشرين فإن قواته ستشن هجوماً على مواقعها.'), []);
});

test('question «؟»: no meeting', () => {
  assert.equal(eventsOf('التقى الرئيس أحمد الشرع المبعوث الأميركي توم باراك في دمشق.').length, 1, 'control sentence');
  assert.deepEqual(eventsOf('هل التقى الرئيس أحمد الشرع المبعوث الأميركي توم باراك في دمشق؟'), []);
});

test('purpose «للمطالبة»: the protest is an event, the demand it is for is not', () => {
  assert.deepEqual(types(eventsOf('خرجت مظاهرة في مدينة القامشلي للمطالبة بعودة المهجرين.')), ['protest']);
});

test('embedded «بتسهيل فرار»: the accusation is an event, the alleged escape is not', () => {
  assert.deepEqual(types(eventsOf('اتهم الجيش السوري قوات سوريا الديمقراطية بتسهيل فرار عناصر تنظيم داعش.')), ['accuse']);
});

test('called for «دعا إلى وقف إطلاق النار»: a request, not an agreement', () => {
  assert.deepEqual(types(eventsOf('دعا المبعوث الأممي إلى وقف إطلاق النار في محيط سد تشرين.')), ['request']);
});

test('history «في عام 2017» in a 2026 article: not an event; in a 2017 article it is', () => {
  const text = 'وكانت قوات سوريا الديمقراطية قد سيطرت على مدينة الرقة في عام 2017.';
  assert.deepEqual(eventsOf(text, TUESDAY), []);
  assert.deepEqual(types(eventsOf(text, '2017-10-21')), ['assault']);
});

// --- Dates ------------------------------------------------------------------------------------------------------

test('date: a weekday before publication is that day («الاثنين» in a Tuesday article)', () => {
  const call = only(eventsOf('أجرى الرئيس أحمد الشرع اتصالاً هاتفياً بالرئيس الأميركي دونالد ترمب، الاثنين.'), 'consult', 'phone');
  assert.equal(call.date, '2026-01-19');
});

test('date: «أمس» is the day before publication', () => {
  const call = only(eventsOf('أجرى الرئيس أحمد الشرع اتصالاً هاتفياً بالرئيس الأميركي دونالد ترمب أمس.'), 'consult', 'phone');
  assert.equal(call.date, '2026-01-19');
});

test('date: none said is null, not the publication date', () => {
  const call = only(eventsOf('أجرى الرئيس أحمد الشرع اتصالاً هاتفياً بالرئيس الأميركي دونالد ترمب.'), 'consult', 'phone');
  assert.equal(call.date, null);
});

test('date: the date of another clause («الذي أعلن يوم الأحد») is not the call\'s', () => {
  const call = only(eventsOf('أجرى الرئيس أحمد الشرع اتصالاً هاتفياً بالرئيس الأميركي دونالد ترمب، بعد اتفاق وقف إطلاق النار الذي أعلن يوم الأحد.'), 'consult', 'phone');
  assert.equal(call.date, null);
});

test('date: the day of the announcement («أعلن الكرملين الأحد») is not the planned meeting\'s', () => {
  const meeting = only(eventsOf('أعلن الكرملين الأحد أن الرئيس الروسي فلاديمير بوتين سيجتمع مع الرئيس أحمد الشرع في موسكو.'), 'consult');
  assert.equal(meeting.status, 'planned');
  assert.equal(meeting.date, null);
});

// --- Roles ------------------------------------------------------------------------------------------------------

test('roles: «بين X وY» makes both sides actors of the clash', () => {
  const clash = only(eventsOf('قتل 4 أشخاص في اشتباكات بين الجيش السوري وقوات سوريا الديمقراطية في ريف حلب.'), 'assault');
  assert.deepEqual([sorted(clash.actors), clash.recipients], [['org:sdf', 'org:syrian-army'], []]);
});

test('roles: «الطرفان» after a call are the call\'s two parties', () => {
  const events = eventsOf('أجرى الرئيس أحمد الشرع اتصالاً هاتفياً بالرئيس الأميركي دونالد ترمب. واتفق الطرفان على مواصلة التنسيق.');
  const agreement = only(events, 'agree');
  assert.deepEqual(sorted(agreement.actors), ['person:ahmed-al-sharaa', 'person:donald-trump']);
});

const SDF_LOSSES = 'قالت قوات سوريا الديمقراطية إن 9 من مقاتليها قتلوا في اشتباكات مع فصائل تابعة للحكومة قرب سجن الأقطان.';

test('roles: a group named by its patron «فصائل تابعة للحكومة» is the patron', () => {
  const clash = only(eventsOf(SDF_LOSSES), 'assault');
  assert.deepEqual(clash.actors, ['org:syrian-government']);
});

test('roles: «9 من مقاتليها» makes the speaker the recipient, with the killed count', () => {
  const clash = only(eventsOf(SDF_LOSSES), 'assault');
  assert.deepEqual([clash.recipients, clash.counts, clash.location], [['org:sdf'], { killed: 9 }, 'fac:aqtan-prison']);
});

// --- Attribution ------------------------------------------------------------------------------------------------

test('attribution: «بحسب بيان للرئاسة السورية» credits the presidency', () => {
  const call = only(eventsOf('أجرى الرئيس أحمد الشرع اتصالاً هاتفياً بالرئيس الأميركي دونالد ترمب، الأحد، بحسب بيان للرئاسة السورية.'), 'consult', 'phone');
  assert.equal(call.attribution, 'org:syrian-presidency');
});

test('attribution: «أعلنت هيئة العمليات ... السيطرة» credits the announcer', () => {
  const take = only(eventsOf('أعلنت هيئة العمليات في الجيش السوري السيطرة على مدينة الطبقة بريف الرقة.'), 'assault');
  assert.equal(take.attribution, 'org:syrian-army-operations-authority');
});

test('attribution: the article\'s own voice is null', () => {
  const meeting = only(eventsOf('التقى الرئيس أحمد الشرع المبعوث الأميركي توم باراك في دمشق.'), 'consult');
  assert.equal(meeting.attribution, null);
});

// --- Robustness -------------------------------------------------------------------------------------------------

test('robustness: empty text gives no events', () => {
  assert.deepEqual(eventsOf(''), []);
});

test('robustness: non-Arabic text gives no events', () => {
  assert.deepEqual(eventsOf('The Syrian army took control of Tabqa on Monday after clashes with the SDF.'), []);
});

test('robustness: only punctuation gives no events', () => {
  assert.deepEqual(eventsOf('،،، ... ؟؟ !!! «» - ؛'), []);
});

test('robustness: a 100,000-character line without a full stop does not throw', () => {
  const filler = 'وأفاد مراسلون بأن الأوضاع هادئة في أحياء المدينة ';
  const text = 'اشتباكات بين الجيش السوري وقوات سوريا الديمقراطية ' + filler.repeat(Math.ceil(100_000 / filler.length)).slice(0, 100_000);
  const doc = analyse(text);
  assert.equal(doc.events.filter((e) => e.type === 'assault').length, 1);
  for (const e of doc.events) assert.ok(e.start >= 0 && e.end <= text.length && e.trigger.start >= e.start && e.trigger.end <= e.end);
});

test('robustness: an article without a publication date still gives its event', () => {
  const events = eventsOf('أجرى الرئيس أحمد الشرع اتصالاً هاتفياً بالرئيس الأميركي دونالد ترمب أمس.', null);
  assert.equal(events.length, 1);
});
