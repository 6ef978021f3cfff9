// Previous / next over a paged list, with "21–40 of 312".
import { useI18n } from '../i18n.js';

export function Pager({ total, limit, offset, onPage }: { total: number; limit: number; offset: number; onPage(offset: number): void }) {
  const { t, num } = useI18n();
  if (total <= limit && offset === 0) return null;
  const from = total === 0 ? 0 : offset + 1;
  const to = Math.min(offset + limit, total);
  return (
    <nav class="pager" aria-label={t('list.range', { from: num(from), to: num(to), total: num(total) })}>
      <button type="button" class="button" disabled={offset === 0} onClick={() => onPage(Math.max(0, offset - limit))} data-testid="page-prev">
        {t('list.prev')}
      </button>
      <span class="pager-range">{t('list.range', { from: num(from), to: num(to), total: num(total) })}</span>
      <button type="button" class="button" disabled={to >= total} onClick={() => onPage(offset + limit)} data-testid="page-next">
        {t('list.next')}
      </button>
    </nav>
  );
}
