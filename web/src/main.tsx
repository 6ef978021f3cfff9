// The web app of `marsad serve`: a shell (header, language toggle) around hash-routed pages.
import { render } from 'preact';
import { useEffect } from 'preact/hooks';
import { Empty } from './components/states.js';
import { I18nProvider, storedLang, useI18n } from './i18n.js';
import { ArticlePage } from './pages/article.js';
import { EntityPage } from './pages/entity.js';
import { MapPage } from './pages/map.js';
import { SearchPage } from './pages/search.js';
import { StoryListPage } from './pages/story-list.js';
import { StoryPage } from './pages/story.js';
import { href, useRoute, type Route } from './router.js';
import './styles.css';

function Page({ route }: { route: Route }) {
  const { t } = useI18n();
  const [section, id] = route.segments;
  if (!section) return <StoryListPage query={route.query} />;
  if (section === 'story' && id) return <StoryPage key={id} id={id} />;
  if (section === 'entity' && id) return <EntityPage key={id} id={id} />;
  if (section === 'article' && id) return <ArticlePage key={id} id={id} />;
  if (section === 'search') return <SearchPage query={route.query} />;
  if (section === 'map') return <MapPage query={route.query} />;
  return (
    <section class="page">
      <Empty>{t('state.notFound')}</Empty>
      <a href={href([])}>{t('state.backHome')}</a>
    </section>
  );
}

function App() {
  const { t, lang, setLang } = useI18n();
  const route = useRoute();
  const section = route.segments[0] ?? '';
  useEffect(() => {
    document.title = t('app.name');
  }, [lang]);
  // A new page starts at its top (paging within a page scrolls on its own).
  useEffect(() => window.scrollTo(0, 0), [route.segments.join('/')]);
  const nav = (target: string, label: string) => (
    <a href={href(target ? [target] : [])} aria-current={section === target ? 'page' : undefined}>
      {label}
    </a>
  );
  return (
    <>
      <a class="skip" href="#main" onClick={(event) => { event.preventDefault(); document.getElementById('main')?.focus(); }}>
        {t('nav.skip')}
      </a>
      <header class="site-header">
        <a class="brand" href={href([])}>
          <span class="brand-name">{t('app.name')}</span>
          <span class="brand-tagline">{t('app.tagline')}</span>
        </a>
        <nav class="site-nav">
          {nav('', t('nav.stories'))}
          {nav('search', t('nav.search'))}
          {nav('map', t('nav.map'))}
        </nav>
        <button
          type="button"
          class="button lang-toggle"
          data-testid="lang-toggle"
          lang={lang === 'ar' ? 'en' : 'ar'}
          title={t('lang.toggleTitle')}
          onClick={() => setLang(lang === 'ar' ? 'en' : 'ar')}
        >
          {t('lang.toggle')}
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        <Page route={route} />
      </main>
    </>
  );
}

// The stored language before the first render, so an English reader never sees the page flip from right to left.
document.documentElement.lang = storedLang();
document.documentElement.dir = storedLang() === 'ar' ? 'rtl' : 'ltr';

render(
  <I18nProvider>
    <App />
  </I18nProvider>,
  document.getElementById('app')!,
);
