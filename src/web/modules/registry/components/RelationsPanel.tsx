import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Popconfirm } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { TEntityProfile } from '../../../../shared/schemas/registry.js';
import { pickName } from '../../../i18n/format.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { Panel } from '../../../ui/Panel.js';
import { validityText } from '../utils/dates.js';
import { entityPath, registrySearchPath } from '../utils/paths.js';
import { groupRelations, type ProfileRelation } from '../utils/relations.js';
import { SourceRef } from './SourceRef.js';

type Props = {
  relations: TEntityProfile['relations'];
  onAdd?: () => void;
  onDelete?: (relation: ProfileRelation) => void;
  deletingId?: string | null;
};

/** Relations grouped by type, each group read from this actor's side ("任职于", "成员"), linking to the other profile. */
/** A group longer than this shows its first few members and a "show all" switch. */
const LONG_GROUP = 8;
const SHOWN = 5;

export const RelationsPanel = ({ relations, onAdd, onDelete, deletingId }: Props) => {
  const { t, locale } = useI18n();
  const groups = groupRelations(relations, t);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  return (
    <Panel
      title={t('profile.relations')}
      data-testid="profile-relations"
      extra={
        onAdd && (
          <Button size="small" icon={<PlusOutlined />} onClick={onAdd} data-testid="profile-add-relation">
            {t('profile.addRelation')}
          </Button>
        )
      }
    >
      {groups.length === 0 ? (
        <p className="kc-muted kc-empty-line">{t('profile.noRelations')}</p>
      ) : (
        groups.map((group) => (
          <section key={group.key} className="kc-relation-group" data-testid="relation-group" data-type={group.type} data-direction={group.direction}>
            <h4 className="kc-relation-title">
              {group.label}
              <span className="kc-muted"> · {group.items.length}</span>
            </h4>
            <ul className="kc-plain-list">
              {(group.items.length > LONG_GROUP && !expanded.has(group.key) ? group.items.slice(0, SHOWN) : group.items).map((r) => {
                const name = pickName({ nameZh: r.otherNameZh, nameEn: r.otherNameEn }, locale);
                // Only outgoing relations can point at an area; an area opens the registry filtered to it.
                const to = r.toKind === 'area' && r.direction === 'out' ? registrySearchPath({ areaId: r.otherId }) : entityPath(r.otherId);
                return (
                  <li key={r.id} className="kc-item-row" data-testid="relation-item">
                    <span className="kc-item-main">
                      <Link to={to}>{name}</Link>
                      {(r.validFrom || r.validTo) && <span className="kc-muted">{validityText(r.validFrom, r.validTo, t)}</span>}
                    </span>
                    <span className="kc-item-side">
                      <SourceRef sourceId={r.sourceId} sourceNote={r.sourceNote} />
                      {onDelete && (
                        <Popconfirm
                          title={t('profile.deleteRelationConfirm', { relation: group.label, name })}
                          okText={t('profile.deleteRelation')}
                          okButtonProps={{ danger: true }}
                          cancelText={t('common.cancel')}
                          onConfirm={() => onDelete(r)}
                        >
                          <Button
                            size="small"
                            type="text"
                            danger
                            icon={<DeleteOutlined />}
                            loading={deletingId === r.id}
                            aria-label={t('profile.deleteRelationLabel', { name })}
                            data-testid="relation-delete"
                          />
                        </Popconfirm>
                      )}
                    </span>
                  </li>
                );
              })}
            </ul>
            {group.items.length > LONG_GROUP && (
              <button
                type="button"
                className="kc-facet-more"
                aria-expanded={expanded.has(group.key)}
                onClick={() =>
                  setExpanded((current) => {
                    const next = new Set(current);
                    if (next.has(group.key)) next.delete(group.key);
                    else next.add(group.key);
                    return next;
                  })
                }
                data-testid="relation-group-toggle"
              >
                {expanded.has(group.key) ? t('registry.facet.showFewer') : t('profile.showAllRelations', { count: group.items.length })}
              </button>
            )}
          </section>
        ))
      )}
    </Panel>
  );
};
