import { PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Form, Input, Segmented, Select, Table } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { INCUBATOR_TYPES } from '../../shared/schemas/incubators.js';
import { useCurrentCentre } from '../app/centre.js';
import { placeIssues } from '../app/errors.js';
import { useSession } from '../app/session.js';
import { EChart } from '../charts/EChart.js';
import { useChartTheme } from '../charts/useChartTheme.js';
import { pickName } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { buildSurvivalByTypeOption } from '../modules/incubators/chart-options.js';
import { useCreateIncubatorMutation, useIncubatorsQuery, useTypeComparisonQuery, type IncubatorSummary, type TypeComparison } from '../modules/incubators/hooks.js';
import { issueText, pct, typeLabel } from '../modules/incubators/labels.js';
import { EntityPicker } from '../modules/registry/components/editors/EntityPicker.js';
import { PageHeader } from '../ui/PageHeader.js';
import { Panel } from '../ui/Panel.js';
import { QueryState } from '../ui/QueryState.js';
import { SampleTag } from '../ui/SampleTag.js';
import '../modules/incubators/incubators.css';

type Row = TypeComparison['rows'][number];

/**
 * 孵化器 / Incubators: the centre's incubators with their cohort funnels, and
 * the funnels compared by incubator type, one intake year at a time (or all
 * years); officers and analysts give a registry organisation a profile.
 */
export const IncubatorsPage = () => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const navigate = useNavigate();
  const { can } = useSession();
  const manager = can('incubators:manage');
  const list = useIncubatorsQuery(centre.id);
  const comparison = useTypeComparisonQuery(centre.id);
  const create = useCreateIncubatorMutation(centre.id);
  const theme = useChartTheme();
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [year, setYear] = useState<string>('all');
  const [form] = Form.useForm();

  const years = useMemo(() => [...new Set((comparison.data?.rows ?? []).flatMap((r) => (r.intakeYear === null ? [] : [r.intakeYear])))].sort((a, b) => b - a), [comparison.data]);
  const rows: Row[] = (comparison.data?.rows ?? []).filter((r) => (year === 'all' ? r.intakeYear === null : r.intakeYear === Number(year)));
  const chart = useMemo(() => (theme && rows.length ? buildSurvivalByTypeOption(rows.map((r) => ({ label: typeLabel(t, r.incubatorType), rate: r.funnel.survivalRate })), theme, t) : null), [rows, theme, t]);

  const submit = async (values: Record<string, unknown>) => {
    setError(null);
    try {
      const out = await create.mutateAsync({ ...values, operatorId: values['operatorId'] ?? null, operatorName: values['operatorName'] || null, parks: values['parks'] || null, confirmedOn: values['confirmedOn'] || null, isSample: values['isSample'] === true });
      navigate(`/incubators/${encodeURIComponent(out.id)}`);
    } catch (e) {
      setError(placeIssues(form, e, t, (path) => [path.split('.')[0] as string], issueText));
    }
  };

  return (
    <div className="kc-inc" data-testid="incubators-page">
      <PageHeader
        title={t('incubators.title')}
        intro={t('incubators.intro')}
        extra={
          manager && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(!adding)} data-testid="incubator-add">
              {t('incubators.add')}
            </Button>
          )
        }
      />
      {adding && (
        <Panel title={t('incubators.add')}>
          <Form form={form} layout="vertical" className="kc-inc-form" onFinish={(v) => void submit(v as Record<string, unknown>)} initialValues={{ incubatorType: 'university', isSample: false }} data-testid="incubator-form">
            <Form.Item name="entityId" label={t('incubators.field.entity')} rules={[{ required: true, message: t('incubators.required') }]}>
              <EntityPicker data-testid="incubator-entity" />
            </Form.Item>
            <Form.Item name="incubatorType" label={t('incubators.field.type')}>
              <Select options={INCUBATOR_TYPES.map((x) => ({ value: x, label: typeLabel(t, x) }))} data-testid="incubator-type" />
            </Form.Item>
            <Form.Item name="operatorId" label={t('incubators.field.operator')}>
              <EntityPicker data-testid="incubator-operator" />
            </Form.Item>
            <Form.Item name="operatorName" label={t('incubators.field.operatorName')}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="parks" label={t('incubators.field.parks')}>
              <Input maxLength={300} />
            </Form.Item>
            <Form.Item name="confirmedOn" label={t('incubators.field.confirmedOn')}>
              <Input placeholder="YYYY-MM-DD" data-testid="incubator-confirmed" />
            </Form.Item>
            <Form.Item name="isSample" valuePropName="checked">
              <Checkbox data-testid="incubator-sample">{t('incubators.field.isSample')}</Checkbox>
            </Form.Item>
            <Form.Item className="kc-inc-submit">
              <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="incubator-save">
                {t('incubators.save')}
              </Button>
            </Form.Item>
          </Form>
          {error && <p className="kc-inc-error" role="alert">{error}</p>}
        </Panel>
      )}
      <QueryState isLoading={list.isLoading} error={list.error} onRetry={() => void list.refetch()}>
        <Panel title={t('incubators.list')}>
          <Table<IncubatorSummary>
            rowKey="id"
            size="middle"
            pagination={false}
            dataSource={list.data?.items ?? []}
            locale={{ emptyText: t('incubators.empty') }}
            data-testid="incubators-table"
            scroll={{ x: true }}
            columns={[
              {
                title: t('incubators.col.name'),
                key: 'name',
                render: (_, r) => (
                  <span>
                    <Link to={`/incubators/${encodeURIComponent(r.id)}`} data-testid="incubator-link">
                      {pickName(r.entity, locale)}
                    </Link>
                    <SampleTag isSample={r.isSample} />
                  </span>
                ),
              },
              { title: t('incubators.col.type'), key: 'type', render: (_, r) => typeLabel(t, r.incubatorType) },
              { title: t('incubators.col.operator'), key: 'operator', render: (_, r) => (r.operator ? pickName(r.operator, locale) : (r.operatorName ?? '—')) },
              { title: t('incubators.col.area'), key: 'area', render: (_, r) => (r.areaId ? pickName({ nameZh: r.areaNameZh, nameEn: r.areaNameEn ?? r.areaId }, locale) : '—') },
              { title: t('incubators.col.cohorts'), key: 'cohorts', align: 'right', render: (_, r) => r.cohorts },
              { title: t('incubators.col.members'), key: 'members', align: 'right', render: (_, r) => r.funnel.members },
              { title: t('incubators.col.survival'), key: 'survival', align: 'right', render: (_, r) => pct(r.funnel.survivalRate) },
              { title: t('incubators.col.confirmedOn'), key: 'confirmed', render: (_, r) => r.confirmedOn ?? t('incubators.unconfirmed') },
            ]}
          />
        </Panel>
      </QueryState>
      <QueryState isLoading={comparison.isLoading} error={comparison.error} onRetry={() => void comparison.refetch()}>
        <Panel
          title={t('incubators.compare.title')}
          extra={years.length > 0 && <Segmented value={year} onChange={(v) => setYear(String(v))} options={[{ value: 'all', label: t('incubators.compare.allYears') }, ...years.map((y) => ({ value: String(y), label: t('incubators.compare.intake', { year: y }) }))]} data-testid="incubator-compare-year" />}
          data-testid="incubator-comparison"
        >
          <p className="kc-inc-note">{t('incubators.compare.note')}</p>
          {chart && <EChart option={chart} height={Math.max(120, 40 * rows.length + 40)} ariaLabel={t('incubators.compare.survival')} />}
          <Table<Row>
            rowKey={(r) => `${r.incubatorType}|${r.intakeYear ?? 'all'}`}
            size="small"
            pagination={false}
            dataSource={rows}
            locale={{ emptyText: t('incubators.compare.empty') }}
            scroll={{ x: true }}
            columns={[
              { title: t('incubators.col.type'), key: 'type', render: (_, r) => typeLabel(t, r.incubatorType) },
              { title: t('incubators.compare.incubators'), key: 'inc', align: 'right', render: (_, r) => r.incubators },
              { title: t('incubators.col.cohorts'), key: 'cohorts', align: 'right', render: (_, r) => r.cohorts },
              { title: t('incubators.col.members'), key: 'members', align: 'right', render: (_, r) => r.funnel.members },
              { title: t('incubators.col.survival'), key: 'survival', align: 'right', render: (_, r) => pct(r.funnel.survivalRate) },
              { title: t('incubators.col.graduation'), key: 'grad', align: 'right', render: (_, r) => pct(r.funnel.graduationRate) },
              { title: t('incubators.col.funding'), key: 'fund', align: 'right', render: (_, r) => pct(r.funnel.fundingRate) },
              { title: t('incubators.col.contracts'), key: 'contracts', align: 'right', render: (_, r) => pct(r.funnel.contractRate) },
              { title: t('incubators.col.patents'), key: 'patents', align: 'right', render: (_, r) => pct(r.funnel.patentRate) },
            ]}
          />
        </Panel>
      </QueryState>
    </div>
  );
};
