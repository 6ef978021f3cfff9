// An entity's name in the UI language, linking to its page.
import { Fragment } from 'preact';
import type { EntityRef } from '../api.js';
import { useI18n } from '../i18n.js';
import { href } from '../router.js';

export function EntityLink({ id, index, entity }: { id: string; index?: Record<string, EntityRef>; entity?: EntityRef }) {
  const { name } = useI18n();
  const ref = entity ?? index?.[id];
  return (
    <a class={`entity entity-${ref?.type ?? 'misc'}`} href={href(['entity', id])}>
      {name(ref, id)}
    </a>
  );
}

/** Entity links separated by the language's list comma. */
export function EntityList({ ids, index }: { ids: string[]; index: Record<string, EntityRef> }) {
  const { lang } = useI18n();
  const comma = lang === 'ar' ? '، ' : ', ';
  return (
    <>
      {ids.map((id, i) => (
        <Fragment key={id}>
          {i > 0 && comma}
          <EntityLink id={id} index={index} />
        </Fragment>
      ))}
    </>
  );
}

/** An article's title as published; a placeholder for the few pages that have none. */
export function ArticleTitle({ title }: { title: string }) {
  const { t } = useI18n();
  return <>{title.trim() ? title : t('article.untitled')}</>;
}
