// ACLED-style CSV of the events (not ACLED data: src/events/data/README.md). One row per reported event, the ACLED
// columns first, then the PLOVER type, mode and Marsad qualifiers so nothing is lost.
// Input: the analysis document and an actor classifier. Output: CSV text (RFC 4180, UTF-8, header row).
import { readFileSync } from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import type { PloverType } from '../document.js';
import type { AnalysisOutput, EventOut } from '../output/analysis.js';
import type { ActorKind } from './actor-kinds.js';
import { englishName, eventDay, eventLookup, eventOutlets, type EventLookup } from './event-facts.js';

export const ACLED_COLUMNS = [
  'event_id_cnty', 'event_date', 'event_type', 'sub_event_type', 'actor1', 'actor2', 'location', 'latitude', 'longitude',
  'fatalities', 'source', 'notes', 'plover_type', 'plover_mode', 'marsad_qualifiers',
] as const;

export type AcledColumn = (typeof ACLED_COLUMNS)[number];
export type AcledRow = Record<AcledColumn, string | number>;

export interface AcledMappingEntry {
  for: string;
  type: PloverType;
  mode?: string;
  qualifier?: string;
  actorKind?: ActorKind;
  eventType: string;
  subEventType: string;
}

let cachedMapping: AcledMappingEntry[] | null = null;

export function loadAcledMapping(): AcledMappingEntry[] {
  cachedMapping ??= (JSON.parse(readFileSync(new URL('../events/data/acled.json', import.meta.url), 'utf8')) as { fromPlover: AcledMappingEntry[] }).fromPlover;
  return cachedMapping;
}

/** Marks event_date when it is the day of the first report rather than the event's own date. */
export const REPORT_DATE_NOTE = ' [event_date: first report]';

/** The first mapping entry whose type matches and whose mode, qualifier and actorKind (when given) all match. */
export function acledCategory(
  event: EventOut, kindOf: (entityId: string) => ActorKind | null, mapping: readonly AcledMappingEntry[] = loadAcledMapping(),
): AcledMappingEntry | null {
  const kind = event.actors.length > 0 ? kindOf(event.actors[0]) : null;
  return mapping.find((m) => m.type === event.type
    && (m.mode === undefined || m.mode === event.mode)
    && (m.qualifier === undefined || event.qualifiers.includes(m.qualifier))
    && (m.actorKind === undefined || m.actorKind === kind)) ?? null;
}

/**
 * actor1 / actor2: the actors and the recipients; with no recipients the first actor faces the others (the sides of a
 * clash, the parties of an agreement), and with no actors the recipients stand in actor1. Several names: '; '-joined.
 */
function acledActors(event: EventOut): [string[], string[]] {
  const [first, second] = event.actors.length > 0 ? [event.actors, event.recipients] : [event.recipients, []];
  return second.length === 0 && first.length > 1 ? [first.slice(0, 1), first.slice(1)] : [first, second];
}

export function acledRow(event: EventOut, lookup: EventLookup, kindOf: (entityId: string) => ActorKind | null, mapping?: readonly AcledMappingEntry[]): AcledRow {
  const category = acledCategory(event, kindOf, mapping);
  const [actors1, actors2] = acledActors(event);
  const place = event.location ? lookup.entities.get(event.location) : undefined;
  const { day, from } = eventDay(event, lookup);
  const names = (ids: string[]) => ids.map((id) => englishName(id, lookup)).join('; ');
  return {
    event_id_cnty: event.id,
    event_date: day ?? '',
    event_type: category?.eventType ?? 'Strategic developments',
    sub_event_type: category?.subEventType ?? 'Other',
    actor1: names(actors1),
    actor2: names(actors2),
    location: event.location ? englishName(event.location, lookup) : '',
    latitude: place?.coordinates?.[1] ?? '',
    longitude: place?.coordinates?.[0] ?? '',
    fatalities: event.counts.killed ?? 0,
    source: eventOutlets(event, lookup).join('; '),
    notes: (event.evidence[0]?.text ?? '') + (from === 'published' ? REPORT_DATE_NOTE : ''),
    plover_type: event.type,
    plover_mode: event.mode ?? '',
    marsad_qualifiers: event.qualifiers.join('; '),
  };
}

/** Rows of the events that happened; events only announced for the future are left out, as ACLED records none. */
export function acledRows(output: AnalysisOutput, kindOf: (entityId: string) => ActorKind | null, mapping?: readonly AcledMappingEntry[]): AcledRow[] {
  const lookup = eventLookup(output);
  return output.events.filter((e) => e.status === 'reported').map((e) => acledRow(e, lookup, kindOf, mapping));
}

export function acledCsv(output: AnalysisOutput, kindOf: (entityId: string) => ActorKind | null): string {
  return stringify(acledRows(output, kindOf), { header: true, columns: [...ACLED_COLUMNS] });
}
