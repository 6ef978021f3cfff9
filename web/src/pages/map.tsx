// The event map (#/map?type=&from=&to=&outlet=&storyId=): located events on the map, a legend, and the paged list
// of the same events in words.
import { useState } from 'preact/hooks';
import { apiUrl, useApi, type EventFeatureCollection, type EventList } from '../api.js';
import { EVENT_TYPES, eventColor } from '../components/event-type.js';
import { EventMap, MAP_LIMIT, SelectedEvent } from '../components/event-map.js';
import { Pager } from '../components/pager.js';
import { Empty, RemoteView } from '../components/states.js';
import { TimelineEvent } from '../components/timeline.js';
import { useI18n } from '../i18n.js';
import { href, navigate } from '../router.js';
import { ActiveRefs, FilterForm, filtersFrom, type Filters } from './story-list.js';

const LIST_SIZE = 25;

export function MapPage({ query }: { query: URLSearchParams }) {
  const { t, tn } = useI18n();
  const filters = filtersFrom(query);
  const storyId = query.get('storyId') ?? undefined;
  const offset = Math.max(0, Number(query.get('offset')) || 0);
  const [selected, setSelected] = useState<string | null>(null);
  const located = useApi<EventFeatureCollection>(apiUrl('/api/events', { ...filters, storyId, format: 'geojson', limit: MAP_LIMIT }));
  const list = useApi<EventList>(apiUrl('/api/events', { ...filters, storyId, limit: LIST_SIZE, offset }));
  const go = (next: Filters, nextOffset = 0) => navigate(href(['map'], { ...next, storyId, offset: nextOffset || undefined }));
  return (
    <section class="page map-page" aria-labelledby="map-title">
      <h1 id="map-title">{t('map.title')}</h1>
      <FilterForm filters={filters} onApply={(next) => go(next)} />
      <ActiveRefs filters={filters} onRemove={(key) => go({ ...filters, [key]: undefined })} />
      {storyId && (
        <p class="active-filter">
          <a href={href(['story', storyId])}>{t('map.stories')}</a>
          <button type="button" class="chip-remove" aria-label={t('list.removeFilter')} onClick={() => navigate(href(['map'], { ...filters }))}>
            ×
          </button>
        </p>
      )}
      <RemoteView remote={located}>
        {(collection) => (
          <>
            <p class="meta">{t('map.located', { n: collection.features.length })}</p>
            {collection.features.length === 0 && <Empty>{t('map.noLocated')}</Empty>}
            <EventMap collection={collection} selected={selected} onSelect={setSelected} />
            {selected &&
              collection.features
                .filter((f) => f.id === selected)
                .map((f) => <SelectedEvent key={f.id} feature={f} index={(collection as { entityIndex?: EventList['entityIndex'] }).entityIndex} />)}
          </>
        )}
      </RemoteView>
      <Legend />
      <section aria-labelledby="event-list-title">
        <h2 id="event-list-title">{t('map.list')}</h2>
        <RemoteView remote={list}>
          {(events) =>
            events.events.length === 0 ? (
              <Empty />
            ) : (
              <>
                <p class="meta">{tn('count.events', events.total)}</p>
                <ol class="timeline" data-testid="event-list">
                  {events.events.map((event) => (
                    <TimelineEvent key={event.id} event={event} index={events.entityIndex} />
                  ))}
                </ol>
                <Pager total={events.total} limit={events.limit} offset={events.offset} onPage={(o) => go(filters, o)} />
              </>
            )
          }
        </RemoteView>
      </section>
    </section>
  );
}

function Legend() {
  const { t } = useI18n();
  return (
    <section class="legend" aria-label={t('map.legend')}>
      <ul>
        {EVENT_TYPES.map((type) => (
          <li key={type}>
            <span class="swatch" style={{ background: eventColor(type) }} aria-hidden="true" />
            {t(`eventType.${type}`)}
          </li>
        ))}
      </ul>
      <p class="meta">{t('map.size')}</p>
    </section>
  );
}
