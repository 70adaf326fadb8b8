import { Button, Result } from 'antd';
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface State {
  error: Error | null;
}

/** A screen that crashes shows a way back instead of a blank window; the rest of the app keeps working. */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('screen crashed', error, info.componentStack);
  }

  override render(): ReactNode {
    if (this.state.error) return <Crashed error={this.state.error} onRetry={() => this.setState({ error: null })} />;
    return this.props.children;
  }
}

function Crashed({ error, onRetry }: { error: Error; onRetry: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <Result
      status="error"
      title={t('app.crashed')}
      subTitle={error.message}
      extra={[
        <Button key="retry" type="primary" onClick={onRetry}>
          {t('app.retry')}
        </Button>,
        <Button key="reload" onClick={() => location.reload()}>
          {t('app.reload')}
        </Button>,
      ]}
    />
  );
}
