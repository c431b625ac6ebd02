import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined, WarningFilled } from '@ant-design/icons';
import { Button, InputNumber, Popconfirm, Space, Table, Tag, Tooltip, type TableProps } from 'antd';
import { useMemo, useState } from 'react';
import { formatNumber } from '../../../../i18n/format.js';
import { useI18n } from '../../../../i18n/I18nProvider.js';
import type { MessageKey } from '../../../../i18n/keys.js';
import { levelRole, subtreeSize, type EditorElement, type LevelRole, type TreeNode } from '../../utils/framework.js';

type Row = { key: string; node: TreeNode; children?: Row[] };

type Props = {
  tree: readonly TreeNode[];
  elements: readonly EditorElement[];
  maxLevel: number;
  /** Problem messages by element id (the editor's checks and the server's). */
  messages: ReadonlyMap<string, { text: string; severity: 'error' | 'warning' }[]>;
  selected: string | null;
  onSelect: (id: string) => void;
  canEdit: boolean;
  onWeight: (id: string, weight: number | null) => void;
  onAddChild: (id: string) => void;
  onMove: (id: string, step: -1 | 1) => void;
  onRemove: (id: string) => void;
};

export const ROLE_KEYS: Record<LevelRole, MessageKey> = {
  index: 'evaluation.framework.role.index',
  subIndex: 'evaluation.framework.role.subIndex',
  pillar: 'evaluation.framework.role.pillar',
  indicator: 'evaluation.framework.role.indicator',
};
const ROLE_COLORS: Record<LevelRole, string> = { index: 'blue', subIndex: 'geekblue', pillar: 'cyan', indicator: 'default' };

const toRows = (nodes: readonly TreeNode[]): Row[] =>
  nodes.map((node) => ({ key: node.element.id, node, ...(node.children.length ? { children: toRows(node.children) } : {}) }));

const percent = (share: number | null, locale: 'zh-CN' | 'en-US'): string => (share === null ? '—' : `${formatNumber(share * 100, locale, 1)}%`);

/** The framework as a tree: each node's weight (editable), its share within its parent and in the index, and the edits. */
export const FrameworkTree = ({ tree, elements, maxLevel, messages, selected, onSelect, canEdit, onWeight, onAddChild, onMove, onRemove }: Props) => {
  const { t } = useI18n();
  // New row objects when the selection moves: the table re-renders a row only when its record changes.
  const rows = useMemo(() => toRows(tree), [tree, selected]); // eslint-disable-line react-hooks/exhaustive-deps
  const aggregateIds = useMemo(() => elements.filter((e) => e.type === 'Aggregate').map((e) => e.id), [elements]);
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const expanded = aggregateIds.filter((id) => !collapsed.has(id));

  const columns: TableProps<Row>['columns'] = [
    {
      key: 'element',
      title: t('evaluation.framework.col.element'),
      render: (_, { node }) => {
        const e = node.element;
        const role = levelRole(e.level, maxLevel);
        const problems = messages.get(e.id) ?? [];
        return (
          <div className="kc-fw-element">
            <div className="kc-fw-element-line">
              <Tag color={ROLE_COLORS[role]} className="kc-fw-role">
                {t(ROLE_KEYS[role])}
              </Tag>
              <span className="kc-fw-label">
                <span className="kc-fw-name">{e.name || <em className="kc-muted">{t('evaluation.framework.unnamed')}</em>}</span>{' '}
                <code className="kc-fw-code">{e.code || '∅'}</code>
              </span>
            </div>
            {problems.map((p, i) => (
              <div key={i} className={p.severity === 'error' ? 'kc-fw-problem' : 'kc-fw-warning'} data-testid="framework-row-problem">
                <WarningFilled aria-hidden /> {p.text}
              </div>
            ))}
          </div>
        );
      },
    },
    {
      key: 'weight',
      title: t('evaluation.framework.col.weight'),
      width: 104,
      render: (_, { node }) =>
        node.share === null && node.element.parent === null ? (
          <span className="kc-muted">—</span>
        ) : canEdit ? (
          <InputNumber
            size="small"
            min={0}
            step={0.1}
            style={{ width: 84 }}
            value={node.element.weight}
            onChange={(v) => onWeight(node.element.id, typeof v === 'number' ? v : null)}
            aria-label={t('evaluation.framework.weightOf', { name: node.element.name || node.element.code })}
            data-testid={`framework-weight-${node.element.code}`}
          />
        ) : (
          formatNumber(node.element.weight ?? Number.NaN, t.locale, 3)
        ),
    },
    {
      key: 'share',
      title: (
        <Tooltip title={t('evaluation.framework.shareHint')}>
          <span className="kc-fw-help">{t('evaluation.framework.col.share')}</span>
        </Tooltip>
      ),
      width: 128,
      render: (_, { node }) =>
        node.element.parent === null ? (
          <span className="kc-muted">—</span>
        ) : (
          <span className="kc-fw-share" data-testid={`framework-share-${node.element.code}`}>
            <strong>{percent(node.share, t.locale)}</strong>
            <span className="kc-muted">{t('evaluation.framework.inIndex', { share: percent(node.effective, t.locale) })}</span>
          </span>
        ),
    },
    {
      key: 'direction',
      title: t('evaluation.framework.col.direction'),
      width: 88,
      render: (_, { node }) =>
        node.element.type !== 'Indicator' ? null : node.element.direction === -1 ? (
          <span title={t('evaluation.framework.direction.down')}>↓ {t('evaluation.framework.direction.downShort')}</span>
        ) : node.element.direction === 1 ? (
          <span title={t('evaluation.framework.direction.up')}>↑ {t('evaluation.framework.direction.upShort')}</span>
        ) : (
          '—'
        ),
    },
    ...(canEdit
      ? [
          {
            key: 'actions',
            title: t('evaluation.framework.col.actions'),
            width: 136,
            render: (_: unknown, { node }: Row) => {
              const e = node.element;
              const size = subtreeSize(elements, e.id);
              return (
                <Space size={0} onClick={(ev) => ev.stopPropagation()}>
                  <Tooltip title={e.type === 'Aggregate' ? t(e.level === 2 ? 'evaluation.framework.addIndicator' : 'evaluation.framework.addAggregate') : null}>
                    <Button
                      type="text"
                      size="small"
                      icon={<PlusOutlined />}
                      disabled={e.type !== 'Aggregate'}
                      onClick={() => onAddChild(e.id)}
                      aria-label={t(e.level === 2 ? 'evaluation.framework.addIndicator' : 'evaluation.framework.addAggregate')}
                      data-testid={`framework-add-${e.code}`}
                    />
                  </Tooltip>
                  <Button type="text" size="small" icon={<ArrowUpOutlined />} onClick={() => onMove(e.id, -1)} aria-label={t('evaluation.framework.moveUp')} />
                  <Button type="text" size="small" icon={<ArrowDownOutlined />} onClick={() => onMove(e.id, 1)} aria-label={t('evaluation.framework.moveDown')} />
                  <Popconfirm
                    title={size > 1 ? t('evaluation.framework.removeMany', { count: size - 1 }) : t('evaluation.framework.removeOne')}
                    okText={t('evaluation.framework.remove')}
                    cancelText={t('common.cancel')}
                    okButtonProps={{ danger: true, 'data-testid': 'framework-remove-confirm' }}
                    onConfirm={() => onRemove(e.id)}
                  >
                    <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('evaluation.framework.remove')} data-testid={`framework-remove-${e.code}`} />
                  </Popconfirm>
                </Space>
              );
            },
          },
        ]
      : []),
  ];

  return (
    <Table<Row>
      className="kc-fw-tree kc-eval-clickable"
      data-testid="framework-tree"
      size="small"
      rowKey="key"
      columns={columns}
      dataSource={rows}
      pagination={false}
      scroll={{ y: 560 }}
      expandable={{
        expandedRowKeys: expanded,
        onExpand: (open, row) =>
          setCollapsed((c) => {
            const next = new Set(c);
            if (open) next.delete(row.key);
            else next.add(row.key);
            return next;
          }),
      }}
      rowClassName={(row) => (row.key === selected ? 'kc-eval-selected' : '')}
      onRow={(row) => ({ onClick: () => onSelect(row.key), 'data-testid': 'framework-row', 'data-code': row.node.element.code }) as React.HTMLAttributes<HTMLElement>}
    />
  );
};
