// A story (#/story/ID): summary, map and timeline of its events, contradictions side by side, statements by speaker,
// the outlets compared, and its entities.
import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import {
  apiUrl, getJson, type ArticleList, type ArticleSummary, type ClaimOut, type ContradictionDetail, type EntityRef,
  type EventFeatureCollection, type SpeakerClaims, type StoryDetail, type ViewEvent, useApi,
} from '../api.js';
import { ArticleTitle, EntityLink, EntityList } from '../components/entity-link.js';
import { EventMap, MAP_LIMIT } from '../components/event-map.js';
import { useShowMore } from '../components/show-more.js';
import { Empty, RemoteView } from '../components/states.js';
import { EventCounts, Source, TimelineEvent } from '../components/timeline.js';
import { useI18n, type I18n } from '../i18n.js';
import { href } from '../router.js';
import { safeHttpUrl } from '../safe-url.js';

export function StoryPage({ id }: { id: string }) {
  const story = useApi<StoryDetail>(`/api/stories/${encodeURIComponent(id)}`);
  return <RemoteView remote={story}>{(data) => <StoryView story={data} />}</RemoteView>;
}

function StoryView({ story }: { story: StoryDetail }) {
  const { t, tn, date } = useI18n();
  const articles = useMemo(() => new Map(story.articles.map((a) => [a.id, a])), [story]);
  return (
    <article class="page story-page">
      <header class="story-header">
        <h1 data-testid="story-title">{story.title}</h1>
        <p class="meta">
          <span>{tn('count.articles', story.articleCount)}</span>
          <span>{tn('count.sources', story.sourceCount)}</span>
          <span>{tn('count.events', story.eventCount)}</span>
          {story.firstPublished && (
            <span>
              {t('story.firstSeen')}: {date(story.firstPublished)}
            </span>
          )}
          {story.lastPublished && (
            <span>
              {t('story.lastSeen')}: {date(story.lastPublished)}
            </span>
          )}
        </p>
        <section aria-label={t('story.summary')}>
          <p class="summary" dir="auto">
            {story.summary}
          </p>
        </section>
      </header>

      <div class="story-columns">
        <section class="timeline-section" aria-labelledby="timeline-title">
          <h2 id="timeline-title">{t('story.timeline')}</h2>
          <Timeline events={story.timeline} index={story.entityIndex} articles={articles} />
          {story.timelineTotal > story.timeline.length && (
            <p class="capped">
              {t('story.timelineCapped', { shown: story.timeline.length, total: story.timelineTotal })}{' '}
              <a href={href(['map'], { storyId: story.id })}>{t('story.allEvents')}</a>
            </p>
          )}
        </section>
        <aside class="story-aside">
          <StoryMap storyId={story.id} />
          <EntityTable story={story} />
        </aside>
      </div>

      <section aria-labelledby="contradictions-title">
        <h2 id="contradictions-title">{t('story.contradictions')}</h2>
        {story.contradictions.length === 0 ? (
          <Empty>{t('story.noContradictions')}</Empty>
        ) : (
          story.contradictions.map((c) => <Contradiction key={c.id} contradiction={c} index={story.entityIndex} articles={articles} />)
        )}
      </section>

      <section aria-labelledby="claims-title">
        <h2 id="claims-title">{t('story.claims')}</h2>
        {story.claimsBySpeaker.length === 0 ? (
          <Empty>{t('story.noClaims')}</Empty>
        ) : (
          <div class="speaker-grid">
            {story.claimsBySpeaker.map((group, i) => (
              <SpeakerGroup key={`${group.speaker ?? ''}:${group.speakerText}:${i}`} group={group} index={story.entityIndex} articles={articles} />
            ))}
          </div>
        )}
      </section>

      <SourceComparison story={story} />
    </article>
  );
}

function Timeline({ events, index, articles }: { events: ViewEvent[]; index: Record<string, EntityRef>; articles: Map<string, ArticleSummary> }) {
  const { t } = useI18n();
  const { visible, more } = useShowMore(events, 40);
  if (events.length === 0) return <Empty>{t('story.noEvents')}</Empty>;
  return (
    <>
      <ol class="timeline" data-testid="timeline">
        {visible.map((event) => (
          <TimelineEvent key={event.id} event={event} index={index} articles={articles} />
        ))}
      </ol>
      {more}
    </>
  );
}

function StoryMap({ storyId }: { storyId: string }) {
  const { t } = useI18n();
  const located = useApi<EventFeatureCollection>(apiUrl('/api/events', { storyId, format: 'geojson', limit: MAP_LIMIT }));
  if (located.state === 'ok' && located.data.features.length === 0) return null;
  return (
    <section aria-labelledby="story-map-title" class="story-map">
      <h2 id="story-map-title">{t('story.map')}</h2>
      <RemoteView remote={located}>{(collection) => <EventMap collection={collection} width={480} height={360} compact />}</RemoteView>
      <p>
        <a href={href(['map'], { storyId })}>{t('map.title')}</a>
      </p>
    </section>
  );
}

/** Who a claim's speaker is, in words: the entity's name, the words that name an unnamed source, or "unidentified". */
function speakerLabel(i18n: I18n, claim: Pick<ClaimOut, 'speaker' | 'speakerText'> & { unnamed?: boolean }, index: Record<string, EntityRef>) {
  if (claim.speaker) return i18n.name(index[claim.speaker], claim.speaker);
  if (claim.speakerText) return claim.speakerText;
  return claim.unnamed ? i18n.t('story.unnamedSource') : i18n.t('story.unknownSpeaker');
}

function Claim({ claim, articles, showSpeaker, index }: { claim: ClaimOut; articles: Map<string, ArticleSummary>; showSpeaker?: boolean; index: Record<string, EntityRef> }) {
  const i18n = useI18n();
  return (
    <li class={`claim stance-${claim.stance}`}>
      <div class="claim-head">
        <span class={`stance-badge stance-${claim.stance}`}>{i18n.t(`stance.${claim.stance}`)}</span>
        {showSpeaker &&
          (claim.speaker ? <EntityLink id={claim.speaker} index={index} /> : <span class="speaker-text">{speakerLabel(i18n, claim, index)}</span>)}
        {claim.cue && (
          <span class="cue" dir="auto">
            {claim.cue}
          </span>
        )}
      </div>
      <q dir="auto">{claim.text}</q>
      <Source articleId={claim.articleId} articles={articles} />
    </li>
  );
}

function SpeakerGroup({ group, index, articles }: { group: SpeakerClaims; index: Record<string, EntityRef>; articles: Map<string, ArticleSummary> }) {
  const i18n = useI18n();
  const { visible, more } = useShowMore(group.claims, 8);
  const unnamed = group.claims.some((c) => c.unnamed);
  return (
    <section class="card speaker-claims" data-testid="speaker-claims">
      <h3>
        {group.speaker ? (
          <EntityLink id={group.speaker} index={index} />
        ) : (
          <span>{speakerLabel(i18n, { speaker: null, speakerText: group.speakerText, unnamed }, index)}</span>
        )}
        <span class="meta"> {i18n.tn('count.claims', Math.max(group.total ?? 0, group.claims.length))}</span>
      </h3>
      {group.speaker && group.speakerText && (
        <p class="speaker-as" dir="auto">
          {group.speakerText}
        </p>
      )}
      <ul class="claims">
        {visible.map((claim) => (
          <Claim key={claim.id} claim={claim} articles={articles} index={index} />
        ))}
      </ul>
      {more}
    </section>
  );
}

interface Side {
  key: string;
  title: ComponentChildren;
  claims: ClaimOut[];
  events: ViewEvent[];
  /** For one event told differently by several reports: the report this side shows. */
  evidenceArticle?: string;
}

/** The two or more sides of a contradiction: its claims grouped by speaker, then its events (one report each when the
 *  contradiction is one event told with different figures). */
function sidesOf(c: ContradictionDetail, i18n: I18n, articles: Map<string, ArticleSummary>, index: Record<string, EntityRef>): Side[] {
  const sides: Side[] = [];
  const bySpeaker = new Map<string, Side>();
  for (const claim of c.claims) {
    const key = claim.speaker ?? `text:${claim.speakerText}`;
    let side = bySpeaker.get(key);
    if (!side) {
      side = {
        key,
        title: claim.speaker ? <EntityLink id={claim.speaker} index={index} /> : speakerLabel(i18n, claim, index),
        claims: [],
        events: [],
      };
      bySpeaker.set(key, side);
      sides.push(side);
    }
    side.claims.push(claim);
  }
  const reportSides = c.events.length === 1 && c.claims.length === 0 && c.events[0].evidence.length > 1;
  for (const event of c.events) {
    if (reportSides) {
      for (const evidence of event.evidence) {
        const article = articles.get(evidence.articleId);
        sides.push({
          key: `${event.id}:${evidence.articleId}:${evidence.start}`,
          title: article?.outlet ?? i18n.t('story.noOutlet'),
          claims: [],
          events: [{ ...event, evidence: [evidence] }],
          evidenceArticle: evidence.articleId,
        });
      }
    } else {
      sides.push({
        key: event.id,
        title: event.actors.length > 0 ? <EntityList ids={event.actors} index={index} /> : i18n.t(`eventType.${event.type}`),
        claims: [],
        events: [event],
      });
    }
  }
  return sides;
}

function Contradiction({ contradiction: c, index, articles }: { contradiction: ContradictionDetail; index: Record<string, EntityRef>; articles: Map<string, ArticleSummary> }) {
  const i18n = useI18n();
  const { t } = i18n;
  const sides = sidesOf(c, i18n, articles, index);
  return (
    <section class="card contradiction" data-testid="contradiction" aria-label={t(`contradiction.${c.kind}`)}>
      <header class="contradiction-head">
        <span class={`kind-badge kind-${c.kind}`}>{t(`contradiction.${c.kind}`)}</span>
        {c.topic && (
          <span class="topic">
            {t('story.topic')}: <bdi>{c.topic}</bdi>
          </span>
        )}
      </header>
      {c.explanation && (
        <p class="explanation" dir="auto">
          {c.explanation}
        </p>
      )}
      <div class="sides" style={{ '--sides': String(Math.min(sides.length, 3)) }}>
        {sides.map((side, i) => (
          <div class="side" key={side.key}>
            <h3>
              <span class="side-number">{t('story.side', { n: i18n.num(i + 1) })}</span> {side.title}
            </h3>
            {side.claims.length > 0 && (
              <ul class="claims">
                {side.claims.map((claim) => (
                  <Claim key={claim.id} claim={claim} articles={articles} index={index} />
                ))}
              </ul>
            )}
            {side.events.map((event) => (
              <div class="side-event" key={event.id}>
                <p>
                  <strong>{t(`eventType.${event.type}`)}</strong>
                  {event.date && ` · ${i18n.date(event.date)}`} <EventCounts counts={event.counts} />
                </p>
                {event.evidence.map((e) => (
                  <blockquote class="evidence" key={`${e.articleId}:${e.start}`}>
                    <span dir="auto">{e.text}</span>
                    <footer>
                      <Source articleId={e.articleId} articles={articles} />
                    </footer>
                  </blockquote>
                ))}
              </div>
            ))}
          </div>
        ))}
      </div>
    </section>
  );
}

function EntityTable({ story }: { story: StoryDetail }) {
  const { t, tn } = useI18n();
  const { visible, more } = useShowMore(story.entities, 15);
  if (story.entities.length === 0) return null;
  return (
    <section aria-labelledby="entities-title" class="story-entities">
      <h2 id="entities-title">{t('story.entities')}</h2>
      <table class="entity-table">
        <tbody>
          {visible.map(({ entity, mentions, articles }) => (
            <tr key={entity.id}>
              <td>
                <EntityLink id={entity.id} entity={entity} />
              </td>
              <td class="muted">{t(`entityType.${entity.type}`)}</td>
              <td class="muted">{t('story.mentionsIn', { mentions: tn('count.mentions', mentions), articles: tn('count.articles', articles) })}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {more}
    </section>
  );
}

const ARTICLE_PAGE = 100;

/** The story's articles: those the page came with, then further pages from GET /api/articles?storyId= on request. */
function useStoryArticles(story: StoryDetail) {
  const [extra, setExtra] = useState<ArticleSummary[]>([]);
  const [state, setState] = useState<'idle' | 'loading' | 'error'>('idle');
  useEffect(() => setExtra([]), [story.id]);
  const all = useMemo(() => {
    const seen = new Set(story.articles.map((a) => a.id));
    return [...story.articles, ...extra.filter((a) => !seen.has(a.id))];
  }, [story, extra]);
  const total = Math.max(story.articlesTotal ?? 0, story.articles.length);
  const loadMore = () => {
    setState('loading');
    getJson<ArticleList>(apiUrl('/api/articles', { storyId: story.id, limit: ARTICLE_PAGE, offset: all.length })).then(
      (page) => {
        setExtra((list) => [...list, ...page.articles]);
        setState('idle');
      },
      () => setState('error'),
    );
  };
  return { all, total, loadMore, state };
}

/** The story's articles grouped by outlet, with what each outlet reports: how many of the events and statements. */
function SourceComparison({ story }: { story: StoryDetail }) {
  const { t, tn, date, num } = useI18n();
  const { all, total, loadMore, state } = useStoryArticles(story);
  const outlets = useMemo(() => {
    const groups = new Map<string, ArticleSummary[]>();
    for (const article of all) {
      const key = article.outlet ?? '';
      const list = groups.get(key);
      if (list) list.push(article);
      else groups.set(key, [article]);
    }
    const claims = story.claimsBySpeaker.flatMap((g) => g.claims);
    return [...groups.entries()]
      .map(([outlet, articles]) => {
        const ids = new Set(articles.map((a) => a.id));
        return {
          outlet,
          articles,
          events: story.timeline.filter((e) => e.articleIds.some((id) => ids.has(id))).length,
          claims: claims.filter((c) => ids.has(c.articleId)).length,
        };
      })
      .sort((a, b) => b.articles.length - a.articles.length);
  }, [story, all]);
  return (
    <section aria-labelledby="sources-title">
      <h2 id="sources-title">
        {t('story.sources')} <span class="meta">{tn('count.articles', total)}</span>
      </h2>
      <div class="outlet-grid">
        {outlets.map((group) => (
          <section class="card outlet-column" key={group.outlet} data-testid="outlet-group">
            <h3>{group.outlet || t('story.noOutlet')}</h3>
            <p class="meta">
              <span>{tn('count.articles', group.articles.length)}</span>
              <span>
                {t('story.outletEvents')}: {tn('count.events', group.events)}
              </span>
              <span>
                {t('story.outletClaims')}: {tn('count.claims', group.claims)}
              </span>
            </p>
            <OutletArticles articles={group.articles} date={date} />
          </section>
        ))}
      </div>
      {all.length < total && (
        <button type="button" class="button show-more" disabled={state === 'loading'} onClick={loadMore}>
          {state === 'error' ? t('state.retry') : `${t('story.moreArticles')} (${num(total - all.length)})`}
        </button>
      )}
    </section>
  );
}

function OutletArticles({ articles, date }: { articles: ArticleSummary[]; date: (value: string | null) => string }) {
  const { t } = useI18n();
  const { visible, more } = useShowMore(articles, 12);
  return (
    <>
      <ul class="article-list">
        {visible.map((article) => {
          const url = safeHttpUrl(article.url);
          return (
            <li key={article.id} data-testid="story-article">
              <a href={href(['article', article.id])} dir="auto">
                <ArticleTitle title={article.title} />
              </a>
              <span class="meta">
                {article.published && <span>{date(article.published)}</span>}
                {article.duplicateOf && <span class="flag">{t('story.duplicate')}</span>}
                {url && (
                  <a href={url} rel="noopener noreferrer nofollow" target="_blank" class="external">
                    {t('story.original')}
                  </a>
                )}
              </span>
            </li>
          );
        })}
      </ul>
      {more}
    </>
  );
}
