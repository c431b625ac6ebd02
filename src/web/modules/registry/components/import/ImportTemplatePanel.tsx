import { DownloadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useI18n } from '../../../../i18n/I18nProvider.js';
import { categoryKey } from '../../../../i18n/keys.js';
import { Panel } from '../../../../ui/Panel.js';
import { requiredColumns } from '../../utils/import-report.js';
import { importTemplateUrl } from '../../utils/paths.js';
import { useVocabularyLabels } from '../../hooks/useVocabularyQuery.js';

/** Step 1: the templates (zh-CN headers; English headers too), what goes in each column, and the kind codes. */
export const ImportTemplatePanel = ({ centreId }: { centreId: string }) => {
  const { t, locale } = useI18n();
  const { kindGroups } = useVocabularyLabels();
  const kindCount = kindGroups.reduce((n, g) => n + g.kinds.length, 0);
  return (
    <Panel title={t('import.step.template')} data-testid="import-template" className="kc-import-step">
      <p className="kc-import-text">{t('import.template.text', { columns: requiredColumns(locale).join(t('common.listSeparator')) })}</p>
      <div className="kc-import-actions">
        <Button icon={<DownloadOutlined />} href={importTemplateUrl(centreId, 'xlsx', 'zh')} download data-testid="import-template-xlsx">
          {t('import.template.xlsx')}
        </Button>
        <Button icon={<DownloadOutlined />} href={importTemplateUrl(centreId, 'csv', 'zh')} download data-testid="import-template-csv">
          {t('import.template.csv')}
        </Button>
      </div>
      <p className="kc-import-note kc-muted">
        {t('import.template.zhNote')} {t('import.template.enHeaders')}
        {locale === 'zh-CN' ? '' : ' '}
        <a href={importTemplateUrl(centreId, 'xlsx', 'en')} download data-testid="import-template-en-xlsx">
          {t('import.template.enXlsx')}
        </a>
        {' · '}
        <a href={importTemplateUrl(centreId, 'csv', 'en')} download data-testid="import-template-en-csv">
          {t('import.template.enCsv')}
        </a>
      </p>
      <details className="kc-import-kinds" data-testid="import-kind-codes">
        <summary>{t('import.kinds.toggle', { count: kindCount })}</summary>
        <p className="kc-muted">{t('import.kinds.hint')}</p>
        <dl className="kc-import-kind-list">
          {kindGroups.map((group) => (
            <div key={group.category} className="kc-import-kind-group">
              <dt>{t(categoryKey(group.category))}</dt>
              {group.kinds.map((kind) => (
                <dd key={kind.code}>
                  <code>{kind.code}</code> {kind.label}
                </dd>
              ))}
            </div>
          ))}
        </dl>
      </details>
    </Panel>
  );
};
