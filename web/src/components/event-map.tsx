// Located events on an offline map: Natural Earth countries (world-atlas, drawn with d3-geo), one circle per event,
// sized by casualties and coloured by type. No tiles and no network beyond our own bundle.
import { geoMercator, geoPath, type GeoProjection } from 'd3-geo';
import type { FeatureCollection, Geometry } from 'geojson';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { feature } from 'topojson-client';
import type { Topology } from 'topojson-specification';
import type { EntityRef, EventFeatureCollection } from '../api.js';
import countryNames from '../data/country-names.json';
import { useI18n } from '../i18n.js';
import { href, navigate } from '../router.js';
import { eventColor } from './event-type.js';
import { Loading } from './states.js';

/** The most events a map asks for (the API's largest page): more would slow the drawing down without showing more. */
export const MAP_LIMIT = 5000;

export type EventFeature = EventFeatureCollection['features'][number];

type Countries = FeatureCollection<Geometry, { name: string }>;
let countriesPromise: Promise<Countries> | null = null;

/** The countries, loaded once (a separate chunk: only pages with a map pay for it). */
function loadCountries(): Promise<Countries> {
  countriesPromise ??= import('world-atlas/countries-50m.json').then((module) => {
    const topology = (module.default ?? module) as unknown as Topology;
    return feature(topology, topology.objects.countries) as unknown as Countries;
  });
  return countriesPromise;
}

/** The Levant, shown when there is nothing to fit ([lon, lat] corners). */
const LEVANT: [[number, number], [number, number]] = [
  [34.5, 31.0],
  [43.0, 37.6],
];
/** The smallest span fitted around events (degrees), so a single town is not blown up to fill the map. */
const MIN_SPAN = 4;

/** Events farther than this from the middle of the rest (degrees) do not stretch the view (a visit to Washington
 *  should not shrink Syria to a dot); they stay on the map, reachable by zooming out. */
const OUTLIER_DEGREES = 14;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** The points the view is fitted to: all of them, unless most lie together and a few far away. */
export function focusPoints(points: [number, number][]): [number, number][] {
  if (points.length < 3) return points;
  const lon = median(points.map((p) => p[0]));
  const lat = median(points.map((p) => p[1]));
  const near = points.filter(([x, y]) => Math.abs(x - lon) <= OUTLIER_DEGREES && Math.abs(y - lat) <= OUTLIER_DEGREES);
  return near.length >= points.length * 0.6 ? near : points;
}

export function fitBounds(points: [number, number][]): [[number, number], [number, number]] {
  if (points.length === 0) return LEVANT;
  let [west, south, east, north] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [lon, lat] of points) {
    west = Math.min(west, lon);
    east = Math.max(east, lon);
    south = Math.min(south, lat);
    north = Math.max(north, lat);
  }
  const grow = (low: number, high: number): [number, number] => {
    const span = Math.max(high - low, MIN_SPAN) * 1.15;
    const mid = (low + high) / 2;
    return [mid - span / 2, mid + span / 2];
  };
  const [w, e] = grow(west, east);
  const [s, n] = grow(south, north);
  return [
    [w, Math.max(s, -80)],
    [e, Math.min(n, 80)],
  ];
}

export function casualties(counts: EventFeature['properties']['counts']): number {
  return (counts.killed ?? 0) + (counts.injured ?? 0);
}

export function pointRadius(counts: EventFeature['properties']['counts']): number {
  return Math.min(26, 4.5 + 2.2 * Math.sqrt(casualties(counts)));
}

type Box = [number, number, number, number];

function overlaps(a: Box, b: Box): boolean {
  return a[0] < b[2] && a[2] > b[0] && a[1] < b[3] && a[3] > b[1];
}

/** The box a country's label covers (15px bold text, centred on its centroid). */
function countryLabelBox([x, y]: [number, number], text: string): Box {
  const halfWidth = text.length * 4.5 + 4;
  return [x - halfWidth, y - 14, x + halfWidth, y + 4];
}

interface PlacedPoint {
  /** The event the point stands for: the first of `count` events of one type at one place when they were pooled. */
  feature: EventFeature;
  count: number;
  x: number;
  y: number;
  r: number;
}

/** Up to this many events at one place get a circle each (on a small spiral); beyond it, one circle per event type. */
const SPREAD_MAX = 24;

function pooledRadius(events: EventFeature[]): number {
  const dead = events.reduce((sum, f) => sum + casualties(f.properties.counts), 0);
  return Math.min(30, 4.5 + 2.2 * Math.sqrt(dead) + 1.2 * Math.log2(events.length));
}

/** Projects the events. Events at one place are spread on a spiral so each stays visible and clickable; a place with
 *  very many gets one circle per event type instead (sized by their casualties together, its count in the tooltip). */
function placePoints(features: EventFeature[], projection: GeoProjection, width: number, height: number): PlacedPoint[] {
  const byPlace = new Map<string, EventFeature[]>();
  for (const f of features) {
    const key = f.geometry.coordinates.join(',');
    const list = byPlace.get(key);
    if (list) list.push(f);
    else byPlace.set(key, [f]);
  }
  const placed: PlacedPoint[] = [];
  for (const group of byPlace.values()) {
    const at = projection(group[0].geometry.coordinates);
    // Places outside the view are not drawn (zooming out brings them in).
    if (!at || at[0] < -30 || at[0] > width + 30 || at[1] < -30 || at[1] > height + 30) continue;
    let items: { feature: EventFeature; count: number; r: number }[];
    if (group.length <= SPREAD_MAX) {
      items = group.map((f) => ({ feature: f, count: 1, r: pointRadius(f.properties.counts) }));
    } else {
      const byType = new Map<string, EventFeature[]>();
      for (const f of group) {
        const list = byType.get(f.properties.type);
        if (list) list.push(f);
        else byType.set(f.properties.type, [f]);
      }
      items = [...byType.values()].map((list) => ({ feature: list[0], count: list.length, r: pooledRadius(list) }));
    }
    items.forEach((item, i) => {
      const angle = i * 2.39996;
      const distance = i === 0 ? 0 : (items.length > SPREAD_MAX ? 8 : 5) * Math.sqrt(i);
      placed.push({ ...item, x: at[0] + distance * Math.cos(angle), y: at[1] + distance * Math.sin(angle) });
    });
  }
  // Big circles first, so small ones stay on top and reachable.
  return placed.sort((a, b) => b.r - a.r);
}

export interface EventMapProps {
  collection: EventFeatureCollection & { entityIndex?: Record<string, EntityRef> };
  height?: number;
  width?: number;
  selected?: string | null;
  onSelect?(id: string | null): void;
  /** A compact map (story page): fewer labels, no zoom buttons. */
  compact?: boolean;
}

export function EventMap({ collection, width = 960, height = 560, selected, onSelect, compact }: EventMapProps) {
  const { t, tn, name, lang, date, num } = useI18n();
  const [countries, setCountries] = useState<Countries | null>(null);
  const [failed, setFailed] = useState(false);
  const [zoom, setZoom] = useState(1);
  const [hover, setHover] = useState<PlacedPoint | null>(null);
  useEffect(() => {
    let live = true;
    loadCountries().then(
      (c) => live && setCountries(c),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, []);

  const features = collection.features;
  const projection = useMemo(() => {
    const [[w, s], [e, n]] = fitBounds(focusPoints(features.map((f) => f.geometry.coordinates)));
    const frame = { type: 'Feature' as const, properties: {}, geometry: { type: 'MultiPoint' as const, coordinates: [[w, s], [e, n], [w, n], [e, s]] } };
    const p = geoMercator().fitExtent([[12, 12], [width - 12, height - 12]], frame);
    if (zoom !== 1) {
      const [tx, ty] = p.translate();
      p.scale(p.scale() * zoom).translate([width / 2 + (tx - width / 2) * zoom, height / 2 + (ty - height / 2) * zoom]);
    }
    return p.clipExtent([[0, 0], [width, height]]);
  }, [features, width, height, zoom]);

  const countryShapes = useMemo(() => {
    if (!countries) return [];
    const path = geoPath(projection);
    const labels = countryNames as Record<string, { ar: string; en: string }>;
    // Countries outside the view clip to nothing and are left out.
    return countries.features.flatMap((c) => {
      const d = path(c) ?? '';
      if (!d) return [];
      const id = String(c.id ?? '');
      const label = labels[id];
      let labelAt: [number, number] | null = null;
      const area = label ? path.area(c) : 0;
      if (area > (compact ? 2500 : 1200)) {
        const [x, y] = path.centroid(c);
        if (x > 20 && x < width - 20 && y > 12 && y < height - 12) labelAt = [x, y];
      }
      return [{ id, d, name: label?.[lang] ?? c.properties.name, labelAt, area }];
    });
  }, [countries, projection, lang, compact, width, height]);

  const points = useMemo(() => placePoints(features, projection, width, height), [features, projection, width, height]);
  // One set of listeners on the group instead of six per circle (thousands of events on one map).
  const pointsById = useMemo(() => new Map(points.map((p) => [String(p.feature.id), p])), [points]);
  const pointAt = (target: EventTarget | null): PlacedPoint | null => {
    const id = target instanceof SVGElement ? target.dataset.eventId : undefined;
    return id ? pointsById.get(id) ?? null : null;
  };

  // A single event is selected; a pooled circle opens the map of that place and type, where the list shows them all.
  const choose = (point: PlacedPoint | null) => {
    if (!point) return;
    const p = point.feature.properties;
    if (point.count > 1 && p.location) navigate(href(['map'], { place: p.location, type: p.type }));
    else onSelect?.(point.feature.id);
  };

  // Place names: the most frequent event places first, each only where it does not overlap a label already placed.
  const placeLabels = useMemo(() => {
    const byPlace = new Map<string, { feature: EventFeature; n: number }>();
    for (const f of features) {
      const key = f.geometry.coordinates.join(',');
      const entry = byPlace.get(key);
      if (entry) entry.n++;
      else byPlace.set(key, { feature: f, n: 1 });
    }
    const taken: Box[] = [];
    const labels: { key: string; x: number; y: number; text: string; box: Box }[] = [];
    for (const { feature: f } of [...byPlace.values()].sort((a, b) => b.n - a.n)) {
      if (labels.length >= (compact ? 5 : 14)) break;
      const at = projection(f.geometry.coordinates);
      if (!at || at[0] < 0 || at[0] > width || at[1] < 0 || at[1] > height) continue;
      const text = f.properties.locationName[lang] || f.properties.locationName.ar;
      const halfWidth = text.length * 3.6 + 4;
      const y = at[1] - pointRadius(f.properties.counts) - 6;
      const box: Box = [at[0] - halfWidth, y - 13, at[0] + halfWidth, y + 3];
      if (taken.some((other) => overlaps(box, other))) continue;
      taken.push(box);
      labels.push({ key: String(f.id), x: at[0], y, text, box });
    }
    return labels;
  }, [features, projection, compact, lang, width, height]);

  // Country names where they overlap neither an event place's label nor a larger country's name.
  const countryLabels = useMemo(() => {
    const taken: Box[] = placeLabels.map((label) => label.box);
    const labels: { id: string; x: number; y: number; name: string }[] = [];
    for (const c of [...countryShapes].sort((a, b) => b.area - a.area)) {
      if (!c.labelAt) continue;
      const box = countryLabelBox(c.labelAt, c.name);
      if (taken.some((other) => overlaps(box, other))) continue;
      taken.push(box);
      labels.push({ id: c.id, x: c.labelAt[0], y: c.labelAt[1], name: c.name });
    }
    return labels;
  }, [countryShapes, placeLabels]);

  const index = collection.entityIndex;
  const describe = (f: EventFeature, count = 1) => {
    const p = f.properties;
    const what = t('map.eventAt', { type: t(`eventType.${p.type}`), place: p.locationName[lang] || p.locationName.ar });
    return count > 1 ? `${what} — ${tn('count.events', count)}` : `${what}${p.date ? ` — ${date(p.date)}` : ''}`;
  };

  return (
    <div class={`event-map${compact ? ' compact' : ''}`}>
      {!countries && !failed && <Loading label={t('map.loadingMap')} />}
      <svg
        viewBox={`0 0 ${width} ${height}`}
        class="event-map-svg"
        data-testid="event-map"
        role="group"
        aria-label={t('map.title')}
        dir="ltr"
        onClick={(event) => {
          if (event.target === event.currentTarget) onSelect?.(null);
        }}
      >
        <rect width={width} height={height} class="sea" onClick={() => onSelect?.(null)} />
        <g class="countries">
          {countryShapes.map((c) => (
            <path key={c.id} d={c.d} class={c.id === '760' ? 'country focus' : 'country'} />
          ))}
        </g>
        <g class="country-labels" aria-hidden="true">
          {countryLabels.map((c) => (
            <text key={c.id} x={c.x} y={c.y} class="country-label">
              {c.name}
            </text>
          ))}
        </g>
        <g
          class="points"
          onMouseOver={(event) => setHover(pointAt(event.target))}
          onMouseOut={() => setHover(null)}
          onFocusIn={(event) => setHover(pointAt(event.target))}
          onFocusOut={() => setHover(null)}
          onClick={(event) => choose(pointAt(event.target))}
          onKeyDown={(event) => {
            if (event.key === 'Enter' || event.key === ' ') {
              event.preventDefault();
              choose(pointAt(event.target));
            }
          }}
        >
          {points.map((p) => (
            <circle
              key={p.feature.id}
              cx={p.x}
              cy={p.y}
              r={p.r}
              fill={eventColor(p.feature.properties.type)}
              class={`map-point${selected === p.feature.id ? ' selected' : ''}`}
              data-testid="map-point"
              data-event-id={p.feature.id}
              tabIndex={0}
              role="button"
              aria-label={describe(p.feature, p.count)}
            />
          ))}
        </g>
        <g class="place-labels" aria-hidden="true">
          {placeLabels.map((label) => (
            <text key={label.key} x={label.x} y={label.y} class="place-label">
              {label.text}
            </text>
          ))}
        </g>
      </svg>
      {hover && (
        <div
          class="map-tooltip"
          role="tooltip"
          style={{ left: `${(hover.x / width) * 100}%`, top: `${(hover.y / height) * 100}%` }}
        >
          <strong>{describe(hover.feature, hover.count)}</strong>
          {hover.count === 1 && index && hover.feature.properties.actors.length > 0 && (
            <span>
              {hover.feature.properties.actors.map((id) => name(index[id], id)).join('، ')}
              {hover.feature.properties.recipients.length > 0 &&
                ` ${lang === 'ar' ? '←' : '→'} ${hover.feature.properties.recipients.map((id) => name(index[id], id)).join('، ')}`}
            </span>
          )}
          {hover.count === 1 && Object.entries(hover.feature.properties.counts).map(([kind, n]) => (
            <span key={kind}>
              {num(n ?? 0)} {t(`countKind.${kind}`)}
            </span>
          ))}
        </div>
      )}
      {!compact && (
        <div class="map-zoom">
          <button type="button" class="button" aria-label="+" onClick={() => setZoom((z) => Math.min(z * 1.6, 40))}>
            +
          </button>
          <button type="button" class="button" aria-label="−" onClick={() => setZoom((z) => Math.max(z / 1.6, 0.2))}>
            −
          </button>
          <button type="button" class="button" onClick={() => setZoom(1)}>
            ⟲
          </button>
        </div>
      )}
    </div>
  );
}

/** One event of the map in words, with links to its stories. */
export function SelectedEvent({ feature: f, index }: { feature: EventFeature; index?: Record<string, EntityRef> }) {
  const { t, date, num, name, lang } = useI18n();
  const p = f.properties;
  return (
    <div class="selected-event card">
      <strong>{t(`eventType.${p.type}`)}</strong> — <a href={href(['entity', p.location ?? ''])}>{p.locationName[lang] || p.locationName.ar}</a>
      {p.date && <span class="meta"> {date(p.date)}</span>}
      {p.actors.length > 0 && (
        <p>
          {p.actors.map((id) => name(index?.[id], id)).join('، ')}
          {p.recipients.length > 0 && ` ${lang === 'ar' ? '←' : '→'} ${p.recipients.map((id) => name(index?.[id], id)).join('، ')}`}
        </p>
      )}
      {Object.entries(p.counts).map(([kind, n]) => (
        <span key={kind} class="count">
          {num(n ?? 0)} {t(`countKind.${kind}`)}
        </span>
      ))}
      {p.evidence[0] && (
        <blockquote dir="auto" class="evidence">
          {p.evidence[0].text}
        </blockquote>
      )}
      {p.storyIds.map((id) => (
        <a key={id} class="button" href={href(['story', id])}>
          {t('map.stories')}
        </a>
      ))}
    </div>
  );
}
