// Loading, empty and error states, and a wrapper that shows one of them or the loaded data.
import type { ComponentChildren } from 'preact';
import type { Remote } from '../api.js';
import { useI18n } from '../i18n.js';

export function Loading({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <p class="state state-loading" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" />
      {label ?? t('state.loading')}
    </p>
  );
}

export function Empty({ children }: { children?: ComponentChildren }) {
  const { t } = useI18n();
  return <p class="state state-empty">{children ?? t('state.empty')}</p>;
}

export function Failure({ error, retry }: { error: Error; retry?: () => void }) {
  const { t } = useI18n();
  return (
    <div class="state state-error" role="alert">
      <strong>{t('state.error')}</strong>
      <span class="error-message">{error.message}</span>
      {retry && (
        <button type="button" class="button" onClick={retry}>
          {t('state.retry')}
        </button>
      )}
    </div>
  );
}

export function RemoteView<T>({ remote, children }: { remote: Remote<T>; children: (data: T) => ComponentChildren }) {
  if (remote.state === 'loading') return <Loading />;
  if (remote.state === 'error') return <Failure error={remote.error} retry={remote.retry} />;
  return <>{children(remote.data)}</>;
}
