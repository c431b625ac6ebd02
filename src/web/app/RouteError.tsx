import { Button } from 'antd';
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useLocation } from 'react-router';
import { useI18n } from '../i18n/I18nProvider.js';
import { StatusMessage } from '../ui/StatusMessage.js';

const isChunkLoadError = (error: unknown): boolean =>
  error instanceof Error && /dynamically imported module|Failed to fetch|Importing a module script|error loading dynamically/i.test(error.message);

/** What a failed page shows: a reload prompt after a deploy, else a generic message. */
export const RouteErrorMessage = ({ error }: { error: unknown }) => {
  const { t } = useI18n();
  const chunkFailed = isChunkLoadError(error);
  return (
    <div className="kc-route-error">
      <StatusMessage
        status="error"
        title={chunkFailed ? t('routeError.reloadTitle') : t('routeError.title')}
        text={chunkFailed ? t('routeError.reloadText') : t('error.INTERNAL_ERROR')}
        action={
          <Button type="primary" onClick={() => window.location.reload()}>
            {t('routeError.reload')}
          </Button>
        }
      />
    </div>
  );
};

type BoundaryProps = { children: ReactNode; resetKey: string };
type BoundaryState = { error: unknown; failedKey: string | null };

class Boundary extends Component<BoundaryProps, BoundaryState> {
  override state: BoundaryState = { error: null, failedKey: null };

  static getDerivedStateFromError(error: unknown): Partial<BoundaryState> {
    return { error };
  }

  static getDerivedStateFromProps(props: BoundaryProps, state: BoundaryState): Partial<BoundaryState> | null {
    // Navigating elsewhere clears the error.
    if (state.error !== null && state.failedKey !== null && state.failedKey !== props.resetKey) return { error: null, failedKey: null };
    if (state.error !== null && state.failedKey === null) return { failedKey: props.resetKey };
    return null;
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    // Kept for the browser console of whoever reports the problem.
    console.error('Page failed to render', error, info.componentStack);
  }

  override render(): ReactNode {
    return this.state.error !== null ? <RouteErrorMessage error={this.state.error} /> : this.props.children;
  }
}

/** Catches a page that throws (or whose code fails to load) and offers a reload; reset by navigating. */
export const RouteErrorBoundary = ({ children }: { children: ReactNode }) => {
  const location = useLocation();
  return <Boundary resetKey={location.pathname}>{children}</Boundary>;
};
