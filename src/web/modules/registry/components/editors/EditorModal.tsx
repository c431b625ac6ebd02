import { Alert, Modal } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../../../../i18n/I18nProvider.js';

type Props = {
  open: boolean;
  title: string;
  okText: string;
  /** Usually `form.submit`. */
  onOk: () => void;
  onClose: () => void;
  afterClose?: (() => void) | undefined;
  pending: boolean;
  /** Form-level error (field errors sit beside their fields). */
  error: string | null;
  /** data-testid prefix: `<testId>-submit`, `<testId>-error`. */
  testId?: string;
  width?: number;
  children: ReactNode;
};

/** The modal every registry editor uses: a form that only closes on purpose, with its error above it. */
export const EditorModal = ({ open, title, okText, onOk, onClose, afterClose, pending, error, testId, width, children }: Props) => {
  const { t } = useI18n();
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      cancelText={t('common.cancel')}
      onOk={onOk}
      onCancel={onClose}
      afterClose={afterClose}
      confirmLoading={pending}
      okButtonProps={testId ? ({ 'data-testid': `${testId}-submit` } as Record<`data-${string}`, string>) : {}}
      {...(width ? { width } : {})}
      destroyOnHidden
      maskClosable={false}
    >
      {error && <Alert type="error" showIcon className="kc-alert" title={error} {...(testId ? { 'data-testid': `${testId}-error` } : {})} />}
      {children}
    </Modal>
  );
};
