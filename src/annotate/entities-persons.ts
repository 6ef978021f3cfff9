// Persons from context: names after titles, offices and kunyas, and later surnames resolved to the full name.
// Input: the entity scan after the knowledge-base and head-noun rules. Output: person mentions added to the scan.
import { normalizeForMatch } from '../arabic/normalize.js';
import type { EntityMention, Token } from '../document.js';
import { addMention, contextEntityId, contextName, dropMention, nameStartOffset, type Scan } from './entities-scan.js';
import { cueOf, isCommonWord, isFunctionWord, isNisba, personNameAt, type Cues, type NameRange } from './entity-cues.js';
import { isWord } from './kb-match.js';

/** How far after an office title ("المتحدث باسم وزارة الدفاع …") the person's name may start. */
const OFFICE_NAME_WINDOW = 8;

/** Persons after titles ("الأدميرال براد كوبر", "المتحدث باسم وزارة الدفاع محمود العلي") and kunyas ("أبو خالد"). */
export function scanPersonCues(scan: Scan): void {
  const { tokens } = scan;
  for (let i = 0; i < tokens.length; i++) {
    if (scan.covered[i]) continue;
    const range = personAfterTitle(scan, i) ?? kunyaAt(scan, i);
    if (!range) continue;
    const name = contextName(tokens, range);
    addMention(scan, range.firstToken, range.endToken, nameStartOffset(tokens, range), 'person', contextEntityId('person', name), 'context');
    i = range.endToken - 1;
  }
}

function personAfterTitle(scan: Scan, i: number): NameRange | null {
  const { tokens, cues } = scan;
  const cue = cueOf(tokens[i], cues.personCues);
  if (cue === 'office') return nameInOfficeWindow(scan, i + 1, false);
  if (cue === undefined || cue === 'kunya') return null;
  // Relation adjectives may sit between title and name: "الخبير الاقتصادي رامي الحلبي".
  let k = i + 1;
  while (k < i + 3 && isWord(tokens[k]) && !scan.covered[k] && isNisba(tokens[k], cues)) k++;
  const range = uncoveredName(scan, k, 1);
  if (range && (cue !== 'occupation' || looksLikeFullName(scan, range))) return range;
  // "الباحث في شؤون الجماعات المسلحة خالد درويش": a first name further on still names the person.
  return nameInOfficeWindow(scan, i + 1, true);
}

/** After an occupation ("المواطن …") a name needs a known first name or two words, not a verb. */
function looksLikeFullName(scan: Scan, range: NameRange): boolean {
  return range.endToken - range.firstToken >= 2 || scan.cues.firstNames.has(scan.tokens[range.firstToken].norm);
}

/** "أبو خالد": a kunya, father-of plus a known first name. */
function kunyaAt(scan: Scan, i: number): NameRange | null {
  const { tokens, cues } = scan;
  const next = tokens[i + 1];
  if (cueOf(tokens[i], cues.personCues) !== 'kunya' || !isWord(next) || next.prefix !== '' || !cues.firstNames.has(next.norm)) return null;
  if (scan.covered[i + 1]) return null;
  return { firstToken: i, endToken: i + 2 };
}

function uncoveredName(scan: Scan, k: number, minTokens: number): NameRange | null {
  if (scan.covered[k]) return null;
  const range = personNameAt(scan.tokens, k, scan.cues, minTokens);
  if (!range) return null;
  let end = range.firstToken;
  while (end < range.endToken && !scan.covered[end]) end++;
  return end - range.firstToken >= minTokens ? { ...range, endToken: end } : null;
}

/**
 * Walks over the office's complement (common words, known organisations) to the first plausible name.
 * Past a preposition ("مديرة إحدى المنظمات العاملة في المخيم ريم الخطيب"), or with `firstNameOnly`, only a
 * known first name followed by a surname is taken.
 */
function nameInOfficeWindow(scan: Scan, from: number, firstNameOnly: boolean): NameRange | null {
  const { tokens, cues, covered } = scan;
  let strict = firstNameOnly;
  for (let k = from; k < tokens.length && k < from + OFFICE_NAME_WINDOW; k++) {
    const t = tokens[k];
    if (covered[k]) {
      if (covered[k]!.type === 'person') return null;
      continue;
    }
    if (!isWord(t)) return null;
    if (isFunctionWord(t, cues)) {
      strict = true;
      continue;
    }
    const known = cues.firstNames.has(t.norm);
    if (strict && !known) continue;
    if (!known && isCommonWord(t, cues)) continue;
    const range = uncoveredName(scan, k, known && !strict ? 1 : 2);
    if (range) return range;
  }
  return null;
}

/** Last name of a person mention: one word, or two after a joiner ("بدر عبد العاطي" → "عبد العاطي"). */
function surnameOf(words: string[], cues: Cues): string | null {
  if (words.length < 2) return null;
  const last = words[words.length - 1];
  if (words.length >= 3 && cues.nameJoiners.has(words[words.length - 2])) return `${words[words.length - 2]} ${last}`;
  return last.length >= 3 ? last : null;
}

/**
 * A later (or earlier) surname alone ("العلي", "هيكل") resolves to the person named in full in the same document;
 * it takes precedence over a one-word GeoNames place of the same spelling ("براك").
 */
export function propagateSurnames(scan: Scan): void {
  const { tokens, cues } = scan;
  const bySurname = new Map<string, EntityMention>();
  // Words the tagger names alone as something else in this document («العنابي», a club): a person span ending in one
  // («عبدالسلام جمعة جماهير العنابي», the model running past the name) lends it no surname.
  const otherNames = new Set<string>();
  for (const mention of scan.mentions) {
    if (mention.source === 'model' && mention.type !== 'person' && !/\s/.test(mention.text)) otherNames.add(normalizeForMatch(mention.text));
  }
  for (const mention of scan.mentions) {
    if (mention.type !== 'person' || scan.titleMentions.has(mention)) continue;
    const surname = surnameOf(normalizeForMatch(mention.text).split(/\s+/), cues);
    if (surname && !otherNames.has(surname)) bySurname.set(surname, mention);
  }
  if (bySurname.size === 0) return;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (!isWord(t) || isFunctionWord(t, cues) || !replaceable(scan, k)) continue;
    // Two-word surnames always start with a joiner ("عبد العاطي").
    const joiner = cues.nameJoiners.has(t.norm) || cues.nameJoiners.has(t.stem);
    const pair = joiner && isWord(tokens[k + 1]) && replaceable(scan, k + 1) ? ` ${tokens[k + 1].norm}` : null;
    const found = (pair !== null ? surnameAt(bySurname, t, pair) : null) ?? surnameAt(bySurname, t, '');
    if (!found || (found.words === 1 && !surnameAloneAt(scan, k))) continue;
    const endToken = found.words === 2 ? k + 2 : k + 1;
    for (let j = k; j < endToken; j++) dropMention(scan, scan.covered[j]);
    addMention(scan, k, endToken, found.start, 'person', found.mention.entityId, found.mention.source);
    k = endToken - 1;
  }
}

function surnameAt(bySurname: Map<string, EntityMention>, t: Token, rest: string): { mention: EntityMention; start: number; words: number } | null {
  const words = rest === '' ? 1 : 2;
  const whole = bySurname.get(t.norm + rest);
  if (whole) return { mention: whole, start: t.start, words };
  const peeled = bySurname.get(t.stem + rest);
  return peeled ? { mention: peeled, start: t.stemStart, words } : null;
}

/** A surname that is also a first name ("خليل") stands alone only before a function word or punctuation. */
function surnameAloneAt(scan: Scan, k: number): boolean {
  const { tokens, cues } = scan;
  if (!cues.firstNames.has(tokens[k].norm) && !cues.firstNames.has(tokens[k].stem)) return true;
  const after = tokens[k + 1];
  return !isWord(after) || isFunctionWord(after, cues) || scan.covered[k + 1] !== undefined;
}

/** Uncovered, or covered by a one-word GeoNames place or one-word model person that a surname may override. */
function replaceable(scan: Scan, k: number): boolean {
  const mention = scan.covered[k];
  if (!mention) return true;
  return (mention.entityId.startsWith('loc:geonames-') || (mention.source === 'model' && mention.type === 'person')) && !/\s/.test(mention.text);
}
