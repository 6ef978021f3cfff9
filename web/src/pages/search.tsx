// Search (#/search?q=): stories and articles whose text matches, with the matched words marked.
import { useEffect, useState } from 'preact/hooks';
import { apiUrl, useApi, type SearchResult } from '../api.js';
import { ArticleTitle, EntityLink } from '../components/entity-link.js';
import { Highlighted } from '../components/highlighted.js';
import { Empty, RemoteView } from '../components/states.js';
import { useI18n } from '../i18n.js';
import { href, navigate } from '../router.js';

const STEP = 20;

export function SearchPage({ query }: { query: URLSearchParams }) {
  const { t } = useI18n();
  const q = query.get('q')?.trim() ?? '';
  const limit = Math.max(STEP, Number(query.get('limit')) || STEP);
  const [draft, setDraft] = useState(q);
  useEffect(() => setDraft(q), [q]);
  const result = useApi<SearchResult>(q ? apiUrl('/api/search', { q, limit }) : null);
  return (
    <section class="page search-page" aria-labelledby="search-title">
      <h1 id="search-title">{t('search.title')}</h1>
      <form
        class="search-form"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          navigate(href(['search'], { q: draft.trim() }));
        }}
      >
        <input
          type="search"
          name="q"
          value={draft}
          placeholder={t('search.placeholder')}
          aria-label={t('search.placeholder')}
          onInput={(event) => setDraft(event.currentTarget.value)}
          data-testid="search-input"
          autoFocus
        />
        <button type="submit" class="button primary">
          {t('search.submit')}
        </button>
      </form>
      {!q ? <p class="hint">{t('search.prompt')}</p> : <RemoteView remote={result}>{(data) => <Results result={data} q={q} limit={limit} />}</RemoteView>}
    </section>
  );
}

function Results({ result, q, limit }: { result: SearchResult; q: string; limit: number }) {
  const { t, tn, date } = useI18n();
  if (result.stories.length === 0 && result.articles.length === 0) return <Empty />;
  return (
    <div class="search-results">
      {(result.terms.length > 0 || result.entities.length > 0) && (
        <p class="meta search-terms">
          {result.terms.length > 0 && (
            <span>
              {t('search.terms')}:{' '}
              {result.terms.map((term) => (
                <bdi class="term" key={term}>
                  {term}
                </bdi>
              ))}
            </span>
          )}
          {result.entities.length > 0 && (
            <span>
              {t('search.entities')}:{' '}
              {result.entities.map((entity) => (
                <EntityLink key={entity.id} id={entity.id} entity={entity} />
              ))}
            </span>
          )}
        </p>
      )}
      {result.stories.length > 0 && (
        <section aria-labelledby="story-hits">
          <h2 id="story-hits">{t('search.stories')}</h2>
          <ul class="hits">
            {result.stories.map((hit) => (
              <li key={hit.story.id} class="hit" data-testid="search-hit" data-kind="story">
                <a href={href(['story', hit.story.id])} class="hit-title">
                  {hit.story.title}
                </a>
                <span class="meta">
                  <span>{tn('count.articles', hit.story.articleCount)}</span>
                  <span>{tn('count.sources', hit.story.sourceCount)}</span>
                </span>
                <p dir="auto">
                  <Highlighted snippet={hit.snippet} />
                </p>
              </li>
            ))}
          </ul>
        </section>
      )}
      {result.articles.length > 0 && (
        <section aria-labelledby="article-hits">
          <h2 id="article-hits">
            {t('search.articles')}{' '}
            <span class="meta">
              {tn('count.articles', result.totalArticles)}
              {result.totalIsLowerBound ? '+' : ''}
            </span>
          </h2>
          <ul class="hits">
            {result.articles.map((hit) => (
              <li key={hit.article.id} class="hit" data-testid="search-hit" data-kind="article">
                <a href={href(['article', hit.article.id])} class="hit-title" dir="auto">
                  <ArticleTitle title={hit.article.title} />
                </a>
                <span class="meta">
                  {hit.article.outlet && <span>{hit.article.outlet}</span>}
                  {hit.article.published && <span>{date(hit.article.published)}</span>}
                  {hit.article.storyId && <a href={href(['story', hit.article.storyId])}>{t('article.story')}</a>}
                </span>
                <p dir="auto">
                  <Highlighted snippet={hit.snippet} />
                </p>
              </li>
            ))}
          </ul>
          {result.totalArticles > result.articles.length && (
            <a class="button show-more" href={href(['search'], { q, limit: limit + STEP })}>
              {t('search.more')}
            </a>
          )}
        </section>
      )}
    </div>
  );
}
