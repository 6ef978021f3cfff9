// What the recogniser knows besides the words: the knowledge base and gazetteer, the cue words of the rule-based
// entity stage, and word clusters learned from real news text. Built once per process.
import { readFileSync } from 'node:fs';
import { normalizeForMatch } from '../arabic/normalize.js';
import type { Token } from '../document.js';
import { cueOf, headAt, loadCues, type Cues } from '../annotate/entity-cues.js';
import { matchKbAt } from '../annotate/kb-match.js';
import type { KnowledgeBase } from '../kb/kb.js';

export interface NerLexicon {
  kb: KnowledgeBase;
  cues: Cues;
  /** World place names (GeoNames), keyed by their first normalised word; values are the other words. */
  placeNames: ReadonlyMap<string, readonly (readonly string[])[]>;
  /** Normalised stem → its cluster path prefixes, coarse to fine (see data/README.md). */
  clusters: ClusterLevels;
  /** Path levels (1 = coarsest) used as features. */
  clusterPrefixes: readonly number[];
  /** Feature groups left out (ablation runs); a model records the groups it was trained without. */
  without: ReadonlySet<FeatureGroup>;
}

/** Stem → its cluster path prefixes (a Map will do; readClusters splits paths on demand). */
export interface ClusterLevels {
  get(stem: string): readonly string[] | undefined;
}

export const FEATURE_GROUPS = ['clusters', 'kb', 'cues', 'geo', 'trigrams', 'affixes'] as const;
export type FeatureGroup = (typeof FEATURE_GROUPS)[number];

export function createLexicon(
  kb: KnowledgeBase, clusters: ClusterLevels, clusterPrefixes: readonly number[], without: readonly FeatureGroup[] = [],
): NerLexicon {
  return { kb, cues: loadCues(kb), placeNames: loadPlaceNames(), clusters, clusterPrefixes, without: new Set(without) };
}

const PLACE_NAMES_URL = new URL('./data/place-names.txt', import.meta.url);

function loadPlaceNames(): Map<string, string[][]> {
  const byFirst = new Map<string, string[][]>();
  for (const line of readFileSync(PLACE_NAMES_URL, 'utf8').split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const words = line.split(' ').map(normalizeForMatch).filter((w) => w !== '');
    if (words.length === 0) continue;
    const list = byFirst.get(words[0]) ?? [];
    list.push(words.slice(1));
    byFirst.set(words[0], list);
  }
  return byFirst;
}

/** The place names starting with a word token (their other words), by its normalised form or its stem. */
export function placeNamesAt(t: Token, lexicon: NerLexicon): readonly (readonly string[])[] | undefined {
  return t.kind === 'word' ? lexicon.placeNames.get(t.norm) ?? lexicon.placeNames.get(t.stem) : undefined;
}

/**
 * Per token, "B"/"I" when it lies in the longest world place name starting at or before it. `candidatesAt` gives
 * placeNamesAt of token i (the feature extractor passes the ones it cached per word form).
 */
export function placeNameTags(
  tokens: readonly Token[], lexicon: NerLexicon, candidatesAt: (i: number) => readonly (readonly string[])[] | undefined = (i) => placeNamesAt(tokens[i], lexicon),
): (string | null)[] {
  const tags: (string | null)[] = new Array(tokens.length).fill(null);
  for (let i = 0; i < tokens.length; i++) {
    const candidates = candidatesAt(i);
    if (!candidates) continue;
    let longest = -1;
    for (const rest of candidates) {
      if (rest.length <= longest) continue;
      if (rest.every((word, k) => tokens[i + 1 + k]?.norm === word)) longest = rest.length;
    }
    if (longest < 0) continue;
    tags[i] = 'B';
    for (let k = 1; k <= longest; k++) tags[i + k] = 'I';
    i += longest;
  }
  return tags;
}

const TYPE_CODE: Record<string, string> = { person: 'P', organization: 'O', location: 'L', facility: 'F' };

/**
 * Per token, the knowledge-base alias it lies in, as "B-L"/"I-L" plus "g" for a GeoNames-only place: aliases are
 * matched left to right, longest first, without role titles (a title is context, not a name). `mayMatchAt(i)` false
 * skips token i: the feature extractor passes mayMatchKbAt (src/annotate/kb-match.ts), cached per word form.
 */
export function knowledgeBaseTags(
  tokens: readonly Token[], lexicon: NerLexicon, mayMatchAt: (i: number) => boolean = () => true,
): (string | null)[] {
  const tags: (string | null)[] = new Array(tokens.length).fill(null);
  // Names reserved for a place context count wherever they occur: the tagger learns from the context itself.
  const options = { date: null, titles: false, anyContext: true };
  let i = 0;
  while (i < tokens.length) {
    const match = mayMatchAt(i) ? matchKbAt(tokens as Token[], i, lexicon.kb, options) : null;
    const type = match ? lexicon.kb.getEntity(match.entry.entityId)?.type : undefined;
    if (!match || !type) { i++; continue; }
    const code = TYPE_CODE[type] + (match.entry.origin === 'gazetteer' ? 'g' : '');
    for (let k = match.firstToken; k < match.endToken; k++) tags[k] = (k === match.firstToken ? 'B-' : 'I-') + code;
    i = match.endToken;
  }
  return tags;
}

/** Cue-word classes of one token: title, head noun, first name, nationality, common word. */
export function cueClasses(token: Token | undefined, lexicon: NerLexicon): string[] {
  if (token === undefined || token.kind !== 'word') return [];
  const { cues, kb } = lexicon;
  const classes: string[] = [];
  const personCue = cueOf(token, cues.personCues);
  if (personCue) classes.push('t:' + personCue);
  if (headAt(token, cues.organizationHeads) !== null) classes.push('h:org');
  if (headAt(token, cues.facilityHeads) !== null) classes.push('h:fac');
  if (headAt(token, cues.locationHeads) !== null) classes.push('h:loc');
  if (cues.firstNames.has(token.stem)) classes.push('first');
  if (kb.nationalityAdjectives.has(token.bare)) classes.push('nat');
  if (cues.commonWords.has(token.stem)) classes.push('common');
  if (cues.functionWords.has(token.stem) || cues.functionWords.has(token.norm)) classes.push('func');
  return classes;
}
