import { type ReactNode, useCallback, useEffect, useState } from 'react';
import { ApiError } from './api.ts';
import { useI18n } from './i18n/index.tsx';

export type TLoad<T> = { data: T | null; error: Error | null; isLoading: boolean; reload(): void };

/** Loads once per change of `key`; `reload` fetches again. */
export function useLoad<T>(load: () => Promise<T>, key: string): TLoad<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [isLoading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` names what `load` depends on
  useEffect(() => {
    let isCurrent = true;
    setLoading(true);
    load()
      .then((value) => {
        if (!isCurrent) return;
        setData(value);
        setError(null);
      })
      .catch((e: Error) => isCurrent && setError(e))
      .finally(() => isCurrent && setLoading(false));
    return () => {
      isCurrent = false;
    };
  }, [key, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, isLoading, reload };
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p role="status" aria-live="polite">
      {t.loading}
    </p>
  );
}

export function ErrorNote({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <div role="alert" className="error">
      <strong>{t.error}:</strong> {error.message}
      {error instanceof ApiError && error.details.field ? ` (${String(error.details.field)})` : ''}
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t.retry}
        </button>
      )}
    </div>
  );
}

export function Section({ title, children, id }: { title: string; children: ReactNode; id?: string }) {
  const headingId = `${id ?? title.replace(/\W+/g, '-').toLowerCase()}-heading`;
  return (
    <section aria-labelledby={headingId} className="card">
      <h2 id={headingId}>{title}</h2>
      {children}
    </section>
  );
}

/** Pages by "after id": the server returns at most `limit` rows after the last id seen. */
export function Pager({
  canGoBack,
  canGoOn,
  onBack,
  onNext,
}: {
  canGoBack: boolean;
  canGoOn: boolean;
  onBack(): void;
  onNext(): void;
}) {
  const { t } = useI18n();
  return (
    <nav className="pager" aria-label="pagination">
      <button type="button" disabled={!canGoBack} onClick={onBack}>
        {t.previous}
      </button>
      <button type="button" disabled={!canGoOn} onClick={onNext}>
        {t.next}
      </button>
    </nav>
  );
}
