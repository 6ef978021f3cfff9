// Stage: finds the events an article reports (PLOVER types, docs/events.md): trigger words, then whether they state
// something that happened, then who, to whom, where, when, how many, and on whose word.
// Input: a Document with tokens, sentences, entities, times, quantities and claims. Output: the Document with `events`.
import type { ClaimMention, Document, EventCounts, EventMention, Token } from '../document.js';
import type { KnowledgeBase } from '../kb/kb.js';
import { sideOf } from '../contradictions/parties.js';
import { viewOf, type DocumentView } from './context.js';
import { anyPhraseAt, candidateTriggers, loadEventLexicon, phraseAt, type EventLexicon, type TriggerSpec } from './lexicon.js';
import { dropReason, isPlanned } from './modality.js';
import { dominantOrganization, eventArguments } from './arguments.js';
import { normalizeForMatch } from '../arabic/normalize.js';
import { addCount, sentenceCounts, type SentenceCount } from './counts.js';

/** Event types that take a stance on another act (condemn, reject, accuse) rather than do it. */
const STANCES = new Set(['accuse', 'reject']);

interface TriggerMatch {
  spec: TriggerSpec;
  first: number;
  end: number;
  /** Where the scan for the next trigger goes on: `end`, or past the words of the form after a subject. */
  resume: number;
}

/** Places that act for a government: a country (no partOf in the knowledge base) or a side's capital. */
export function placeActsAsParty(kb: KnowledgeBase | null): (entityId: string) => boolean {
  return (id) => {
    if (sideOf(id) !== id) return true;
    const entity = kb?.getEntity(id);
    return entity ? !entity.partOf : !id.startsWith('loc:geonames-');
  };
}

/**
 * «الحكومة», «الجيش» without a name: the article's own mention of such a body, else the knowledge base's body of
 * that head for the country the article's named entities belong to most.
 */
function institutionResolver(view: DocumentView, kb: KnowledgeBase | null): (head: string) => string | null {
  let country: string | null | undefined;
  const resolved = new Map<string, string | null>();
  return (head) => {
    if (resolved.has(head)) return resolved.get(head)!;
    const id = resolveInstitution(head);
    resolved.set(head, id);
    return id;
  };
  function resolveInstitution(head: string): string | null {
    const named = dominantOrganization(view, head);
    if (named || !kb) return named;
    if (country === undefined) {
      const counts = new Map<string, number>();
      for (const m of view.doc.entities) {
        const c = kb.getEntity(m.entityId)?.country;
        if (c) counts.set(c, (counts.get(c) ?? 0) + 1);
      }
      country = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
    }
    if (!country) return null;
    let best: { id: string; length: number } | null = null;
    for (const entity of kb.entities.values()) {
      if (entity.type !== 'organization' || entity.country !== country) continue;
      const first = normalizeForMatch(entity.name.ar).split(/\s+/)[0].replace(/^ال/, '');
      if (first === head && (!best || entity.name.ar.length < best.length)) best = { id: entity.id, length: entity.name.ar.length };
    }
    return best?.id ?? null;
  }
}

export function annotateEvents(doc: Document, kb: KnowledgeBase | null = null, lexicon: EventLexicon = loadEventLexicon()): Document {
  const actsAsParty = placeActsAsParty(kb);
  const view = viewOf(doc);
  const institution = institutionResolver(view, kb);
  const events: EventMention[] = [];
  const countsBySentence = new Map<number, SentenceCount[]>();
  for (const match of findTriggers(view, lexicon)) {
    if (dropReason(view, match.first, match.spec, lexicon)) continue;
    const { tokens, sentenceRange, sentenceOf } = view;
    const s = sentenceOf[match.first];
    const [sentenceFirst, sentenceEnd] = sentenceRange[s];
    // The trigger starts after its proclitics, unless the whole word matched («فرّوا»: ف is a letter of the verb).
    const head = tokens[match.first];
    const wholeWord = match.spec.forms.some((form) => form[0].text === head.norm && !form[0].prefix);
    const trigger = { start: wholeWord ? head.start : head.stemStart, end: tokens[match.end - 1].end };
    const claim = claimAround(doc.claims, trigger.start);
    // «نفت الوزارة أن تكون قد اعتقلت»: what a denial covers did not happen, on the denier's word.
    if (claim?.stance === 'deny') continue;
    // The announcing entity when no claim names a speaker (asked once: it serves as speaker and as attribution).
    const announced = claim?.speaker == null ? announcer(view, match, lexicon) : null;
    const speaker = claim?.speaker ?? announced ?? lastSpeakerBefore(doc.claims, trigger.start);
    const previous = events[events.length - 1];
    const args = eventArguments(view, match.first, match.end, match.spec, lexicon, {
      speaker, previousParties: previous ? [...previous.actors, ...previous.recipients] : [], actsAsParty, institution,
    });
    const sameSentence = previous !== undefined && previous.start === tokens[sentenceFirst].start;
    // «أدانت الخارجية السورية الغارات الإسرائيلية»: who condemns, rejects or accuses over an act named after it is not
    // its doer.
    if (sameSentence && match.spec.roles === 'noun' && STANCES.has(previous.type)) {
      args.actors = args.actors.filter((id) => !previous.actors.includes(id));
    }
    if (match.spec.onlyWithEntity && args.actors.length + args.recipients.length === 0) continue;
    // «أجرى الشرع اتصالاً هاتفياً بترمب ... وبحثا تطورات»: a verb joined by و/ف to an event of its type in the same
    // sentence, among the same parties and saying nothing more specific (no mode of its own), tells more of that event.
    // «زيارة إلى واشنطن، يلتقي خلالها ...» is not joined so: the meetings are events of their own.
    if (sameSentence && previous.type === match.spec.type && /^[وف]/.test(head.prefix)
      && (!match.spec.mode || match.spec.mode === previous.mode) && restatesParties(previous, args)) continue;
    // «حذر» names its addressee («حذرت الحكومة قسد من») or what it warns against («حذرت من استخدام ...»).
    if (match.spec.type === 'threaten' && args.recipients.length === 0 && tokens[match.end]?.norm !== 'من' && tokens[match.end + 1]?.norm !== 'من') continue;
    const planned = isPlanned(view, match.first, match.end, lexicon);
    const event: EventMention = {
      start: tokens[sentenceFirst].start, end: tokens[sentenceEnd - 1].end,
      type: match.spec.type, ...(match.spec.mode ? { mode: match.spec.mode } : {}),
      qualifiers: [...match.spec.qualifiers, ...extraQualifiers(view, match)],
      trigger, actors: args.actors, recipients: args.recipients, location: args.location,
      date: eventDate(view, match, planned, lexicon), counts: {}, attribution: claim?.speaker ?? announced,
      status: planned ? 'planned' : 'reported',
    };
    if (isHistory(event.date ?? sentenceYear(view, match), doc.published)) continue;
    if (!countsBySentence.has(s)) countsBySentence.set(s, sentenceCounts(view, s, lexicon));
    assignCounts(event, countsBySentence.get(s)!, claim);
    events.push(event);
  }
  return { ...doc, events };
}

function restatesParties(previous: EventMention, args: { actors: readonly string[]; recipients: readonly string[] }): boolean {
  const parties = new Set([...previous.actors, ...previous.recipients]);
  return [...args.actors, ...args.recipients].every((id) => parties.has(id));
}

function findTriggers(view: DocumentView, lexicon: EventLexicon): TriggerMatch[] {
  const { tokens, sentenceRange, sentenceOf } = view;
  const matches: TriggerMatch[] = [];
  for (let i = 0; i < tokens.length; ) {
    const found = matchAt(view, i, lexicon);
    if (!found) {
      i++;
      continue;
    }
    const [, sentenceEnd] = sentenceRange[sentenceOf[i]];
    if (found.end <= sentenceEnd) matches.push(found);
    i = found.resume;
  }
  return matches;
}

function matchAt(view: DocumentView, i: number, lexicon: EventLexicon): TriggerMatch | null {
  const { tokens, sentenceRange, sentenceOf } = view;
  for (const spec of candidateTriggers(lexicon, tokens[i])) {
    for (const form of spec.forms) {
      let n = phraseAt(tokens, i, form);
      // Verb–subject–object: «سيطرت قوات سوريا الديمقراطية على», «أطلقت قسد سراح». The trigger is then the verb
      // alone, so the name after it is read as the subject; the scan resumes after the rest of the form.
      let resume = 0;
      if (n === 0 && form.length > 1 && phraseAt(tokens, i, form.slice(0, 1)) === 1) {
        const subjectEnd = nameAfter(view, i);
        const rest = subjectEnd > 0 ? phraseAt(tokens, subjectEnd, form.slice(1)) : 0;
        if (rest > 0) [n, resume] = [1, subjectEnd + rest];
      }
      if (n === 0) continue;
      if (spec.requiresAny && !requirementMet(tokens, i + 1, Math.min(sentenceRange[sentenceOf[i]][1], i + n + spec.requiresAny.within), spec)) continue;
      return { spec, first: i, end: i + n, resume: Math.max(resume, i + n) };
    }
  }
  return null;
}

/** Where the person or organisation named right after token i ends (its end token), or -1. */
function nameAfter(view: DocumentView, i: number): number {
  const mention = view.mentionAt[i + 1];
  if (!mention || (mention.type !== 'person' && mention.type !== 'organization')) return -1;
  const range = view.mentionTokens.get(mention);
  return range && range[0] === i + 1 ? range[1] : -1;
}

function requirementMet(tokens: readonly Token[], from: number, to: number, spec: TriggerSpec): boolean {
  for (let i = from; i < to; i++) if (anyPhraseAt(tokens, i, spec.requiresAny!.words) > 0) return true;
  return false;
}

/** Qualifiers the context adds: a ceasefire agreement, an air or drone strike. */
function extraQualifiers(view: DocumentView, match: TriggerMatch): string[] {
  const out: string[] = [];
  const { tokens } = view;
  const window = tokens.slice(match.first, Math.min(tokens.length, match.end + 6)).map((t) => t.norm).join(' ');
  if (match.spec.type === 'agree' && /(وقف اطلاق النار|هدنه|التهدئه)/.test(window)) out.push('ceasefire');
  return out;
}

/** A year said in the trigger's sentence («في عام 2017»): enough to tell background from news. */
function sentenceYear(view: DocumentView, match: TriggerMatch): string | null {
  const { tokens, sentenceRange, sentenceOf, doc } = view;
  const [first, end] = sentenceRange[sentenceOf[match.first]];
  const year = doc.times.find((t) => t.start >= tokens[first].start && t.end <= tokens[end - 1].end && /^\d{4}(-\d{2})?$/.test(t.value));
  return year ? year.value : null;
}

/**
 * The time said closest to the trigger in its sentence, leaving out the times of other clauses: one after a relative
 * pronoun that follows the trigger («بعد الاتفاق الذي أعلن يوم الأحد»), and for a planned event one in the reporting
 * clause before «أن» («أعلن الكرملين الأحد أن بوتين سيجتمع»: Sunday is the announcement's day, not the meeting's).
 * None said, none assumed.
 */
function eventDate(view: DocumentView, match: TriggerMatch, planned: boolean, lexicon: EventLexicon): string | null {
  const { tokens, sentenceRange, sentenceOf, doc } = view;
  const [first, end] = sentenceRange[sentenceOf[match.first]];
  const from = tokens[first].start;
  const to = tokens[end - 1].end;
  const at = tokens[match.first].start;
  let latest = from;
  let earliest = to;
  for (let i = match.end; i < end; i++) {
    if (anyPhraseAt(tokens, i, lexicon.relativePronouns) > 0) { earliest = tokens[i].start; break; }
  }
  if (planned) {
    for (let i = match.first - 1; i >= first; i--) {
      if (anyPhraseAt(tokens, i, lexicon.complementizers) > 0) { latest = tokens[i].end; break; }
    }
  }
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const t of doc.times) {
    if (t.start < latest || t.end > earliest) continue;
    // Years alone («عام 2019», «2024») date history, not the event the trigger states.
    if (/^\d{4}$/.test(t.value)) continue;
    const distance = t.start >= at ? t.start - at : (at - t.end) * 1.5;
    if (distance < bestDistance) {
      bestDistance = distance;
      best = t.value;
    }
  }
  return best;
}

/** Background dated long before the article («سقوط نظام الأسد في ديسمبر 2024», «اتفاق مبدئي في مارس الماضي»). */
const HISTORY_DAYS = 90;

function isHistory(date: string | null, published: string | null): boolean {
  if (!date || !published || !/^\d{4}/.test(date)) return false;
  const [year, month] = [Number(date.slice(0, 4)), date.length >= 7 ? Number(date.slice(5, 7)) : 12];
  const endOfDate = date.length >= 10 ? Date.parse(date.slice(0, 10)) : Date.UTC(year, month, 1);
  const day = Date.parse(published.slice(0, 10));
  return !Number.isNaN(endOfDate) && !Number.isNaN(day) && day - endOfDate > HISTORY_DAYS * 86_400_000;
}

function lastSpeakerBefore(claims: readonly ClaimMention[], at: number): string | null {
  let speaker: string | null = null;
  for (const c of claims) if (c.cueSpan.start < at && c.speaker) speaker = c.speaker;
  return speaker;
}

function claimAround(claims: readonly ClaimMention[], at: number): ClaimMention | undefined {
  return claims.find((c) => c.start <= at && at < c.end);
}

const ANNOUNCER_WINDOW = 40;

/** «أعلنت هيئة العمليات ... السيطرة على»: the announcing entity before the trigger is the source of the report. */
function announcer(view: DocumentView, match: TriggerMatch, lexicon: EventLexicon): string | null {
  const { tokens, sentenceRange, sentenceOf, mentionAt } = view;
  const [sentenceFirst] = sentenceRange[sentenceOf[match.first]];
  for (let i = Math.max(sentenceFirst, match.first - ANNOUNCER_WINDOW); i < match.first; i++) {
    if (anyPhraseAt(tokens, i, lexicon.announceVerbs) === 0) continue;
    for (let k = i + 1; k < Math.min(match.first, i + 6); k++) {
      const m = mentionAt[k];
      if (m && lexicon.agentiveTypes.has(m.type)) return m.entityId;
    }
  }
  return null;
}

/** Counts of the sentence that fit the event; victims of the speaker's own side make the speaker the recipient. */
function assignCounts(event: EventMention, counts: readonly SentenceCount[], claim: ClaimMention | undefined): void {
  const into: EventCounts = event.counts;
  for (const count of counts) {
    if (!addCount(into, count, event.type, event.qualifiers, event.mode)) continue;
    const victim = count.ownSide ? claim?.speaker : null;
    if (victim && (count.kind === 'killed' || count.kind === 'injured')) {
      event.actors = event.actors.filter((a) => a !== victim);
      if (!event.recipients.includes(victim)) event.recipients = [victim, ...event.recipients];
    }
  }
}
