import { Alert, Button, Input, Select, Space, Table, Tag, type TableProps } from 'antd';
import { useMemo, useState } from 'react';
import type { TDerivedWeights, TFrameworkElement, TFrameworkVersion } from '../../../../shared/schemas/evaluation.js';
import { errorMessage } from '../../../app/errors.js';
import { formatNumber } from '../../../i18n/format.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { useDeriveWeightsMutation } from '../hooks/useDeriveWeightsMutation.js';
import { negativeLoadings, parseTargets, usableWeights, WEIGHT_METHODS, weightLevels, weightsBody, type WeightMethod } from '../utils/derived-weights.js';
import { levelRole, topLevel } from '../utils/framework.js';
import { shortId } from '../utils/labels.js';
import { SaveWeightsDialog } from './SaveWeightsDialog.js';

type Props = {
  centreId: string;
  runId: string;
  /** The run's framework: its saved version's elements, or the dataset's iMeta read as elements. */
  elements: readonly TFrameworkElement[];
  defaults: { key: string; name: string };
  nextVersion: (key: string) => number | null;
  canSave: boolean;
  onSaved: (version: TFrameworkVersion) => void;
};

type Row = TDerivedWeights['elements'][number];

/** "Derive weights" from a stored run's data (PCA, balance, infomax), review them per element, save them as a new framework version. */
export const DeriveWeightsPanel = ({ centreId, runId, elements, defaults, nextVersion, canSave, onSaved }: Props) => {
  const { t } = useI18n();
  const derive = useDeriveWeightsMutation(centreId, runId);
  const levels = useMemo(() => weightLevels(elements), [elements]);
  const top = topLevel(elements);
  const [method, setMethod] = useState<WeightMethod>('pca');
  const [level, setLevel] = useState(1);
  const [targets, setTargets] = useState('');
  const [saveOpen, setSaveOpen] = useState(false);
  const parsedTargets = parseTargets(method, targets);
  const result = derive.data;
  const negatives = result ? negativeLoadings(result) : [];
  const optimised = result && result.method !== 'pca';
  const n = (v: number | null, digits = 3) => (v === null ? '—' : formatNumber(v, t.locale, digits));
  const pct = (v: number | null) => (v === null ? '—' : `${formatNumber(v * 100, t.locale, 1)} %`);

  const columns: TableProps<Row>['columns'] = [
    { key: 'code', title: t('evaluation.derive.col.code'), dataIndex: 'code', width: 110, fixed: 'left' },
    { key: 'name', title: t('evaluation.derive.col.name'), dataIndex: 'name', ellipsis: true },
    { key: 'parent', title: t('evaluation.derive.col.parent'), dataIndex: 'parent', width: 100, render: (p: string | null) => p ?? '—' },
    { key: 'current', title: t('evaluation.derive.col.current'), align: 'right', width: 90, render: (_, r) => n(r.current, 2) },
    { key: 'derived', title: t('evaluation.derive.col.derived'), align: 'right', width: 100, render: (_, r) => <span className={r.derived < 0 ? 'kc-eval-negative' : undefined}>{n(r.derived)}</span> },
    {
      key: 'usable',
      title: t('evaluation.derive.col.usable'),
      align: 'right',
      width: 110,
      render: (_, r) => (
        <span>
          {n(r.usable)} {r.derived < 0 && <Tag color="orange">{t('evaluation.derive.zeroed')}</Tag>}
        </span>
      ),
    },
    ...(optimised
      ? ([
          { key: 'correlation', title: t('evaluation.derive.col.correlation'), align: 'right', width: 100, render: (_: unknown, r: Row) => n(r.correlation) },
          { key: 'desired', title: t('evaluation.derive.col.desired'), align: 'right', width: 100, render: (_: unknown, r: Row) => pct(r.desiredShare) },
          { key: 'obtained', title: t('evaluation.derive.col.obtained'), align: 'right', width: 100, render: (_: unknown, r: Row) => pct(r.obtainedShare) },
        ] as NonNullable<TableProps<Row>['columns']>)
      : []),
  ];

  return (
    <div data-testid="evaluation-derive">
      <p className="kc-muted">{t('evaluation.derive.hint')}</p>
      <Space wrap align="center">
        <label>
          {t('evaluation.derive.method')}{' '}
          <Select<WeightMethod>
            style={{ width: 220 }}
            value={method}
            onChange={setMethod}
            data-testid="evaluation-derive-method"
            options={WEIGHT_METHODS.map((m) => ({ value: m, label: t(`evaluation.derive.methods.${m}`) }))}
          />
        </label>
        <label>
          {t('evaluation.derive.level')}{' '}
          <Select<number>
            style={{ width: 200 }}
            value={level}
            onChange={setLevel}
            data-testid="evaluation-derive-level"
            options={levels.map((l) => ({ value: l, label: t('evaluation.derive.levelOption', { level: l, role: t(`evaluation.framework.role.${levelRole(l, top)}`) }) }))}
          />
        </label>
        {method === 'balance' && (
          <label>
            {t('evaluation.derive.targets')}{' '}
            <Input
              style={{ width: 220 }}
              value={targets}
              onChange={(e) => setTargets(e.target.value)}
              placeholder={t('evaluation.derive.targetsPlaceholder')}
              status={parsedTargets === undefined ? 'error' : undefined}
              data-testid="evaluation-derive-targets"
            />
          </label>
        )}
        <Button
          type="primary"
          disabled={parsedTargets === undefined || !levels.length}
          loading={derive.isPending}
          onClick={() => derive.mutate(weightsBody(method, level, parsedTargets ?? null))}
          data-testid="evaluation-derive-submit"
        >
          {t('evaluation.derive.submit')}
        </Button>
      </Space>
      {method === 'balance' && <p className={parsedTargets === undefined ? 'kc-eval-field-error' : 'kc-muted kc-eval-note'}>{parsedTargets === undefined ? t('evaluation.derive.targetsInvalid') : t('evaluation.derive.targetsHint')}</p>}
      {derive.error && <Alert type="error" showIcon style={{ marginTop: 8 }} message={errorMessage(derive.error, t)} data-testid="evaluation-derive-error" />}
      {result && (
        <div className="kc-eval-derive-result" data-testid="evaluation-derive-result">
          <p>
            {t(`evaluation.derive.methods.${result.method}`)} · {t('evaluation.derive.levelOption', { level: result.level, role: t(`evaluation.framework.role.${levelRole(result.level, top)}`) })} ·{' '}
            {t('evaluation.derive.from', { dataset: result.dataset === 'normalised' || result.dataset === 'aggregated' ? t(`evaluation.derive.data.${result.dataset}`) : result.dataset })}
          </p>
          {result.method === 'pca' && (
            <ul className="kc-eval-derive-groups" data-testid="evaluation-derive-groups">
              {result.groups.map((g) => (
                <li key={g.parent}>{t('evaluation.derive.group', { parent: g.parent, variance: pct(g.varianceExplained), rows: g.rowsUsed })}</li>
              ))}
            </ul>
          )}
          {optimised && (
            <Alert
              type={result.converged ? 'success' : 'warning'}
              showIcon
              data-testid="evaluation-derive-convergence"
              message={t(result.converged ? 'evaluation.derive.converged' : 'evaluation.derive.notConverged', { iterations: result.iterations ?? 0 })}
            />
          )}
          {negatives.length > 0 && (
            <Alert type="info" showIcon style={{ marginTop: 8 }} data-testid="evaluation-derive-negatives" message={t('evaluation.derive.negatives', { count: negatives.length, codes: negatives.join(', ') })} />
          )}
          <Table<Row>
            data-testid="evaluation-derive-table"
            className="kc-eval-derive-table"
            size="small"
            rowKey="code"
            columns={columns}
            dataSource={result.elements}
            pagination={false}
            scroll={{ x: 'max-content', y: 480 }}
          />
          {canSave && (
            <Button style={{ marginTop: 12 }} onClick={() => setSaveOpen(true)} data-testid="evaluation-derive-save">
              {t('evaluation.derive.save')}
            </Button>
          )}
        </div>
      )}
      {saveOpen && result && (
        <SaveWeightsDialog
          open
          centreId={centreId}
          elements={elements}
          weights={usableWeights(result)}
          defaults={defaults}
          nextVersion={nextVersion}
          source={{
            title: t('evaluation.derive.saveTitle'),
            note: (changes) => t('evaluation.derive.saveNote', { method: t(`evaluation.derive.methods.${result.method}`), level: result.level, run: shortId(runId), changes }),
          }}
          onClose={() => setSaveOpen(false)}
          onSaved={(v) => {
            setSaveOpen(false);
            onSaved(v);
          }}
        />
      )}
    </div>
  );
};
