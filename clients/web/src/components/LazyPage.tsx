import { Component, lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { useT } from '../i18n';
import { useLocation } from '../lib/router';
import { Loading } from './feedback';

/** A page's code that could not be fetched (offline, or a chunk gone after a new deployment). */
class PageLoadError extends Error {
  constructor(cause: unknown) {
    super('the page could not be loaded', { cause });
    this.name = 'PageLoadError';
  }
}

/**
 * A page fetched as a chunk of its own the first time it renders: `lazyPage(() => import('./x').then((m) =>
 * m.XPage))`. Render it inside PageLoader.
 */
export function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>) {
  return lazy(() =>
    load().then(
      (page) => ({ default: page }),
      (error: unknown) => {
        throw new PageLoadError(error);
      },
    ),
  );
}

/**
 * Where lazy pages render: the loading line while a page's code arrives; when it cannot be fetched, a note and
 * a button that reloads the app. Other errors pass through unchanged.
 */
export function PageLoader({ children }: { children: ReactNode }) {
  const { path } = useLocation();
  return (
    <PageLoadBoundary path={path}>
      <Suspense fallback={<Loading />}>{children}</Suspense>
    </PageLoadBoundary>
  );
}

interface BoundaryState {
  failed: boolean;
  error: unknown;
  /** The path the error happened on: another page gets a fresh try. */
  path: string;
}

class PageLoadBoundary extends Component<{ path: string; children: ReactNode }, BoundaryState> {
  state: BoundaryState = { failed: false, error: undefined, path: this.props.path };

  static getDerivedStateFromProps(props: { path: string }, state: BoundaryState): Partial<BoundaryState> | null {
    return props.path === state.path ? null : { failed: false, error: undefined, path: props.path };
  }

  static getDerivedStateFromError(error: unknown): Partial<BoundaryState> {
    return { failed: true, error };
  }

  render() {
    const { failed, error } = this.state;
    if (!failed) return this.props.children;
    // Not ours: thrown again to the boundaries above (none: React reports it and unmounts, as without this one).
    if (!(error instanceof PageLoadError)) throw error;
    return <PageLoadFailed />;
  }
}

function PageLoadFailed() {
  const { t } = useT();
  return (
    <div className="page narrow">
      <div className="note error" role="alert">
        {t('pageLoad.failed')}
      </div>
      <button type="button" className="button" onClick={() => window.location.reload()}>
        {t('pageLoad.retry')}
      </button>
    </div>
  );
}
