// The story list (#/): newest activity first, filtered by text, outlet, event type, dates, entity or place; paged.
import { useEffect, useState } from 'preact/hooks';
import { apiUrl, useApi, type EntityDetail, type OutletCount, type StoryList } from '../api.js';
import { EVENT_TYPES } from '../components/event-type.js';
import { Pager } from '../components/pager.js';
import { Empty, RemoteView } from '../components/states.js';
import { StoryCard } from '../components/story-card.js';
import { useI18n } from '../i18n.js';
import { href, navigate } from '../router.js';

export const PAGE_SIZE = 20;
/** The filters the list, the map and the API share (query parameter names of GET /api/stories and /api/events). */
export const FILTER_KEYS = ['q', 'outlet', 'type', 'from', 'to', 'entity', 'place'] as const;
export type Filters = Partial<Record<(typeof FILTER_KEYS)[number], string>>;

export function filtersFrom(query: URLSearchParams): Filters {
  const filters: Filters = {};
  for (const key of FILTER_KEYS) {
    const value = query.get(key)?.trim();
    if (value) filters[key] = value;
  }
  return filters;
}

export function StoryListPage({ query }: { query: URLSearchParams }) {
  const { t } = useI18n();
  const filters = filtersFrom(query);
  const offset = Math.max(0, Number(query.get('offset')) || 0);
  const stories = useApi<StoryList>(apiUrl('/api/stories', { ...filters, limit: PAGE_SIZE, offset }));
  const go = (next: Filters, nextOffset = 0) => navigate(href([], { ...next, offset: nextOffset || undefined }));
  return (
    <section class="page" aria-labelledby="list-title">
      <h1 id="list-title">{t('list.title')}</h1>
      <FilterForm filters={filters} onApply={(next) => go(next)} />
      <ActiveRefs filters={filters} onRemove={(key) => go({ ...filters, [key]: undefined })} />
      <RemoteView remote={stories}>
        {(list) =>
          list.stories.length === 0 ? (
            <Empty />
          ) : (
            <>
              <div class="story-grid">
                {list.stories.map((story) => (
                  <StoryCard key={story.id} story={story} />
                ))}
              </div>
              <Pager total={list.total} limit={list.limit} offset={list.offset} onPage={(o) => { go(filters, o); window.scrollTo(0, 0); }} />
            </>
          )
        }
      </RemoteView>
    </section>
  );
}

/** The filters of the story list and the map: text, outlet, event type and dates, applied together on submit. */
export function FilterForm({ filters, onApply }: { filters: Filters; onApply(filters: Filters): void }) {
  const { t, num } = useI18n();
  const outlets = useApi<OutletCount[]>('/api/outlets');
  const [draft, setDraft] = useState<Filters>(filters);
  const key = JSON.stringify(filters);
  useEffect(() => setDraft(filters), [key]);
  const set = (name: keyof Filters) => (event: Event) => setDraft({ ...draft, [name]: (event.currentTarget as HTMLInputElement).value });
  return (
    <form
      class="filters"
      role="search"
      aria-label={t('list.filters')}
      onSubmit={(event) => {
        event.preventDefault();
        onApply(draft);
      }}
    >
      <label>
        <span>{t('list.text')}</span>
        <input type="search" name="q" value={draft.q ?? ''} placeholder={t('list.textPlaceholder')} onInput={set('q')} data-testid="filter-text" />
      </label>
      <label>
        <span>{t('list.outlet')}</span>
        <select name="outlet" value={draft.outlet ?? ''} onChange={set('outlet')} data-testid="filter-outlet">
          <option value="">{t('list.allOutlets')}</option>
          {outlets.state === 'ok' &&
            outlets.data.map((o) => (
              <option key={o.outlet} value={o.outlet}>
                {o.outlet} ({num(o.articles)})
              </option>
            ))}
          {draft.outlet && outlets.state === 'ok' && !outlets.data.some((o) => o.outlet === draft.outlet) && (
            <option value={draft.outlet}>{draft.outlet}</option>
          )}
        </select>
      </label>
      <label>
        <span>{t('list.type')}</span>
        <select name="type" value={draft.type ?? ''} onChange={set('type')} data-testid="filter-type">
          <option value="">{t('list.allTypes')}</option>
          {EVENT_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`eventType.${type}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('list.from')}</span>
        <input type="date" name="from" value={draft.from ?? ''} onInput={set('from')} data-testid="filter-from" />
      </label>
      <label>
        <span>{t('list.to')}</span>
        <input type="date" name="to" value={draft.to ?? ''} onInput={set('to')} data-testid="filter-to" />
      </label>
      <div class="filter-actions">
        <button type="submit" class="button primary" data-testid="filter-apply">
          {t('list.apply')}
        </button>
        <button
          type="button"
          class="button"
          onClick={() => {
            const kept: Filters = { entity: filters.entity, place: filters.place };
            setDraft(kept);
            onApply(kept);
          }}
        >
          {t('list.clear')}
        </button>
      </div>
    </form>
  );
}

/** The entity and place filters (set from entity pages), shown with their names and a button that removes them. */
export function ActiveRefs({ filters, onRemove }: { filters: Filters; onRemove(key: 'entity' | 'place'): void }) {
  return (
    <>
      {filters.entity && <RefChip kind="entity" id={filters.entity} onRemove={() => onRemove('entity')} />}
      {filters.place && <RefChip kind="place" id={filters.place} onRemove={() => onRemove('place')} />}
    </>
  );
}

function RefChip({ kind, id, onRemove }: { kind: 'entity' | 'place'; id: string; onRemove(): void }) {
  const { t, name } = useI18n();
  const detail = useApi<EntityDetail>(apiUrl(`/api/entities/${encodeURIComponent(id)}`, { limit: 1 }));
  const label = name(detail.state === 'ok' ? detail.data.entity : undefined, id);
  return (
    <p class="active-filter">
      <span>{t(`list.${kind}`)}:</span> <a href={href(['entity', id])}>{label}</a>
      <button type="button" class="chip-remove" aria-label={t('list.removeFilter')} title={t('list.removeFilter')} onClick={onRemove}>
        ×
      </button>
    </p>
  );
}
