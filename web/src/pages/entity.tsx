// An entity (#/entity/ID): its names in both languages, type, coordinates, latest mentions in context, and stories.
import { apiUrl, useApi, type EntityDetail, type EventFeatureCollection } from '../api.js';
import { ArticleTitle } from '../components/entity-link.js';
import { EventMap, MAP_LIMIT } from '../components/event-map.js';
import { Highlighted } from '../components/highlighted.js';
import { Empty, RemoteView } from '../components/states.js';
import { StoryCard } from '../components/story-card.js';
import { useI18n } from '../i18n.js';
import { href } from '../router.js';

export function EntityPage({ id }: { id: string }) {
  const detail = useApi<EntityDetail>(apiUrl(`/api/entities/${encodeURIComponent(id)}`, { limit: 50 }));
  return <RemoteView remote={detail}>{(data) => <EntityView detail={data} />}</RemoteView>;
}

function EntityView({ detail }: { detail: EntityDetail }) {
  const { t, tn, name, date } = useI18n();
  const { entity } = detail;
  const isPlace = entity.type === 'location' || entity.type === 'facility';
  return (
    <article class="page entity-page">
      <header>
        <h1 data-testid="entity-name">{name(entity)}</h1>
        <dl class="facts">
          <dt>{t('entity.arabic')}</dt>
          <dd>
            <bdi lang="ar">{entity.name.ar}</bdi>
          </dd>
          <dt>{t('entity.english')}</dt>
          <dd>
            <bdi lang="en">{entity.name.en}</bdi>
          </dd>
          <dt>{t('entity.type')}</dt>
          <dd>{t(`entityType.${entity.type}`)}</dd>
          {entity.coordinates && (
            <>
              <dt>{t('entity.coordinates')}</dt>
              <dd>
                <bdi dir="ltr">
                  {entity.coordinates[1].toFixed(4)}° N, {entity.coordinates[0].toFixed(4)}° E
                </bdi>
              </dd>
            </>
          )}
          <dt>{t('entity.mentions')}</dt>
          <dd>{t('entity.summary', { mentions: tn('count.mentions', detail.mentionCount), articles: tn('count.articles', detail.articleCount) })}</dd>
        </dl>
        <p>
          <a class="button" href={href([], isPlace ? { place: entity.id } : { entity: entity.id })}>
            {t('entity.storiesWith')}
          </a>
        </p>
      </header>

      {isPlace && <PlaceEvents id={entity.id} />}

      <section aria-labelledby="mentions-title">
        <h2 id="mentions-title">{t('entity.mentions')}</h2>
        {detail.mentions.length === 0 ? (
          <Empty />
        ) : (
          <ul class="mention-list">
            {detail.mentions.map((m) => (
              <li key={`${m.articleId}:${m.start}`} class="mention">
                <a href={href(['article', m.articleId])} dir="auto" class="mention-title">
                  <ArticleTitle title={m.title} />
                </a>
                <span class="meta">
                  {m.outlet && <span>{m.outlet}</span>}
                  {m.published && <span>{date(m.published)}</span>}
                </span>
                <p dir="auto">
                  <Highlighted snippet={m.snippet} />
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="stories-title">
        <h2 id="stories-title">{t('entity.stories')}</h2>
        {detail.stories.length === 0 ? (
          <Empty />
        ) : (
          <div class="story-grid">
            {detail.stories.map((story) => (
              <StoryCard key={story.id} story={story} />
            ))}
          </div>
        )}
      </section>
    </article>
  );
}

function PlaceEvents({ id }: { id: string }) {
  const { t } = useI18n();
  const located = useApi<EventFeatureCollection>(apiUrl('/api/events', { place: id, format: 'geojson', limit: MAP_LIMIT }));
  if (located.state === 'ok' && located.data.features.length === 0) return null;
  return (
    <section aria-labelledby="place-events-title" class="story-map">
      <h2 id="place-events-title">{t('entity.eventsHere')}</h2>
      <RemoteView remote={located}>{(collection) => <EventMap collection={collection} width={720} height={360} compact />}</RemoteView>
    </section>
  );
}
