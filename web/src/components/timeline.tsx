// Events in time order: date, type, who did what to whom, where, how many, on whose word, and the quote that says so.
import type { ArticleSummary, EntityRef, EventOut, ViewEvent } from '../api.js';
import { useI18n } from '../i18n.js';
import { href } from '../router.js';
import { EntityLink, EntityList } from './entity-link.js';
import { EventKind } from './event-type.js';

export function EventCounts({ counts }: { counts: EventOut['counts'] }) {
  const { t, num } = useI18n();
  const entries = Object.entries(counts).filter(([, n]) => typeof n === 'number');
  if (entries.length === 0) return null;
  return (
    <span class="counts">
      {entries.map(([kind, n]) => (
        <span key={kind} class={`count count-${kind}`}>
          {num(n as number)} {t(`countKind.${kind}`)}
        </span>
      ))}
    </span>
  );
}

/** Where an evidence quote comes from: the outlet and day of its article, linking to the article's page. */
export function Source({ articleId, articles }: { articleId: string; articles?: Map<string, ArticleSummary> }) {
  const { t, date } = useI18n();
  const article = articles?.get(articleId);
  return (
    <a class="source" href={href(['article', articleId])}>
      {article ? `${article.outlet ?? t('story.noOutlet')}${article.published ? ` · ${date(article.published)}` : ''}` : t('story.openArticle')}
    </a>
  );
}

export function TimelineEvent({
  event,
  index,
  articles,
}: {
  event: ViewEvent;
  index: Record<string, EntityRef>;
  articles?: Map<string, ArticleSummary>;
}) {
  const { t, date, lang, num } = useI18n();
  const [first, ...others] = event.evidence;
  // Up to three passages come with the event; reportCount says how many articles report it in all.
  const otherReports = Math.max(others.length, (event.reportCount ?? event.evidence.length) - 1);
  const arrow = lang === 'ar' ? '←' : '→';
  return (
    <li class={`timeline-event status-${event.status}`} data-testid="timeline-event" data-event-id={event.id}>
      <div class="timeline-date">{event.date ? <time dateTime={event.date}>{date(event.date)}</time> : <span class="muted">{t('story.undated')}</span>}</div>
      <div class="timeline-body">
        <div class="timeline-head">
          <EventKind event={event} />
          {event.status === 'planned' && <span class="status-badge planned">{t('story.planned')}</span>}
          <EventCounts counts={event.counts} />
        </div>
        {(event.actors.length > 0 || event.recipients.length > 0) && (
          <p class="parties">
            {event.actors.length > 0 ? <EntityList ids={event.actors} index={index} /> : <span class="muted">—</span>}
            {event.recipients.length > 0 && (
              <>
                <span class="arrow" aria-hidden="true">
                  {` ${arrow} `}
                </span>
                <EntityList ids={event.recipients} index={index} />
              </>
            )}
          </p>
        )}
        <p class="event-meta">
          {event.location && (
            <span>
              {t('story.place')}: <EntityLink id={event.location} index={index} />
            </span>
          )}
          {event.attribution && (
            <span>
              {t('story.according')} <EntityLink id={event.attribution} index={index} />
            </span>
          )}
        </p>
        {first && (
          <blockquote class="evidence">
            <span dir="auto">{first.text}</span>
            <footer>
              <Source articleId={first.articleId} articles={articles} />
            </footer>
          </blockquote>
        )}
        {otherReports > 0 && others.length === 0 && (
          <p class="more-evidence muted">
            {t('story.moreReports')} ({num(otherReports)})
          </p>
        )}
        {others.length > 0 && (
          <details class="more-evidence">
            <summary>
              {t('story.moreReports')} ({num(otherReports)})
            </summary>
            {others.map((e) => (
              <blockquote key={`${e.articleId}:${e.start}`} class="evidence">
                <span dir="auto">{e.text}</span>
                <footer>
                  <Source articleId={e.articleId} articles={articles} />
                </footer>
              </blockquote>
            ))}
          </details>
        )}
      </div>
    </li>
  );
}
