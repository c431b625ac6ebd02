import { DownloadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { Panel } from '../../../ui/Panel.js';
import { figuresColumns } from '../utils/import.js';
import { observationsTemplateUrl } from '../utils/paths.js';

/** Step 1: the template (zh-CN headers; English headers too) and how to fill each column. */
export const FiguresTemplatePanel = ({ centreId }: { centreId: string }) => {
  const { t, locale } = useI18n();
  const columns = figuresColumns(locale);
  const list = (required: boolean) =>
    columns
      .filter((c) => c.required === required)
      .map((c) => c.name)
      .join(t('common.listSeparator'));
  return (
    <Panel title={t('indicators.import.step.template')} data-testid="figures-template" className="kc-import-step">
      <p className="kc-import-text">{t('indicators.import.template.text', { required: list(true), optional: list(false) })}</p>
      <div className="kc-import-actions">
        <Button icon={<DownloadOutlined />} href={observationsTemplateUrl(centreId, 'xlsx', 'zh')} download data-testid="figures-template-xlsx">
          {t('indicators.import.template.xlsx')}
        </Button>
        <Button icon={<DownloadOutlined />} href={observationsTemplateUrl(centreId, 'csv', 'zh')} download data-testid="figures-template-csv">
          {t('indicators.import.template.csv')}
        </Button>
      </div>
      <p className="kc-import-note kc-muted">
        {t('indicators.import.template.enHeaders')}{' '}
        <a href={observationsTemplateUrl(centreId, 'xlsx', 'en')} download data-testid="figures-template-en-xlsx">
          {t('indicators.import.template.enXlsx')}
        </a>
        {' · '}
        <a href={observationsTemplateUrl(centreId, 'csv', 'en')} download data-testid="figures-template-en-csv">
          {t('indicators.import.template.enCsv')}
        </a>
      </p>
      <details className="kc-import-kinds" data-testid="figures-template-help" open>
        <summary>{t('indicators.import.help.toggle')}</summary>
        <ul className="kc-import-help">
          <li>{t('indicators.import.help.rows')}</li>
          <li>{t('indicators.import.help.indicator')}</li>
          <li>{t('indicators.import.help.subject')}</li>
          <li>{t('indicators.import.help.period')}</li>
          <li>{t('indicators.import.help.value')}</li>
          <li>{t('indicators.import.help.status')}</li>
          <li>{t('indicators.import.help.qualifier')}</li>
          <li>{t('indicators.import.help.update')}</li>
        </ul>
      </details>
    </Panel>
  );
};
