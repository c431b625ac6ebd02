import { CloseCircleOutlined, ExclamationCircleOutlined, InboxOutlined, LockOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';

const ICONS = {
  warning: <ExclamationCircleOutlined />,
  error: <CloseCircleOutlined />,
  forbidden: <LockOutlined />,
  notFound: <QuestionCircleOutlined />,
  empty: <InboxOutlined />,
};

type Props = { status: keyof typeof ICONS; title: ReactNode; text?: ReactNode; action?: ReactNode };

/** A page- or panel-level message (failed to load, no access, not found). */
export const StatusMessage = ({ status, title, text, action }: Props) => (
  <div className={`kc-status kc-status-${status}`} role={status === 'error' || status === 'warning' ? 'alert' : undefined}>
    <div className="kc-status-icon" aria-hidden>
      {ICONS[status]}
    </div>
    <div className="kc-status-title">{title}</div>
    {text && <div className="kc-status-text">{text}</div>}
    {action && <div className="kc-status-action">{action}</div>}
  </div>
);
