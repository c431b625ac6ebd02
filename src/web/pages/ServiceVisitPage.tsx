import { ArrowLeftOutlined, CheckCircleOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Select } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { DEMAND_TYPES } from '../../shared/schemas/services.js';
import { useCentreToday, useCurrentCentre } from '../app/centre.js';
import { formatPartialDate, pickName } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { EntityPicker, type PickedEntity } from '../modules/registry/components/editors/EntityPicker.js';
import { ServicesNav } from '../modules/services/components/ServicesNav.js';
import { useDemandsByIdQueries } from '../modules/services/hooks/useDemands.js';
import { useEnterpriseViewQuery } from '../modules/services/hooks/useEnterpriseView.js';
import { usePackagesQuery } from '../modules/services/hooks/usePackages.js';
import { useRecordVisitMutation } from '../modules/services/hooks/useVisits.js';
import type { Visit } from '../modules/services/types.js';
import { demandTypeLabel, placeFailure } from '../modules/services/utils/labels.js';
import { demandPath, enterpriseServicePath, SERVICE_ROUTES } from '../modules/services/utils/paths.js';
import { visitBody, visitFieldFor, type VisitValues } from '../modules/services/utils/visit.js';
import { PageHeader } from '../ui/PageHeader.js';
import { Panel } from '../ui/Panel.js';
import { Loading } from '../ui/Loading.js';
import { SampleTag } from '../ui/SampleTag.js';
import '../modules/services/services.css';

/** After saving: the visit and, for each need raised, the case it became and where it was routed. */
const VisitResult = ({ visit, onAnother }: { visit: Visit; onAnother: () => void }) => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const cases = useDemandsByIdQueries(centre.id, visit.demandIds);
  return (
    <Panel title={t('services.visit.savedTitle')} data-testid="visit-result">
      <p className="kc-svc-success">
        <CheckCircleOutlined /> {t('services.visit.saved', { enterprise: pickName(visit.enterprise, locale) || visit.enterprise.id, date: formatPartialDate(visit.visitedOn, locale) })}
        <SampleTag isSample={visit.isSample} />
      </p>
      {visit.demandIds.length === 0 ? (
        <p className="kc-muted">{t('services.visit.noDemands')}</p>
      ) : (
        <>
          <p>{t('services.visit.demandsCreated', { count: visit.demandIds.length })}</p>
          <table className="kc-simple-table" data-testid="visit-routing">
            <thead>
              <tr>
                <th>{t('services.col.reference')}</th>
                <th>{t('services.col.title')}</th>
                <th>{t('services.col.type')}</th>
                <th>{t('services.visit.routedTo')}</th>
              </tr>
            </thead>
            <tbody>
              {cases.map((q, i) => {
                const d = q.data;
                return (
                  <tr key={visit.demandIds[i]} data-testid="visit-routing-row">
                    {d ? (
                      <>
                        <td className="kc-mono kc-small">{d.reference}</td>
                        <td>
                          <Link to={demandPath(d.id)} data-testid="visit-demand-link">
                            {d.title}
                          </Link>
                        </td>
                        <td>{demandTypeLabel(t, d.type)}</td>
                        <td data-testid="visit-routed-department">{d.department ? pickName(d.department, locale) : <span className="kc-svc-warning-text">{t('services.visit.unrouted')}</span>}</td>
                      </>
                    ) : (
                      <td colSpan={4}>
                        <Loading rows={1} />
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}
      <div className="kc-svc-toolbar">
        <Link to={enterpriseServicePath(visit.enterprise.id)} data-testid="visit-open-enterprise">
          {t('services.visit.openEnterprise')}
        </Link>
        <Link to={SERVICE_ROUTES.desk}>{t('services.visit.backToDesk')}</Link>
        <Button onClick={onAnother} data-testid="visit-another">
          {t('services.visit.another')}
        </Button>
      </div>
    </Panel>
  );
};

/**
 * 记录走访 / Record a visit: the enterprise, the date, who took part on each
 * side, the topics and notes, and the needs raised, each of which becomes a
 * case routed to the department that owns its type and area.
 */
export const ServiceVisitPage = () => {
  const { t } = useI18n();
  const centre = useCurrentCentre();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const preset = params.get('enterprise');
  const [form] = Form.useForm<VisitValues>();
  const record = useRecordVisitMutation(centre.id);
  const packages = usePackagesQuery(centre.id, { mine: 'true' });
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<Visit | null>(null);
  const today = useCentreToday();
  const mine = useMemo(() => (packages.data?.items ?? []).map((p) => p.enterprise), [packages.data]);
  // An enterprise named in the address but not among mine: its name comes from its service view.
  const presetView = useEnterpriseViewQuery(centre.id, preset && packages.data && !mine.some((e) => e.id === preset) ? preset : null);
  const suggestions = useMemo<PickedEntity[]>(
    () =>
      [...mine, ...(presetView.data ? [presetView.data.enterprise] : [])].map((e) => ({ id: e.id, nameZh: e.nameZh, nameEn: e.nameEn ?? e.nameZh ?? e.id, kind: null, category: 'enterprise' })),
    [mine, presetView.data],
  );
  const initial: VisitValues = {
    ...(preset ? { enterpriseId: preset } : {}),
    visitedOn: today,
    participants: [{ side: 'government' }, { side: 'enterprise' }],
    topics: [],
    demands: [],
  };

  const save = async (v: VisitValues) => {
    setError(null);
    const { body, ...rows } = visitBody(v);
    try {
      setSaved(await record.mutateAsync(body));
      window.scrollTo({ top: 0 });
    } catch (e) {
      setError(placeFailure(form, e, t, (path) => visitFieldFor(path, rows)));
    }
  };

  if (saved) {
    return (
      <div className="kc-svc" data-testid="visit-page">
        <ServicesNav />
        <PageHeader title={t('services.visit.title')} />
        <VisitResult
          visit={saved}
          onAnother={() => {
            setSaved(null);
            form.resetFields();
          }}
        />
      </div>
    );
  }

  return (
    <div className="kc-svc" data-testid="visit-page">
      <ServicesNav />
      <Button type="link" icon={<ArrowLeftOutlined />} className="kc-back" onClick={() => navigate(SERVICE_ROUTES.desk)} data-testid="visit-back">
        {t('services.visit.backToDesk')}
      </Button>
      <PageHeader title={t('services.visit.title')} intro={t('services.visit.intro')} />
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => void save(v)} data-testid="visit-form" scrollToFirstError>
        <Panel title={t('services.visit.basics')}>
          <div className="kc-svc-form-row">
            <Form.Item name="enterpriseId" label={t('services.col.enterprise')} rules={[{ required: true, message: t('services.required') }]} extra={suggestions.length ? t('services.visit.enterpriseHint') : undefined}>
              <EntityPicker category="enterprise" suggestions={suggestions} data-testid="visit-enterprise" />
            </Form.Item>
            <Form.Item name="visitedOn" label={t('services.visit.date')} rules={[{ required: true, message: t('services.required') }, { validator: (_, v?: string) => (!v || v <= today ? Promise.resolve() : Promise.reject(new Error(t('services.reason.in_future')))) }]}>
              <Input type="date" max={today} data-testid="visit-date" />
            </Form.Item>
          </div>
          <div className="kc-svc-label">{t('services.visit.participants')}</div>
          <Form.List name="participants">
            {(fields, { add, remove }) => (
              <div className="kc-svc-rows" data-testid="visit-participants">
                {fields.map((field) => (
                  <div key={field.key} className="kc-svc-participant-row" data-testid="visit-participant">
                    <Form.Item name={[field.name, 'name']} rules={[{ required: true, whitespace: true, message: t('services.visit.nameRequired') }]}>
                      <Input maxLength={80} placeholder={t('services.visit.participantName')} aria-label={t('services.visit.participantName')} data-testid="participant-name" />
                    </Form.Item>
                    <Form.Item name={[field.name, 'side']}>
                      <Select
                        aria-label={t('services.visit.side')}
                        options={[
                          { value: 'government', label: t('services.visit.sideGovernment') },
                          { value: 'enterprise', label: t('services.visit.sideEnterprise') },
                        ]}
                        data-testid="participant-side"
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'role']}>
                      <Input maxLength={80} placeholder={t('services.visit.participantRole')} aria-label={t('services.visit.participantRole')} data-testid="participant-role" />
                    </Form.Item>
                    <Button type="text" icon={<MinusCircleOutlined />} aria-label={t('services.remove')} disabled={fields.length <= 1} onClick={() => remove(field.name)} />
                  </div>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ side: 'enterprise' })} data-testid="visit-add-participant">
                  {t('services.visit.addParticipant')}
                </Button>
              </div>
            )}
          </Form.List>
          <Form.Item name="topics" label={t('services.visit.topics')} extra={t('services.visit.topicsHint')} rules={[{ required: true, type: 'array', min: 1, message: t('services.visit.topicsRequired') }]} className="kc-svc-topics">
            <Select mode="tags" open={false} tokenSeparators={[',', '，', '、']} data-testid="visit-topics" aria-label={t('services.visit.topics')} />
          </Form.Item>
          <Form.Item name="notes" label={t('services.visit.notes')}>
            <Input.TextArea rows={3} maxLength={10000} data-testid="visit-notes" />
          </Form.Item>
        </Panel>

        <Panel title={t('services.visit.needs')} extra={<span className="kc-muted kc-small">{t('services.visit.needsHint')}</span>}>
          <Form.List name="demands">
            {(fields, { add, remove }) => (
              <div className="kc-svc-rows" data-testid="visit-needs">
                {fields.length === 0 && <p className="kc-muted">{t('services.visit.needsEmpty')}</p>}
                {fields.map((field, i) => (
                  <div key={field.key} className="kc-svc-need" data-testid="visit-need">
                    <div className="kc-svc-need-head">
                      <strong>{t('services.visit.needNumber', { n: i + 1 })}</strong>
                      <Button type="text" size="small" icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} data-testid="need-remove">
                        {t('services.remove')}
                      </Button>
                    </div>
                    <div className="kc-svc-need-row">
                      <Form.Item name={[field.name, 'type']} label={t('services.col.type')} rules={[{ required: true, message: t('services.required') }]}>
                        <Select options={DEMAND_TYPES.map((d) => ({ value: d, label: demandTypeLabel(t, d) }))} data-testid="need-type" />
                      </Form.Item>
                      <Form.Item name={[field.name, 'title']} label={t('services.visit.needTitle')} rules={[{ required: true, whitespace: true, message: t('services.required') }]}>
                        <Input maxLength={200} data-testid="need-title" />
                      </Form.Item>
                    </div>
                    <Form.Item name={[field.name, 'description']} label={t('services.description')} rules={[{ required: true, whitespace: true, message: t('services.required') }]}>
                      <Input.TextArea rows={3} maxLength={5000} data-testid="need-description" placeholder={t('services.newDemand.descriptionPlaceholder')} />
                    </Form.Item>
                  </div>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} data-testid="visit-add-need">
                  {t('services.visit.addNeed')}
                </Button>
              </div>
            )}
          </Form.List>
        </Panel>
        {error && (
          <div className="kc-svc-error" role="alert" data-testid="visit-error">
            {error}
          </div>
        )}
        <div className="kc-svc-form-actions">
          <Button onClick={() => navigate(SERVICE_ROUTES.desk)}>{t('services.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={record.isPending} data-testid="visit-submit">
            {t('services.visit.submit')}
          </Button>
        </div>
      </Form>
    </div>
  );
};
