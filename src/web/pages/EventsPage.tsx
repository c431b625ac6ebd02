import { PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Form, Input, Segmented, Table, Tooltip } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useCurrentCentre } from '../app/centre.js';
import { placeIssues } from '../app/errors.js';
import { useSession } from '../app/session.js';
import { formatNumber, pickTitle } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { qualifierKey } from '../i18n/keys.js';
import type { Translator } from '../i18n/translate.js';
import type { TQualifier } from '../../shared/schemas/indicators.js';
import { useCreateEventMutation, useEventCountsQuery, useEventsQuery, type EventCounts, type EventSummary } from '../modules/events/hooks.js';
import { issueText } from '../modules/events/labels.js';
import { PageHeader } from '../ui/PageHeader.js';
import { Panel } from '../ui/Panel.js';
import { QueryState } from '../ui/QueryState.js';
import { SampleTag } from '../ui/SampleTag.js';
import '../modules/incubators/incubators.css';

type YearRow = EventCounts['byYear'][number];
type Published = EventCounts['published'][number];

/** A published figure as the source gives it: "约 120" for an approximate one, in the page's language. */
const publishedValue = (p: Published, t: Translator): string => {
  if (p.value === null) return '—';
  const n = formatNumber(p.value, t.locale);
  const q = p.qualifier as TQualifier;
  return q === 'exact' || q === 'qualitative' || q === 'redacted' ? n : t('events.counts.qualified', { qualifier: t(qualifierKey(q)), value: n });
};

/**
 * 活动与发布 / Events & releases: the platform's counts by year beside the
 * figures the sources publish (never added together), and the events of a
 * year; officers and analysts record new ones.
 */
export const EventsPage = () => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const navigate = useNavigate();
  const { can } = useSession();
  const manager = can('events:manage');
  const list = useEventsQuery(centre.id);
  const counts = useEventCountsQuery(centre.id);
  const create = useCreateEventMutation(centre.id);
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [year, setYear] = useState<string>('all');
  const [form] = Form.useForm();

  const years = useMemo(() => [...new Set((list.data?.items ?? []).map((e) => e.year))].sort((a, b) => b - a), [list.data]);
  const shown = (list.data?.items ?? []).filter((e) => year === 'all' || e.year === Number(year));
  // Published figures by year, shown on the row of their year.
  const publishedByYear = useMemo(() => {
    const m = new Map<string, Published[]>();
    for (const p of counts.data?.published ?? []) if (p.period) m.set(p.period, [...(m.get(p.period) ?? []), p]);
    return m;
  }, [counts.data]);
  const yearRows: YearRow[] = useMemo(() => {
    const rows = [...(counts.data?.byYear ?? [])];
    for (const y of publishedByYear.keys()) if (/^\d{4}$/.test(y) && !rows.some((r) => r.year === Number(y))) rows.push({ year: Number(y), events: 0, sessions: 0, releases: 0, samples: 0 });
    return rows.sort((a, b) => b.year - a.year);
  }, [counts.data, publishedByYear]);

  const submit = async (values: Record<string, unknown>) => {
    setError(null);
    try {
      const out = await create.mutateAsync({ ...values, nameEn: values['nameEn'] || null, series: values['series'] || null, venue: values['venue'] || null, isSample: values['isSample'] === true });
      navigate(`/events/${encodeURIComponent(out.id)}`);
    } catch (e) {
      setError(placeIssues(form, e, t, (path) => [path.split('.')[0] as string], issueText));
    }
  };

  return (
    <div className="kc-inc" data-testid="events-page">
      <PageHeader
        title={t('events.title')}
        intro={t('events.intro')}
        extra={
          manager && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(!adding)} data-testid="event-add">
              {t('events.add')}
            </Button>
          )
        }
      />
      {adding && (
        <Panel title={t('events.add')}>
          <Form form={form} layout="vertical" className="kc-inc-form" onFinish={(v) => void submit(v as Record<string, unknown>)} initialValues={{ isSample: false }} data-testid="event-form">
            <Form.Item name="nameZh" label={t('events.field.nameZh')} rules={[{ required: true, message: t('events.required') }]}>
              <Input maxLength={200} data-testid="event-name-zh" />
            </Form.Item>
            <Form.Item name="nameEn" label={t('events.field.nameEn')}>
              <Input maxLength={300} data-testid="event-name-en" />
            </Form.Item>
            <Form.Item name="series" label={t('events.field.series')}>
              <Input maxLength={120} placeholder={t('events.field.seriesHint')} data-testid="event-series" />
            </Form.Item>
            <Form.Item name="startsOn" label={t('events.field.startsOn')} rules={[{ required: true, message: t('events.required') }]}>
              <Input placeholder="YYYY-MM-DD" data-testid="event-starts" />
            </Form.Item>
            <Form.Item name="endsOn" label={t('events.field.endsOn')} rules={[{ required: true, message: t('events.required') }]}>
              <Input placeholder="YYYY-MM-DD" data-testid="event-ends" />
            </Form.Item>
            <Form.Item name="venue" label={t('events.field.venue')}>
              <Input maxLength={300} />
            </Form.Item>
            <Form.Item name="isSample" valuePropName="checked">
              <Checkbox data-testid="event-sample">{t('events.field.isSample')}</Checkbox>
            </Form.Item>
            <Form.Item className="kc-inc-submit">
              <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="event-save">
                {t('events.save')}
              </Button>
            </Form.Item>
          </Form>
          {error && <p className="kc-inc-error" role="alert">{error}</p>}
        </Panel>
      )}
      <QueryState isLoading={counts.isLoading} error={counts.error} onRetry={() => void counts.refetch()}>
        <Panel title={t('events.counts.title')} data-testid="event-counts">
          <p className="kc-inc-note">{t('events.counts.note')}</p>
          <Table<YearRow>
            rowKey="year"
            size="small"
            pagination={false}
            dataSource={yearRows}
            locale={{ emptyText: t('events.counts.empty') }}
            scroll={{ x: true }}
            columns={[
              { title: t('events.counts.year'), key: 'year', width: 80, render: (_, r) => r.year },
              { title: t('events.counts.events'), key: 'events', align: 'right', width: 110, render: (_, r) => r.events },
              { title: t('events.counts.sessions'), key: 'sessions', align: 'right', width: 110, render: (_, r) => r.sessions },
              { title: t('events.counts.releases'), key: 'releases', align: 'right', width: 110, render: (_, r) => r.releases },
              { title: t('events.counts.samples'), key: 'samples', align: 'right', width: 130, render: (_, r) => r.samples },
              {
                title: t('events.counts.published'),
                key: 'published',
                render: (_, r) =>
                  (publishedByYear.get(String(r.year)) ?? []).map((p) => (
                    <div key={p.indicatorCode} data-testid="event-published">
                      {pickTitle({ titleZh: p.nameZh, titleEn: p.nameEn }, locale)}
                      {t('events.colon')}
                      <strong>{publishedValue(p, t)}</strong>
                      {(p.sourceTitleZh || p.sourceTitleEn) && (
                        <Tooltip title={pickTitle({ titleZh: p.sourceTitleZh, titleEn: p.sourceTitleEn }, locale)}>
                          <span className="kc-muted kc-small">
                            {' · '}
                            {p.sourceUrl ? (
                              <a href={p.sourceUrl} target="_blank" rel="noreferrer">
                                {t('events.counts.sourceLink')}
                              </a>
                            ) : (
                              t('events.counts.sourceLink')
                            )}
                          </span>
                        </Tooltip>
                      )}
                    </div>
                  )),
              },
            ]}
          />
        </Panel>
      </QueryState>
      <QueryState isLoading={list.isLoading} error={list.error} onRetry={() => void list.refetch()}>
        <Panel title={t('events.list')} extra={years.length > 0 && <Segmented value={year} onChange={(v) => setYear(String(v))} options={[{ value: 'all', label: t('events.allYears') }, ...years.map((y) => ({ value: String(y), label: String(y) }))]} data-testid="events-year" />}>
          <Table<EventSummary>
            rowKey="id"
            size="middle"
            pagination={false}
            dataSource={shown}
            locale={{ emptyText: manager ? t('events.emptyManager') : t('events.empty') }}
            data-testid="events-table"
            scroll={{ x: true }}
            columns={[
              {
                title: t('events.col.name'),
                key: 'name',
                render: (_, e) => (
                  <span>
                    <Link to={`/events/${encodeURIComponent(e.id)}`} data-testid="event-link">
                      {pickTitle({ titleZh: e.nameZh, titleEn: e.nameEn }, locale)}
                    </Link>
                    <SampleTag isSample={e.isSample} />
                  </span>
                ),
              },
              { title: t('events.field.series'), key: 'series', render: (_, e) => e.series ?? '—' },
              { title: t('events.col.dates'), key: 'dates', render: (_, e) => (e.startsOn === e.endsOn ? e.startsOn : `${e.startsOn} – ${e.endsOn}`) },
              { title: t('events.counts.sessions'), key: 'sessions', align: 'right', render: (_, e) => e.sessions },
              { title: t('events.counts.releases'), key: 'releases', align: 'right', render: (_, e) => e.releases },
            ]}
          />
        </Panel>
      </QueryState>
    </div>
  );
};
