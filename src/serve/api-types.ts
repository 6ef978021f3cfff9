// The HTTP API's response shapes (docs/api.md): what `marsad serve` answers and what the web app (web/) reads.
// Types only; the JSON schemas in openapi.ts describe the same shapes for the OpenAPI document and validation.
import type { ClaimOut, ContradictionKind, EntityDescription, EventOut } from '../output/analysis.js';
import type { EntityType } from '../document.js';

export type { ClaimOut, EventOut } from '../output/analysis.js';

/** An entity as lists show it: canonical names in both languages, coordinates for places ([lon, lat]). */
export type EntityRef = EntityDescription;

/** Articles per day, for the story list's sparkline (days without articles are absent). */
export interface ActivityPoint {
  date: string;
  count: number;
}

export interface StorySummary {
  id: string;
  title: string;
  summary: string;
  articleCount: number;
  /** Distinct outlets among the story's articles. */
  sourceCount: number;
  outlets: string[];
  firstPublished: string | null;
  lastPublished: string | null;
  /** When an article last joined the story (store time, ISO): the list is ordered by it, newest first. */
  updatedAt: string;
  activity: ActivityPoint[];
  eventCount: number;
  contradictionCount: number;
  /** The most mentioned entities, at most five. */
  topEntities: EntityRef[];
}

export interface StoryList {
  total: number;
  limit: number;
  offset: number;
  stories: StorySummary[];
}

export interface ArticleSummary {
  id: string;
  title: string;
  outlet: string | null;
  published: string | null;
  url: string | null;
  storyId: string | null;
  duplicateOf: string | null;
  /** The first words of the text (plain text). */
  excerpt: string;
}

/** An event as story pages and event lists show it: at most 2 evidence passages and 5 article ids, and how many articles report it. */
export type ViewEvent = EventOut & { reportCount: number };

export interface SpeakerClaims {
  speaker: string | null;
  speakerText: string;
  /** The speaker's claims in the story; `claims` holds the first few. */
  total: number;
  claims: ClaimOut[];
}

/** A contradiction with the claims and events it cites resolved, so the two sides can be shown side by side. */
export interface ContradictionDetail {
  id: string;
  kind: ContradictionKind;
  topic: string;
  explanation: string;
  claims: ClaimOut[];
  events: ViewEvent[];
}

export interface StoryEntity {
  entity: EntityRef;
  mentions: number;
  articles: number;
}

export interface StoryDetail extends StorySummary {
  /** The latest articles (at most 50; GET /api/articles?storyId= pages through all). */
  articles: ArticleSummary[];
  articlesTotal: number;
  /** Events in time order (undated last); at most 120, the most reported (GET /api/events?storyId= lists all). */
  timeline: ViewEvent[];
  timelineTotal: number;
  claimsBySpeaker: SpeakerClaims[];
  contradictions: ContradictionDetail[];
  /** By mentions, most first. */
  entities: StoryEntity[];
  /** Every entity id the story's events, claims and entity list name, with its names (actors, places, speakers). */
  entityIndex: Record<string, EntityRef>;
}

/** A passage of the original text with the matched words marked by offsets into `text` (plain text, never HTML). */
export interface Snippet {
  text: string;
  highlights: [number, number][];
}

export interface EntityMentionHit {
  articleId: string;
  title: string;
  outlet: string | null;
  published: string | null;
  start: number;
  end: number;
  text: string;
  /** The mention in its sentence; its highlight is the mention. */
  snippet: Snippet;
}

export interface EntityDetail {
  entity: EntityRef;
  mentionCount: number;
  articleCount: number;
  /** The most recent mentions first, at most `limit`. */
  mentions: EntityMentionHit[];
  stories: StorySummary[];
}

export type EventItem = ViewEvent & {
  /** Stories reporting the event. */
  storyIds: string[];
};

export interface EventList {
  total: number;
  limit: number;
  offset: number;
  events: EventItem[];
  entityIndex: Record<string, EntityRef>;
}

/** `GET /api/events?format=geojson`: located events as points ([lon, lat] of their place). */
export interface EventFeatureCollection {
  type: 'FeatureCollection';
  /** Located events matching the filters (features holds at most `limit`). */
  total: number;
  /** Names of every entity the features' events name. */
  entityIndex: Record<string, EntityRef>;
  features: {
    type: 'Feature';
    id: string;
    geometry: { type: 'Point'; coordinates: [number, number] };
    properties: EventItem & { locationName: { ar: string; en: string } };
  }[];
}

export interface StorySearchHit {
  story: StorySummary;
  score: number;
  snippet: Snippet;
}

export interface ArticleSearchHit {
  article: ArticleSummary;
  score: number;
  snippet: Snippet;
}

export interface SearchResult {
  query: string;
  /** The normalised terms searched for, and the entities the query names (whose every spelling matches). */
  terms: string[];
  entities: EntityRef[];
  stories: StorySearchHit[];
  articles: ArticleSearchHit[];
  /** Matching articles, counted up to 1000 (`totalIsLowerBound` when there are more). */
  totalArticles: number;
  totalIsLowerBound: boolean;
}

export interface ArticleDetail extends ArticleSummary {
  text: string;
  language: string;
  entities: { entityId: string; type: EntityType; start: number; end: number; text: string }[];
  entityIndex: Record<string, EntityRef>;
}

export interface ArticleList {
  total: number;
  limit: number;
  offset: number;
  articles: ArticleSummary[];
}

export interface OutletCount {
  outlet: string;
  articles: number;
}

export interface PostArticlesResult {
  articles: { id: string; input: string; storyId: string | null; duplicateOf: string | null; alreadyStored: boolean }[];
  errors: { input: string; reason: string; stage: string }[];
}

export interface ApiError {
  error: string;
  message: string;
  statusCode: number;
}
