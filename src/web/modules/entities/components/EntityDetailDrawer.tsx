import { Descriptions, Drawer, Grid, List, Typography } from 'antd';
import type { TArea } from '../../../../shared/schemas/centres.js';
import { pickName } from '../../../i18n/format.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { CategoryTag } from '../../../ui/CategoryTag.js';
import { EntityName } from '../../../ui/EntityName.js';
import { QueryState } from '../../../ui/QueryState.js';
import { CitationDetails } from '../../../ui/SourceCitation.js';
import { useEntityQuery } from '../hooks/useEntityQuery.js';

type Props = { centreId: string; entityId: string | null; areasById: ReadonlyMap<string, TArea>; onClose: () => void };

/** One record with every passage that supports it. */
export const EntityDetailDrawer = ({ centreId, entityId, areasById, onClose }: Props) => {
  const { t, locale } = useI18n();
  const screens = Grid.useBreakpoint();
  const query = useEntityQuery(centreId, entityId);
  const entity = query.data;
  const area = entity?.areaId ? areasById.get(entity.areaId) : undefined;

  return (
    <Drawer
      open={entityId !== null}
      onClose={onClose}
      size={screens.md ? 560 : '100%'}
      title={entity ? <EntityName record={entity} /> : t('registry.detailTitle')}
      destroyOnHidden
    >
      <QueryState isLoading={query.isLoading} error={query.error} onRetry={() => void query.refetch()}>
        {entity && (
          <>
            <Descriptions column={1} size="small" bordered className="kc-descriptions">
              <Descriptions.Item label={t('registry.col.name')}>
                <EntityName record={entity} withOther />
              </Descriptions.Item>
              <Descriptions.Item label={t('registry.col.category')}>
                <CategoryTag category={entity.category} />
                {/* The source's own English wording of the kind. */}
                {entity.kindLabel && locale === 'en-US' && <Typography.Text type="secondary">{entity.kindLabel}</Typography.Text>}
              </Descriptions.Item>
              <Descriptions.Item label={t('registry.col.area')}>
                {area ? pickName(area, locale) : t('registry.noArea')}
                {entity.areaBasis && (
                  <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: 12 }}>
                    {t('registry.areaBasis', { basis: entity.areaBasis })}
                  </Typography.Paragraph>
                )}
              </Descriptions.Item>
              {entity.isGeneric && (
                <Descriptions.Item label={t('registry.kind')}>{t('registry.generic')}</Descriptions.Item>
              )}
              {entity.descriptionEn && (
                <Descriptions.Item label={t('registry.description')}>
                  {locale === 'zh-CN' && (
                    <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                      {t('registry.englishOnly')}
                    </Typography.Text>
                  )}
                  <span lang="en">{entity.descriptionEn}</span>
                </Descriptions.Item>
              )}
              {entity.notes && (
                <Descriptions.Item label={t('registry.notes')}>
                  <span lang="en">{entity.notes}</span>
                </Descriptions.Item>
              )}
            </Descriptions>
            <Typography.Title level={5} style={{ marginTop: 24 }}>
              {t('registry.citations', { count: entity.citations.length })}
            </Typography.Title>
            <List
              dataSource={entity.citations}
              locale={{ emptyText: t('source.none') }}
              renderItem={(c, i) => (
                <List.Item key={`${c.sourceId}-${i}`}>
                  <CitationDetails citation={c} />
                </List.Item>
              )}
            />
          </>
        )}
      </QueryState>
    </Drawer>
  );
};
