// Long lists (a story with hundreds of events or articles) render a first slice and grow on request.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { useI18n } from '../i18n.js';

export function useShowMore<T>(items: T[], step: number): { visible: T[]; more: ComponentChildren } {
  const { t, num } = useI18n();
  const [count, setCount] = useState(step);
  const visible = items.length > count ? items.slice(0, count) : items;
  const more =
    items.length > count ? (
      <button type="button" class="button show-more" onClick={() => setCount(count + step)}>
        {t('map.showMore')} ({num(items.length - count)})
      </button>
    ) : null;
  return { visible, more };
}
