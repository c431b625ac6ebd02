import { ArrowLeftOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Select, Table } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useCurrentCentre } from '../app/centre.js';
import { placeIssues } from '../app/errors.js';
import { useSession } from '../app/session.js';
import { pickName, pickTitle } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { useAchievementOptionsQuery, useAddReleaseMutation, useAddSessionMutation, useEventQuery, type EventRelease, type EventSession } from '../modules/events/hooks.js';
import { issueText } from '../modules/events/labels.js';
import { EntityPicker } from '../modules/registry/components/editors/EntityPicker.js';
import { PageHeader } from '../ui/PageHeader.js';
import { Panel } from '../ui/Panel.js';
import { QueryState } from '../ui/QueryState.js';
import { SampleTag } from '../ui/SampleTag.js';
import '../modules/incubators/incubators.css';

/** Field paths of the session and release forms: organiserIds.2 → ['organiserIds', 2]. */
const fieldOf = (path: string): (string | number)[] => path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));

/** A published achievement picked by typing part of its title. */
const AchievementSelect = ({ value, onChange }: { value?: string; onChange?: (v: string | undefined) => void }) => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 250);
    return () => clearTimeout(timer);
  }, [typed]);
  const options = useAchievementOptionsQuery(centre.id, q);
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setTyped, searchValue: typed }}
      allowClear
      value={value}
      onChange={(v?: string) => onChange?.(v)}
      placeholder={t('events.release.achievementHint')}
      loading={options.isFetching}
      options={(options.data?.items ?? []).map((a) => ({ value: a.id, label: pickTitle(a, locale) }))}
      data-testid="release-achievement"
      style={{ width: '100%' }}
    />
  );
};

/** 活动 / An event: its sessions with their organisers and the achievements released there. */
export const EventPage = () => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const navigate = useNavigate();
  const { eventId = '' } = useParams();
  const { can } = useSession();
  const manager = can('events:manage');
  const query = useEventQuery(centre.id, eventId);
  const addSession = useAddSessionMutation(centre.id, eventId);
  const addRelease = useAddReleaseMutation(centre.id, eventId);
  const [sessionForm] = Form.useForm();
  const [releaseForm] = Form.useForm();
  const [sessionError, setSessionError] = useState<string | null>(null);
  const [releaseError, setReleaseError] = useState<string | null>(null);
  const ev = query.data;
  const sessionTitle = (id: string | null) => {
    const s = ev?.sessionList.find((x) => x.id === id);
    return s ? pickTitle(s, locale) : '—';
  };

  const submitSession = async (values: Record<string, unknown>) => {
    setSessionError(null);
    try {
      await addSession.mutateAsync({ titleZh: values['titleZh'], titleEn: values['titleEn'] || null, heldOn: values['heldOn'], venue: values['venue'] || null, organiserIds: ((values['organiserIds'] as (string | undefined)[] | undefined) ?? []).filter(Boolean) });
      sessionForm.resetFields();
    } catch (e) {
      setSessionError(placeIssues(sessionForm, e, t, fieldOf, issueText));
    }
  };
  const submitRelease = async (values: Record<string, unknown>) => {
    setReleaseError(null);
    try {
      await addRelease.mutateAsync({ titleZh: values['titleZh'], titleEn: values['titleEn'] || null, releasedOn: values['releasedOn'], sessionId: values['sessionId'] ?? null, achievementId: values['achievementId'] ?? null, organisationIds: values['organisationId'] ? [values['organisationId']] : [] });
      releaseForm.resetFields();
    } catch (e) {
      setReleaseError(placeIssues(releaseForm, e, t, (path) => (path.startsWith('organisationIds') ? ['organisationId'] : fieldOf(path)), issueText));
    }
  };

  return (
    <div className="kc-inc" data-testid="event-page">
      <Button type="link" icon={<ArrowLeftOutlined />} className="kc-back" onClick={() => navigate('/events')}>
        {t('events.back')}
      </Button>
      <QueryState isLoading={query.isLoading} error={query.error} onRetry={() => void query.refetch()}>
        {ev && (
          <>
            <PageHeader
              title={
                <span>
                  {pickTitle({ titleZh: ev.nameZh, titleEn: ev.nameEn }, locale)}
                  <SampleTag isSample={ev.isSample} />
                </span>
              }
              intro={[ev.series, ev.startsOn === ev.endsOn ? ev.startsOn : `${ev.startsOn} – ${ev.endsOn}`, ev.venue].filter(Boolean).join(' · ')}
            />
            <div className="kc-inc-cards" data-testid="event-totals">
              <div className="kc-inc-card">
                <span className="kc-muted kc-small">{t('events.counts.sessions')}</span>
                <span className="kc-inc-card-value" data-testid="event-session-count">{ev.sessions}</span>
              </div>
              <div className="kc-inc-card">
                <span className="kc-muted kc-small">{t('events.counts.releases')}</span>
                <span className="kc-inc-card-value" data-testid="event-release-count">{ev.releases}</span>
              </div>
            </div>
            <Panel title={t('events.sessions')}>
              <Table<EventSession>
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={ev.sessionList}
                locale={{ emptyText: t('events.session.empty') }}
                scroll={{ x: true }}
                data-testid="event-sessions"
                columns={[
                  { title: t('events.session.title'), key: 'title', render: (_, s) => pickTitle(s, locale) },
                  { title: t('events.session.heldOn'), key: 'held', render: (_, s) => s.heldOn },
                  { title: t('events.session.organisers'), key: 'org', render: (_, s) => (s.organisers.length ? s.organisers.map((o, i) => <span key={o.id}>{i > 0 && t('events.listSep')}<Link to={`/registry/${encodeURIComponent(o.id)}`}>{pickName(o, locale)}</Link></span>) : '—') },
                ]}
              />
              {manager && (
                <>
                  <h4 className="kc-inc-subhead">{t('events.session.form')}</h4>
                  <Form form={sessionForm} layout="vertical" className="kc-inc-form" onFinish={(v) => void submitSession(v as Record<string, unknown>)} initialValues={{ heldOn: ev.startsOn, organiserIds: [undefined] }} data-testid="session-form">
                    <Form.Item name="titleZh" label={t('events.session.titleZh')} rules={[{ required: true, message: t('events.required') }]}>
                      <Input maxLength={300} data-testid="session-title" />
                    </Form.Item>
                    <Form.Item name="titleEn" label={t('events.session.titleEn')}>
                      <Input maxLength={400} data-testid="session-title-en" />
                    </Form.Item>
                    <Form.Item name="heldOn" label={t('events.session.heldOn')} rules={[{ required: true, message: t('events.required') }]}>
                      <Input placeholder="YYYY-MM-DD" data-testid="session-date" />
                    </Form.Item>
                    <Form.List name="organiserIds">
                      {(fields, { add, remove }) => (
                        <div>
                          {fields.map((field, i) => (
                            <div key={field.key} style={{ display: 'flex', gap: 6, alignItems: 'flex-end' }}>
                              <Form.Item name={field.name} label={i === 0 ? t('events.session.organisers') : undefined} style={{ flex: 1 }}>
                                <EntityPicker data-testid={`session-organiser-${i}`} />
                              </Form.Item>
                              {fields.length > 1 && <MinusCircleOutlined style={{ marginBottom: 32 }} onClick={() => remove(field.name)} aria-label={t('events.session.removeOrganiser')} />}
                            </div>
                          ))}
                          {fields.length < 5 && (
                            <Button type="dashed" size="small" icon={<PlusOutlined />} onClick={() => add()}>
                              {t('events.session.addOrganiser')}
                            </Button>
                          )}
                        </div>
                      )}
                    </Form.List>
                    <Form.Item className="kc-inc-submit">
                      <Button type="primary" icon={<PlusOutlined />} htmlType="submit" loading={addSession.isPending} data-testid="session-add">
                        {t('events.session.add')}
                      </Button>
                    </Form.Item>
                  </Form>
                  {sessionError && <p className="kc-inc-error" role="alert">{sessionError}</p>}
                </>
              )}
            </Panel>
            <Panel title={t('events.releases')}>
              <Table<EventRelease>
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={ev.releaseList}
                locale={{ emptyText: t('events.release.empty') }}
                scroll={{ x: true }}
                data-testid="event-releases"
                columns={[
                  { title: t('events.release.title'), key: 'title', render: (_, r) => pickTitle(r, locale) },
                  { title: t('events.release.releasedOn'), key: 'on', render: (_, r) => r.releasedOn },
                  { title: t('events.release.session'), key: 'session', render: (_, r) => sessionTitle(r.sessionId) },
                  { title: t('events.release.achievement'), key: 'ach', render: (_, r) => (r.achievement ? <Link to={`/achievements/${encodeURIComponent(r.achievement.id)}`}>{pickTitle(r.achievement, locale)}</Link> : '—') },
                  { title: t('events.release.organisations'), key: 'orgs', render: (_, r) => (r.organisations.length ? r.organisations.map((o, i) => <span key={o.id}>{i > 0 && t('events.listSep')}<Link to={`/registry/${encodeURIComponent(o.id)}`}>{pickName(o, locale)}</Link></span>) : '—') },
                ]}
              />
              {manager && (
                <>
                  <h4 className="kc-inc-subhead">{t('events.release.form')}</h4>
                  <Form form={releaseForm} layout="vertical" className="kc-inc-form" onFinish={(v) => void submitRelease(v as Record<string, unknown>)} initialValues={{ releasedOn: ev.startsOn }} data-testid="release-form">
                    <Form.Item name="titleZh" label={t('events.release.titleZh')} rules={[{ required: true, message: t('events.required') }]}>
                      <Input maxLength={300} data-testid="release-title" />
                    </Form.Item>
                    <Form.Item name="titleEn" label={t('events.release.titleEn')}>
                      <Input maxLength={400} data-testid="release-title-en" />
                    </Form.Item>
                    <Form.Item name="releasedOn" label={t('events.release.releasedOn')} rules={[{ required: true, message: t('events.required') }]}>
                      <Input placeholder="YYYY-MM-DD" data-testid="release-date" />
                    </Form.Item>
                    <Form.Item name="sessionId" label={t('events.release.session')}>
                      <Select allowClear options={ev.sessionList.map((s) => ({ value: s.id, label: pickTitle(s, locale) }))} data-testid="release-session" />
                    </Form.Item>
                    <Form.Item name="achievementId" label={t('events.release.achievement')}>
                      <AchievementSelect />
                    </Form.Item>
                    <Form.Item name="organisationId" label={t('events.release.organisation')}>
                      <EntityPicker data-testid="release-organisation" />
                    </Form.Item>
                    <Form.Item className="kc-inc-submit">
                      <Button type="primary" icon={<PlusOutlined />} htmlType="submit" loading={addRelease.isPending} data-testid="release-add">
                        {t('events.release.add')}
                      </Button>
                    </Form.Item>
                  </Form>
                  {releaseError && <p className="kc-inc-error" role="alert">{releaseError}</p>}
                </>
              )}
            </Panel>
          </>
        )}
      </QueryState>
    </div>
  );
};
