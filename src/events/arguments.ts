// Who did it, to whom, and where: actors, recipients and location of one trigger, from the entity mentions of its
// sentence and the words that introduce them (Arabic verb–subject–object order, prepositions, «بين X وY», «الطرفان»).
// Input: the document view, the trigger's token range and spec, who is speaking there. Output: EventArguments.
import type { EntityMention, PloverType } from '../document.js';
import { normalizeForMatch } from '../arabic/normalize.js';
import type { DocumentView } from './context.js';
import { isBoundary } from './context.js';
import { anyPhraseAt, type EventLexicon, type TriggerSpec } from './lexicon.js';

export interface EventArguments {
  actors: string[];
  recipients: string[];
  location: string | null;
}

/** Who else the text around the trigger points at: the claim's speaker, the announcer, the last event's parties. */
export interface ArgumentContext {
  speaker: string | null;
  previousParties: string[];
  /** The article's institution named by a bare head noun («الحكومة» → its country's government), or null. */
  institution: (head: string) => string | null;
  /** Whether a place can act: countries and capitals standing for their governments, not towns. */
  actsAsParty: (entityId: string) => boolean;
}

const AFTER_WINDOW = 12;
const BEFORE_WINDOW = 40;
const TITLE_LOOKBACK = 3;
const ANAPHOR_WINDOW = 4;
/** «هجمات متكررة نفذتها فصائل»: the doer's introducer follows the trigger closely. */
const INTRODUCER_WINDOW = 3;
const PREPOSITION_WORDS = new Set(['مع', 'علي', 'الي', 'بين', 'عن', 'في', 'من', 'قرب', 'داخل', 'حول', 'نحو', 'لدي', 'عند', 'ضد'].map(normalizeForMatch));
const PROCLITIC_PREPOSITIONS = ['ب', 'ل', 'ك'];
const WITH = normalizeForMatch('مع');
const BETWEEN = normalizeForMatch('بين');
const TO = normalizeForMatch('الي');
/** «ضد الحكومة»: whoever an act is against is its target, whatever the act. */
const AGAINST = normalizeForMatch('ضد');
const COMMAS = new Set(['،', ',']);
/** Words after a trigger that introduce its doer: «هجمات نفذتها فصائل», «من قبل قسد». */
const AGENT_INTRODUCERS = new Set(['نفذتها', 'نفذها', 'شنتها', 'شنها', 'قبل'].map(normalizeForMatch));
/** Directed speech acts: with the speaker named before, the one name after the verb is the addressee. */
const DIRECTED: ReadonlySet<PloverType> = new Set(['accuse', 'threaten', 'request']);

interface Candidate {
  mention: EntityMention;
  first: number;
  end: number;
  /** The preposition that introduces the mention (directly or through title words), or "" for none. */
  preposition: string;
  /** Preceded by a place head noun («مدينة الشدادي»). */
  headed: boolean;
}

function innermostPreposition(prefix: string): string {
  for (let k = prefix.length - 1; k >= 0; k--) if (PROCLITIC_PREPOSITIONS.includes(prefix[k])) return prefix[k];
  return '';
}

/** The preposition in front of a mention, looking through up to three title or head words («بالرئيس الأميركي ترمب»). */
function introduction(view: DocumentView, first: number, lexicon: EventLexicon): { preposition: string; headed: boolean } {
  const { tokens, mentionAt } = view;
  // A proclitic counts only when the entity layer left it outside the name («بالرئيس», but not the ب of «براد»).
  const startsAfterClitic = (mentionAt[first]?.start ?? tokens[first].start) > tokens[first].start;
  const own = startsAfterClitic ? innermostPreposition(tokens[first].prefix) : '';
  if (own) return { preposition: own, headed: false };
  // «في عين عيسى والشدادي والرقة»: a conjunct shares the first conjunct's preposition.
  const previous = first > 0 ? mentionAt[first - 1] : undefined;
  if (tokens[first].prefix.startsWith('و') && previous) {
    const range = view.mentionTokens.get(previous);
    if (range) return introduction(view, range[0], lexicon);
  }
  let headed = false;
  for (let i = first - 1, n = 0; i >= 0 && n < TITLE_LOOKBACK; i--, n++) {
    const t = tokens[i];
    if (t.kind !== 'word' || mentionAt[i]) break;
    const head = anyPhraseAt(tokens, i, lexicon.placeHeads) > 0;
    headed ||= head;
    if (PREPOSITION_WORDS.has(t.norm)) return { preposition: t.norm, headed };
    // A title word carries the preposition («بالرئيس»); a verb whose first letter was read as one («وكانت») does not.
    const titleLike = t.stem.startsWith('ال') || anyPhraseAt(tokens, i, lexicon.counterparts) > 0;
    const clitic = titleLike ? innermostPreposition(t.prefix) : '';
    if (clitic) return { preposition: clitic, headed };
    // «على مواقع الجيش»: the preposition reaches the party through what of it is hit.
    if (!head && !t.stem.startsWith('ال') && anyPhraseAt(tokens, i, lexicon.targetHeads) === 0) break;
  }
  return { preposition: '', headed };
}

function candidatesIn(view: DocumentView, from: number, to: number, lexicon: EventLexicon): Candidate[] {
  const ranges = view.mentionRanges;
  // Binary search for the first mention starting at `from`: a long article must not cost mentions × triggers.
  let lo = 0;
  let hi = ranges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ranges[mid].first < from) lo = mid + 1;
    else hi = mid;
  }
  const out: Candidate[] = [];
  for (let k = lo; k < ranges.length && ranges[k].first < to; k++) {
    const { mention, first, end } = ranges[k];
    if (end <= to) out.push({ mention, first, end, ...introduction(view, first, lexicon) });
  }
  return out;
}

/** The article's most mentioned organisation whose name starts with this head («حكومه» → الحكومة السورية). */
export function dominantOrganization(view: DocumentView, head: string): string | null {
  if (head.length < 3) return null;
  const counts = new Map<string, number>();
  for (const m of view.doc.entities) {
    if (m.type !== 'organization') continue;
    const first = normalizeForMatch(m.text).split(/\s+/)[0].replace(/^ال/, '');
    if (first === head) counts.set(m.entityId, (counts.get(m.entityId) ?? 0) + 1);
  }
  let best: string | null = null;
  for (const [id, n] of counts) if (best === null || n > counts.get(best)!) best = id;
  return best;
}

/** The organisation a patron phrase names («فصائل تابعة للحكومة» → the article's government), from token `at`. */
function patronOf(view: DocumentView, at: number, lexicon: EventLexicon, around: ArgumentContext): string | null {
  const { tokens } = view;
  for (let i = at; i < Math.min(tokens.length, at + 4); i++) {
    const n = anyPhraseAt(tokens, i, lexicon.patronWords);
    if (n === 0) continue;
    const next = i + n;
    if (next >= tokens.length) return null;
    return view.mentionAt[next]?.entityId ?? around.institution(tokens[next].bare);
  }
  return null;
}

export function eventArguments(view: DocumentView, first: number, end: number, spec: TriggerSpec, lexicon: EventLexicon, around: ArgumentContext): EventArguments {
  const { tokens, sentenceRange, sentenceOf } = view;
  const [sentenceFirst, sentenceEnd] = sentenceRange[sentenceOf[first]];
  // The clause before the trigger, at most BEFORE_WINDOW tokens (a page without full stops is one huge sentence).
  let clauseFirst = first;
  while (clauseFirst > sentenceFirst && first - clauseFirst < BEFORE_WINDOW && !isBoundary(tokens[clauseFirst - 1])) clauseFirst--;
  const afterEnd = Math.min(sentenceEnd, end + AFTER_WINDOW);
  const before = candidatesIn(view, clauseFirst, first, lexicon);
  const after = candidatesIn(view, end, afterEnd, lexicon);
  const isPlace = (c: Candidate): boolean =>
    c.mention.type === 'facility' || (c.mention.type === 'location' && (c.preposition !== '' || c.headed));
  const isAgent = (c: Candidate): boolean => lexicon.agentiveTypes.has(c.mention.type) && !isPlace(c) && (c.mention.type !== 'location' || around.actsAsParty(c.mention.entityId));

  const actors: string[] = [];
  const recipients: string[] = [];
  const add = (list: string[], id: string | null | undefined): void => {
    if (id && !actors.includes(id) && !recipients.includes(id)) list.push(id);
  };

  // «الطرفان», «الجانبين»: the two parties named last in the sentence, else the previous event's.
  const anaphor = findNear(first, end, sentenceFirst, sentenceEnd, (i) => anyPhraseAt(tokens, i, lexicon.dualAnaphora) > 0);
  if (anaphor >= 0) {
    const named = candidatesIn(view, Math.max(sentenceFirst, anaphor - BEFORE_WINDOW), anaphor, lexicon).filter(isAgent).map((c) => c.mention.entityId);
    const distinct = [...new Set(named)].slice(-2);
    for (const id of distinct.length === 2 ? distinct : around.previousParties) add(actors, id);
  }
  // «رفضها», «سيطرتها»: the pronoun on the trigger is whoever is speaking there.
  const head = tokens[end - 1];
  if (/(ها|هم)$/.test(head.norm) && head.norm.length > 4 && around.speaker) add(actors, around.speaker);
  // «وإن قواته اعتقلت»: the speaker's own forces act.
  if (actors.length === 0 && around.speaker && first > 0 && anyPhraseAt(tokens, first - 1, lexicon.ownForces) > 0) add(actors, around.speaker);
  // «بين X وY» right after the trigger: all the coordinated parties act.
  if (tokens[end]?.norm === BETWEEN) for (const c of after.filter(isAgent).slice(0, 3)) add(actors, c.mention.entityId);
  // An explicit doer after the trigger («نفذتها فصائل تابعة للحكومة»), or the other side of a clash («مع فصائل تابعة»).
  for (let i = end; i < Math.min(afterEnd, end + INTRODUCER_WINDOW) && actors.length === 0; i++) {
    const introducer = AGENT_INTRODUCERS.has(tokens[i].norm) || (tokens[i].norm === WITH && spec.type === 'assault');
    if (!introducer) continue;
    const named = after.find((c) => c.first > i && c.first <= i + 3 && isAgent(c));
    add(actors, named?.mention.entityId ?? patronOf(view, i + 1, lexicon, around));
  }
  const plainAfter = after.filter((c) => isAgent(c) && c.preposition === '');
  let clauseEnd = end;
  while (clauseEnd < afterEnd && !isBoundary(tokens[clauseEnd]) && !COMMAS.has(tokens[clauseEnd].text)) clauseEnd++;
  const plainInClause = plainAfter.filter((c) => c.first < clauseEnd);
  const plainBefore = before.filter((c) => isAgent(c) && c.preposition === '');
  // «اعتقال عناصر داعش», «نقل معتقلي داعش»: the name in construct with the verbal noun is what is done to.
  if (spec.objectAfter && plainAfter[0] && plainAfter[0].first <= end + 2) add(recipients, plainAfter[0].mention.entityId);
  // Subject–verb order: a name right before a verb is its subject («قسد أطلقت سراح»).
  const subjectBefore = plainBefore[plainBefore.length - 1];
  if (actors.length === 0 && spec.roles === 'verb' && subjectBefore && subjectBefore.end >= first - 1) {
    add(actors, subjectBefore.mention.entityId);
    if (plainAfter[0] && plainAfter[0].first <= end + 3) add(recipients, plainAfter[0].mention.entityId);
  }
  if (actors.length === 0 && spec.roles === 'verb' && !spec.objectAfter) {
    const placeholder = tokens[end] && !view.mentionAt[end] && anyPhraseAt(tokens, end, lexicon.subjectPlaceholders) > 0;
    const addressee = plainInClause.length === 1 ? plainInClause[0].mention.entityId : placeholder ? around.institution(tokens[end].bare) : null;
    if (DIRECTED.has(spec.type) && around.speaker && addressee && addressee !== around.speaker && plainInClause.length <= 1) {
      // «متهمةً الحكومة»: the speaker accuses, warns or asks the one party named after the verb.
      add(actors, around.speaker);
      add(recipients, addressee);
    } else if (placeholder) {
      const bare = tokens[end].bare;
      add(actors, bare === normalizeForMatch('بيان') ? around.speaker : around.institution(bare));
      if (plainAfter[0] && plainAfter[0].first <= end + 3) add(recipients, plainAfter[0].mention.entityId);
    } else if (plainAfter.length > 0 && plainAfter[0].first <= end + 4) {
      add(actors, plainAfter[0].mention.entityId);
      // Verb–subject–object: a second bare name right after the subject is the object («اتهمت الحكومة قسد»).
      const object = plainAfter[1];
      if (object && object.first <= plainAfter[0].end + 3) add(recipients, object.mention.entityId);
    }
  }
  if (actors.length === 0 && plainBefore.length > 0) {
    // «الحكومة السورية وقوات سوريا الديمقراطية ... التوصل»: every conjunct of the subject acts.
    let k = plainBefore.length - 1;
    while (k > 0 && tokens[plainBefore[k].first].prefix.startsWith('و') && plainBefore[k - 1].end === plainBefore[k].first) k--;
    for (const c of plainBefore.slice(k)) add(actors, c.mention.entityId);
  }
  if (actors.length === 0 && spec.roles === 'noun' && !spec.objectAfter && plainAfter.length > 0 && plainAfter[0].first <= end + 4) add(actors, plainAfter[0].mention.entityId);

  const isObject = (c: Candidate): boolean => spec.objectPreps.includes(c.preposition);
  for (const c of after) if ((isObject(c) || c.preposition === AGAINST) && isAgent(c)) add(recipients, c.mention.entityId);
  // «من سوريا إلى العراق»: the country things go to receives them.
  if (spec.objectPreps.includes(TO)) for (const c of after) if (c.preposition === TO && c.mention.type === 'location') add(recipients, c.mention.entityId);
  if (spec.allActors) actors.push(...recipients.splice(0));
  // Escapees are the ones the act is about; nobody is said to have freed them.
  if (spec.qualifiers.includes('escape')) {
    for (const id of actors.splice(0)) if (!recipients.includes(id)) recipients.push(id);
  }
  const places = [...after.filter(isPlace), ...before.filter(isPlace).reverse()].filter((c) => !recipients.includes(c.mention.entityId));
  const facility = places.find((c) => c.mention.type === 'facility');
  const location = (facility ?? places[0])?.mention.entityId ?? null;
  return { actors, recipients, location };
}

/** The nearest token within ANAPHOR_WINDOW of the trigger, in its sentence, that satisfies `test`; else -1. */
function findNear(first: number, end: number, sentenceFirst: number, sentenceEnd: number, test: (i: number) => boolean): number {
  for (let d = 0; d < ANAPHOR_WINDOW; d++) {
    if (end + d < sentenceEnd && test(end + d)) return end + d;
    if (first - 1 - d >= sentenceFirst && test(first - 1 - d)) return first - 1 - d;
  }
  return -1;
}
