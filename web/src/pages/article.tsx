// An article (#/article/ID): its text as published, with the entity mentions linked (built from offsets, as text).
import type { ComponentChildren } from 'preact';
import { useApi, type ArticleDetail } from '../api.js';
import { ArticleTitle, EntityLink } from '../components/entity-link.js';
import { RemoteView } from '../components/states.js';
import { useI18n } from '../i18n.js';
import { href } from '../router.js';
import { safeHttpUrl } from '../safe-url.js';

export function ArticlePage({ id }: { id: string }) {
  const article = useApi<ArticleDetail>(`/api/articles/${encodeURIComponent(id)}`);
  return <RemoteView remote={article}>{(data) => <ArticleView article={data} />}</RemoteView>;
}

/** The text split at the (non-overlapping, in order) mentions: plain strings and links to the entities' pages. */
function linkedText(article: ArticleDetail): ComponentChildren[] {
  const out: ComponentChildren[] = [];
  let at = 0;
  const mentions = [...article.entities].sort((a, b) => a.start - b.start || b.end - a.end);
  for (const m of mentions) {
    if (m.start < at || m.end > article.text.length) continue;
    if (m.start > at) out.push(article.text.slice(at, m.start));
    out.push(
      <a key={`${m.start}`} class={`entity entity-${m.type}`} href={href(['entity', m.entityId])}>
        {article.text.slice(m.start, m.end)}
      </a>,
    );
    at = m.end;
  }
  if (at < article.text.length) out.push(article.text.slice(at));
  return out;
}

function ArticleView({ article }: { article: ArticleDetail }) {
  const { t, date } = useI18n();
  const url = safeHttpUrl(article.url);
  const mentioned = [...new Set(article.entities.map((e) => e.entityId))];
  return (
    <article class="page article-page">
      <header>
        <h1 dir="auto" data-testid="article-title">
          <ArticleTitle title={article.title} />
        </h1>
        <p class="meta">
          {article.outlet && <span>{article.outlet}</span>}
          {article.published && <span>{date(article.published)}</span>}
          {article.storyId && (
            <a href={href(['story', article.storyId])}>{t('article.story')}</a>
          )}
          {url ? (
            <a href={url} rel="noopener noreferrer nofollow" target="_blank" class="external">
              {t('story.original')}
            </a>
          ) : (
            article.url && (
              <span class="muted url-text" dir="ltr">
                {article.url}
              </span>
            )
          )}
        </p>
      </header>
      <section aria-label={t('article.text')}>
        <div class="article-text" dir="auto" lang={article.language} data-testid="article-text">
          {linkedText(article)}
        </div>
      </section>
      {mentioned.length > 0 && (
        <section aria-labelledby="article-entities">
          <h2 id="article-entities">{t('article.entities')}</h2>
          <ul class="chips">
            {mentioned.map((id) => (
              <li key={id}>
                <EntityLink id={id} index={article.entityIndex} />
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}
