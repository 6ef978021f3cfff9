// One story in a list: title, summary, counts, dates, activity sparkline and its most mentioned entities.
import type { StorySummary } from '../api.js';
import { useI18n } from '../i18n.js';
import { href } from '../router.js';
import { EntityLink } from './entity-link.js';
import { Sparkline } from './sparkline.js';

export function StoryCard({ story }: { story: StorySummary }) {
  const { t, tn, date } = useI18n();
  const first = date(story.firstPublished);
  const last = date(story.lastPublished);
  return (
    <article class="card story-card" data-testid="story-card" data-story-id={story.id}>
      <header class="story-card-head">
        <h3 class="story-card-title">
          <a href={href(['story', story.id])} data-testid="story-title" dir="auto">
            {story.title}
          </a>
        </h3>
        <Sparkline activity={story.activity} />
      </header>
      <p class="story-card-summary" dir="auto">
        {story.summary}
      </p>
      <p class="meta">
        <span>{tn('count.articles', story.articleCount)}</span>
        <span>{tn('count.sources', story.sourceCount)}</span>
        {story.eventCount > 0 && <span>{tn('count.events', story.eventCount)}</span>}
        {story.contradictionCount > 0 && <span class="flag">{tn('count.contradictions', story.contradictionCount)}</span>}
        {(first || last) && (
          <span class="dates">
            <bdi>{first}</bdi>
            {last && last !== first && (
              <>
                {' – '}
                <bdi>{last}</bdi>
              </>
            )}
          </span>
        )}
      </p>
      {story.topEntities.length > 0 && (
        <ul class="chips" aria-label={t('story.entities')}>
          {story.topEntities.map((entity) => (
            <li key={entity.id}>
              <EntityLink id={entity.id} entity={entity} />
            </li>
          ))}
        </ul>
      )}
      {story.outlets.length > 0 && <p class="outlets">{story.outlets.join(' · ')}</p>}
    </article>
  );
}
