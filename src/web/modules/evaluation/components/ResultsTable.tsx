import { Table, type TableProps } from 'antd';
import { useMemo } from 'react';
import type { TRunResults } from '../../../../shared/schemas/evaluation.js';
import { formatNumber } from '../../../i18n/format.js';
import { useI18n } from '../../../i18n/I18nProvider.js';

type Unit = TRunResults['units'][number];

type Props = {
  results: TRunResults;
  /** Rank change against the framework's own weights (positive: moved up); no column without it. */
  shift?: ReadonlyMap<string, number>;
  selected?: string | null;
  /** Row clicks pick a unit (for its contribution breakdown); rows are plain without it. */
  onSelect?: (uCode: string) => void;
  /** Every row at its full height (print), instead of a scrolling body. */
  printable?: boolean;
};

/** Units by rank with the index and the level below it; click a row for its contribution breakdown. */
export const ResultsTable = ({ results, shift, selected = null, onSelect, printable = false }: Props) => {
  const { t } = useI18n();
  // New row objects when the selection moves: the table re-renders a row only when its record changes.
  const units = useMemo(() => results.units.map((u) => ({ ...u })), [results.units, selected]); // eslint-disable-line react-hooks/exhaustive-deps
  const [root, ...rest] = results.aggregates;
  const below = rest.filter((a) => a.parent === root?.code);
  const score = (code: string) => (_: unknown, u: Unit) => {
    const v = u.scores[code];
    return v == null ? '—' : formatNumber(v, t.locale, 2);
  };
  const columns: TableProps<Unit>['columns'] = [
    { key: 'rank', title: t('evaluation.results.rank'), width: 64, render: (_, u) => u.rank ?? '—' },
    ...(shift
      ? [
          {
            key: 'shift',
            title: t('evaluation.results.shift'),
            width: 72,
            render: (_: unknown, u: Unit) => {
              const s = shift.get(u.uCode) ?? 0;
              if (s === 0) return <span className="kc-muted">–</span>;
              return (
                <span className={s > 0 ? 'kc-eval-up' : 'kc-eval-down'} data-testid="evaluation-rank-shift">
                  {s > 0 ? `▲${s}` : `▼${-s}`}
                </span>
              );
            },
          },
        ]
      : []),
    { key: 'unit', title: t('evaluation.results.unit'), render: (_, u) => <span>{u.uName} <span className="kc-muted">{u.uCode}</span></span> },
    ...(root ? [{ key: root.code, title: root.name, width: 130, align: 'right' as const, render: score(root.code) }] : []),
    ...below.map((a) => ({ key: a.code, title: a.name, width: 124, align: 'right' as const, render: score(a.code) })),
  ];
  return (
    <Table<Unit>
      data-testid="evaluation-results"
      size="small"
      rowKey="uCode"
      columns={columns}
      dataSource={units}
      className={onSelect ? 'kc-eval-clickable' : undefined}
      pagination={false}
      scroll={printable ? undefined : { y: 460 }}
      rowClassName={(u) => (u.uCode === selected ? 'kc-eval-selected' : '')}
      onRow={(u) => ({ onClick: onSelect ? () => onSelect(u.uCode) : undefined, 'data-testid': 'evaluation-result-row' }) as React.HTMLAttributes<HTMLElement>}
    />
  );
};
