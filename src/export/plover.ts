// PLOVER event records (JSON Lines), one per event, with the field names of the PLOVER 0.8 JSON record
// (src/events/data/plover.json `recordFields`, README.md there). Input: the analysis document. Output: records / JSONL.
import { readFileSync } from 'node:fs';
import type { KnowledgeBase } from '../kb/kb.js';
import type { AnalysisOutput, ArticleOut, EventOut } from '../output/analysis.js';
import { eventArticles, eventDay, eventLookup, type EventLookup } from './event-facts.js';

export interface PloverActor {
  /** The actor as the evidence writes it, else its Arabic name. */
  actor_text: string;
  /** The Wikidata id when the knowledge base has one, else the Marsad entity id. */
  identifier_id: string;
  identifier_text: string;
}

export interface PloverLocation {
  name: string;
  lat: number | null;
  lon: number | null;
  geonameid?: number;
}

export interface PloverCitation {
  citation: string;
  url: string | null;
  title: string;
  language: string;
  publication: string | null;
  coder: string;
  codebook: string;
}

export interface PloverRecord {
  id: string;
  has_event: true;
  date: string | null;
  source: PloverActor[];
  recipient: PloverActor[];
  event: string[];
  mode: string[];
  context: string[];
  quad_code: number;
  event_scale: number;
  event_loc: PloverLocation | null;
  event_text: string[];
  dead?: number;
  injured?: number;
  arrested?: number;
  link: string | null;
  cite_info: PloverCitation[];
  coder: string;
  comment?: string;
}

interface PloverData {
  version: string;
  types: Record<string, { quad: string }>;
  quadCodes: Record<string, number>;
  scores: Record<string, number>;
}

let cached: PloverData | null = null;

function loadPloverData(): PloverData {
  cached ??= JSON.parse(readFileSync(new URL('../events/data/plover.json', import.meta.url), 'utf8')) as PloverData;
  return cached;
}

export const CODER = 'Marsad';
/** ISO 639-3 codes of the language detector → ISO 639-1 (PLOVER cite_info); others are kept as they are. */
const LANGUAGE_639_1: Record<string, string> = { arb: 'ar', eng: 'en', fra: 'fr' };

export interface PloverOptions {
  /** The Wikidata id of a knowledge-base entity ("Q1141005"), when known. */
  wikidataId?: (entityId: string) => string | undefined;
}

function actor(entityId: string, event: EventOut, lookup: EventLookup, options: PloverOptions): PloverActor {
  const entity = lookup.entities.get(entityId);
  const first = event.evidence[0];
  const written = first && entity?.mentions.find((m) => m.articleId === first.articleId && m.start >= first.start && m.end <= first.end);
  return {
    actor_text: written?.text ?? entity?.name.ar ?? entityId,
    identifier_id: options.wikidataId?.(entityId) ?? entityId,
    identifier_text: entity?.name.en || entity?.name.ar || entityId,
  };
}

function location(entityId: string | null, lookup: EventLookup): PloverLocation | null {
  if (!entityId) return null;
  const entity = lookup.entities.get(entityId);
  const place: PloverLocation = {
    name: entity?.name.en || entity?.name.ar || entityId,
    lat: entity?.coordinates?.[1] ?? null,
    lon: entity?.coordinates?.[0] ?? null,
  };
  const geonames = /^loc:geonames-(\d+)$/.exec(entityId);
  if (geonames) place.geonameid = Number(geonames[1]);
  return place;
}

function citation(article: ArticleOut, version: string): PloverCitation {
  return {
    citation: article.id, url: article.url, title: article.title, language: LANGUAGE_639_1[article.language] ?? article.language,
    publication: article.outlet, coder: CODER, codebook: `PLOVER ${version}`,
  };
}

export function ploverRecord(event: EventOut, lookup: EventLookup, options: PloverOptions = {}): PloverRecord {
  const data = loadPloverData();
  const articles = eventArticles(event, lookup);
  const { day, from } = eventDay(event, lookup);
  const counts = event.counts;
  return {
    id: event.id,
    has_event: true,
    date: day,
    source: event.actors.map((id) => actor(id, event, lookup, options)),
    recipient: event.recipients.map((id) => actor(id, event, lookup, options)),
    event: [event.type.toUpperCase()],
    mode: event.mode ? [event.mode] : [],
    // An event announced for a definite future carries PLOVER's special context "future".
    context: [...(event.context ? [event.context] : []), ...(event.status === 'planned' ? ['future'] : [])],
    quad_code: data.quadCodes[data.types[event.type].quad],
    event_scale: data.scores[event.type],
    event_loc: location(event.location, lookup),
    event_text: event.evidence.map((e) => e.text),
    ...(counts.killed !== undefined ? { dead: counts.killed } : {}),
    ...(counts.injured !== undefined ? { injured: counts.injured } : {}),
    ...(counts.detained !== undefined ? { arrested: counts.detained } : {}),
    // Events of one story are related: the story id ties them together.
    link: articles.find((a) => a.storyId !== null)?.storyId ?? null,
    cite_info: articles.map((a) => citation(a, data.version)),
    coder: CODER,
    ...(from === 'published' ? { comment: 'date: the day of the first report (the text gives no day for the event)' } : {}),
  };
}

export function ploverRecords(output: AnalysisOutput, options: PloverOptions = {}): PloverRecord[] {
  const lookup = eventLookup(output);
  return output.events.map((e) => ploverRecord(e, lookup, options));
}

/** One JSON record per line, UTF-8, Arabic unescaped. */
export function ploverJsonl(output: AnalysisOutput, options: PloverOptions = {}): string {
  return ploverRecords(output, options).map((r) => JSON.stringify(r) + '\n').join('');
}

/** Wikidata ids from the knowledge base's `sources` ("wikidata:Q1141005"). */
export function kbWikidataIds(kb: KnowledgeBase): (entityId: string) => string | undefined {
  return (entityId) => {
    for (const source of kb.getEntity(entityId)?.sources ?? []) {
      const match = /^wikidata:(Q\d+)$/.exec(source);
      if (match) return match[1];
    }
    return undefined;
  };
}
