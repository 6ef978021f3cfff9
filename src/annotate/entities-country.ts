// Document-level entity choices that depend on the country an article is about: homograph place names
// (عمان: Oman or Amman) and unqualified institutions (وزارة الداخلية). Input: tokens, mentions, the KB. Output: entity ids.
import { isIgnorable, normalizeForMatch } from '../arabic/normalize.js';
import { stripArticle } from '../arabic/tokenize.js';
import type { EntityMention, Token } from '../document.js';
import { aliasTokens, type KnowledgeBase } from '../kb/kb.js';
import { addMention, type InstitutionMention, type Scan } from './entities-scan.js';
import { headAt, isFunctionWord } from './entity-cues.js';
import { isWord } from './kb-match.js';

/** A hint at a country: a place of that country mentioned at `token`, or a nationality adjective there. */
export interface CountryClue {
  token: number;
  country: string;
}

/** Generic institution name ("وزارة الداخلية") → country code → the KB entity of that country. */
export type InstitutionIndex = ReadonlyMap<string, ReadonlyMap<string, string>>;

/** Evidence this close to a homograph ("العاصمة الأردنية عمان") decides before the rest of the article. */
const LOCAL_WINDOW = 4;
/** An article is about a country when its clues reach this count and outnumber the runner-up's by this ratio. */
const DOMINANT_MIN_CLUES = 2;
const DOMINANT_RATIO = 1.5;
/** The longest generic institution name tried ("مجلس الأمن القومي"). */
const MAX_INSTITUTION_TOKENS = 4;

/** The country of a nationality adjective token ("السورية", "أردني"), or undefined. */
export function nationalityOf(t: Token | undefined, kb: KnowledgeBase): string | undefined {
  if (!isWord(t)) return undefined;
  return kb.nationalityAdjectives.get(t.bare) ?? kb.nationalityAdjectives.get(stripArticle(t.norm));
}

/**
 * Country clues in reading order: the first token of every place mention whose entity has a country, and
 * every nationality adjective. Mentions in `ignore` (homographs still undecided) give no clue.
 */
export function countryClues(tokens: Token[], covered: (EntityMention | undefined)[], kb: KnowledgeBase, ignore: ReadonlySet<EntityMention>): CountryClue[] {
  const clues: CountryClue[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const mention = covered[k];
    if (mention && (k === 0 || covered[k - 1] !== mention)) {
      const country = mention.type === 'location' && !ignore.has(mention) ? kb.getEntity(mention.entityId)?.country : undefined;
      if (country) clues.push({ token: k, country });
    }
    const adjective = nationalityOf(tokens[k], kb);
    if (adjective) clues.push({ token: k, country: adjective });
  }
  return clues;
}

function tally(clues: Iterable<CountryClue>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const clue of clues) counts.set(clue.country, (counts.get(clue.country) ?? 0) + 1);
  return counts;
}

/** The country the article is mainly about, only when the clues clearly say so. */
export function dominantCountry(clues: CountryClue[]): string | null {
  const ranked = [...tally(clues)].sort((a, b) => b[1] - a[1]);
  if (ranked.length === 0 || ranked[0][1] < DOMINANT_MIN_CLUES) return null;
  const runnerUp = ranked[1]?.[1] ?? 0;
  return ranked[0][1] >= DOMINANT_RATIO * runnerUp ? ranked[0][0] : null;
}

/** Letters (matching form) and the vowel marks written on each. */
function vowelling(s: string): { letters: string[]; marks: string[] } {
  const letters: string[] = [];
  const marks: string[] = [];
  for (const ch of s.normalize('NFC')) {
    if (isIgnorable(ch)) {
      // Tatweel carries no vowel; harakat and shadda attach to the letter before.
      if (ch !== '\u0640' && marks.length > 0) marks[marks.length - 1] += ch;
      continue;
    }
    letters.push(normalizeForMatch(ch));
    marks.push('');
  }
  return { letters, marks };
}

/** Whether every vowel mark written in `raw` is one of the marks of the fully vowelled `vocalized` on the same letter. */
export function vocalizationFits(raw: string, vocalized: string): boolean {
  const a = vowelling(raw);
  const b = vowelling(vocalized);
  if (a.letters.join('') !== b.letters.join('') || a.letters.length !== b.letters.length) return false;
  return a.marks.every((marks, i) => [...marks].every((mark) => b.marks[i].includes(mark)));
}

/** The candidate whose country the clues name most often, if one leads. */
function leadingCandidate(candidates: string[], clues: Iterable<CountryClue>, kb: KnowledgeBase): string | null {
  const counts = tally(clues);
  const scored = candidates.map((id) => ({ id, score: counts.get(kb.getEntity(id)?.country ?? '') ?? 0 })).sort((x, y) => y.score - x.score);
  return scored[0].score > 0 && scored[0].score > (scored[1]?.score ?? 0) ? scored[0].id : null;
}

/**
 * Which of the entities sharing an alias a mention at token `at` means: its written vowels first ("عمّان"),
 * then the country clues nearby, then those of the whole article, else the first listed entity.
 */
export function chooseHomograph(candidates: string[], raw: string, at: number, clues: CountryClue[], kb: KnowledgeBase): string {
  const byVowels = decidedByVowels(candidates, raw, kb);
  if (byVowels) return byVowels;
  const near = clues.filter((clue) => Math.abs(clue.token - at) <= LOCAL_WINDOW);
  return leadingCandidate(candidates, near, kb) ?? leadingCandidate(candidates, clues, kb) ?? candidates[0];
}

/** The one candidate the written vowels fit ("عمّان" → Amman), or null when they fit several ("عمان"). */
export function decidedByVowels(candidates: string[], raw: string, kb: KnowledgeBase): string | null {
  const fitting = candidates.filter((id) => kb.getEntity(id)?.vocalized?.some((form) => vocalizationFits(raw, form)));
  return fitting.length === 1 ? fitting[0] : null;
}

/**
 * Generic names of national institutions, derived from KB aliases "head … nationality" of an entity of that
 * nationality: "وزارة الداخلية السورية" (org:syrian-interior-ministry, SY) gives "وزارة الداخلية" → SY → that entity.
 */
export function buildInstitutionIndex(kb: KnowledgeBase, heads: ReadonlySet<string>): InstitutionIndex {
  const index = new Map<string, Map<string, string>>();
  for (const entity of kb.entities.values()) {
    if (entity.type !== 'organization' || !entity.country) continue;
    for (const alias of [entity.name.ar, ...entity.aliases]) {
      const tokens = aliasTokens(alias);
      if (tokens.length < 3 || !heads.has(tokens[0])) continue;
      if (kb.nationalityAdjectives.get(stripArticle(tokens[tokens.length - 1])) !== entity.country) continue;
      const key = tokens.slice(0, -1).join(' ');
      const byCountry = index.get(key) ?? new Map<string, string>();
      if (!byCountry.has(entity.country)) byCountry.set(entity.country, entity.id);
      index.set(key, byCountry);
    }
  }
  return index;
}

/**
 * "وزارة الداخلية" with no nationality after it: which country's ministry is decided once the article is read
 * (`resolveByCountry`); meanwhile no other rule may mint it.
 */
export function matchUnqualifiedInstitution(scan: Scan, i: number): number | null {
  const { tokens, cues } = scan;
  const headStart = headAt(tokens[i], cues.institutionHeads);
  if (headStart === null) return null;
  const first = headStart === tokens[i].start ? tokens[i].norm : tokens[i].stem;
  let found: InstitutionMention | null = null;
  for (let end = i + 2; end <= i + MAX_INSTITUTION_TOKENS && end <= tokens.length; end++) {
    const key = [first, ...tokens.slice(i + 1, end).map((t) => t.norm)].join(' ');
    const byCountry = scan.institutionIndex.get(key);
    if (byCountry) found = { firstToken: i, endToken: end, start: headStart, byCountry };
  }
  if (!found || qualifiesName(scan, found.endToken)) return null;
  scan.institutions.push(found);
  return found.endToken;
}

/** A definite word right after a name continues it ("وزارة الداخلية الأردنية", "… العراقية"). */
function qualifiesName(scan: Scan, k: number): boolean {
  const t = scan.tokens[k];
  return isWord(t) && t.prefix === '' && t.stem.startsWith('ال') && !isFunctionWord(t, scan.cues);
}

/**
 * Choices that need the whole article: homographs ("عمان": the vowels, else the countries around and in the
 * article), then unqualified institutions (the one already named in full here, else the dominant country's).
 */
export function resolveByCountry(scan: Scan): void {
  const { kb, doc } = scan;
  if (scan.homographs.length === 0 && scan.institutions.length === 0) return;
  const undecided = new Set<EntityMention>();
  for (const { mention, candidates } of scan.homographs) {
    const byVowels = decidedByVowels(candidates, doc.text.slice(mention.start, mention.end), kb);
    if (byVowels) mention.entityId = byVowels;
    else undecided.add(mention);
  }
  const clues = countryClues(scan.tokens, scan.covered, kb, undecided);
  for (const { mention, token, candidates } of scan.homographs) {
    if (undecided.has(mention)) mention.entityId = chooseHomograph(candidates, mention.text, token, clues, kb);
  }
  if (scan.institutions.length === 0) return;
  const named = new Set(scan.mentions.map((m) => m.entityId));
  const dominant = dominantCountry(clues);
  for (const institution of scan.institutions) {
    const ids = [...institution.byCountry.values()];
    const alreadyNamed = ids.filter((id) => named.has(id));
    const entityId = alreadyNamed.length === 1 ? alreadyNamed[0] : dominant !== null ? institution.byCountry.get(dominant) : undefined;
    if (entityId) addMention(scan, institution.firstToken, institution.endToken, institution.start, 'organization', entityId, 'kb');
  }
}
