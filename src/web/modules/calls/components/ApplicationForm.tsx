import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Form, Input, InputNumber } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useCurrentCentre } from '../../../app/centre.js';
import { formatDateTime, pickName } from '../../../i18n/format.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { EntityPicker } from '../../registry/components/editors/EntityPicker.js';
import { useSaveApplicationMutation } from '../hooks/useApplications.js';
import type { Application, Call } from '../types.js';
import { failureText } from '../utils/labels.js';

type Ref = { id: string; nameZh: string | null; nameEn: string };
type Values = {
  title: string;
  partnerEntityIds: (string | undefined)[];
  piEntityId?: string;
  memberEntityIds: (string | undefined)[];
  excludedEntityIds: (string | undefined)[];
  plan?: string;
  teamTrl?: number | null;
  budgetTotal?: number | null;
  budgetSelf?: number | null;
  budgetItems: { label?: string; amount?: number }[];
  milestones: { title?: string; deliverable?: string; verification?: string; dueOn?: string; trancheShare?: number }[];
  declarations: Record<string, boolean>;
};

const ids = (list: (string | undefined)[]) => [...new Set(list.filter((x): x is string => !!x))];
const orNull = (s: string | undefined | null) => (s && s.trim() ? s.trim() : null);

const valuesOf = (a: Application, declarations: readonly string[]): Values => ({
  title: a.title,
  partnerEntityIds: a.partners.map((p) => p.id),
  piEntityId: a.pi?.id,
  memberEntityIds: a.members.map((m) => m.id),
  excludedEntityIds: a.excludedEntityIds,
  plan: a.plan ?? undefined,
  teamTrl: a.teamTrl,
  budgetTotal: a.budget.total || null,
  budgetSelf: a.budget.selfFunded,
  budgetItems: a.budget.items,
  milestones: a.milestones.map((m) => ({ title: m.title, deliverable: m.deliverable, verification: m.verification, dueOn: m.dueOn, trancheShare: m.trancheShare })),
  declarations: Object.fromEntries(declarations.map((d) => [d, a.declarations[d] === true])),
});

/** The fields of a PATCH; incomplete milestones and budget lines are left out until they are whole. */
const patchOf = (v: Values) => ({
  title: v.title?.trim() || undefined,
  partnerEntityIds: ids(v.partnerEntityIds),
  piEntityId: v.piEntityId ?? null,
  memberEntityIds: ids(v.memberEntityIds),
  excludedEntityIds: ids(v.excludedEntityIds),
  plan: orNull(v.plan),
  teamTrl: v.teamTrl ?? null,
  budget: {
    total: v.budgetTotal ?? 0,
    selfFunded: v.budgetSelf ?? null,
    items: v.budgetItems.filter((i) => orNull(i.label) && typeof i.amount === 'number').map((i) => ({ label: orNull(i.label) as string, amount: i.amount as number })),
  },
  milestones: v.milestones
    .filter((m) => orNull(m.title) && orNull(m.deliverable) && orNull(m.verification) && m.dueOn && typeof m.trancheShare === 'number')
    .map((m) => ({ title: orNull(m.title), deliverable: orNull(m.deliverable), verification: orNull(m.verification), dueOn: m.dueOn, trancheShare: m.trancheShare })),
  declarations: v.declarations,
});

const PickerList = ({ name, label, testId, suggestions }: { name: 'partnerEntityIds' | 'memberEntityIds' | 'excludedEntityIds'; label: string; testId: string; suggestions: Ref[] }) => {
  const { t } = useI18n();
  const picked = suggestions.map((s) => ({ ...s, kind: null, category: '' }));
  return (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <div className="kc-calls-picker-list" data-testid={testId}>
          <div className="kc-calls-label">{label}</div>
          {fields.map((f) => (
            <div key={f.key} className="kc-calls-picker-row">
              <Form.Item name={f.name} noStyle>
                <EntityPicker suggestions={picked} data-testid={`${testId}-picker`} />
              </Form.Item>
              <Button type="text" icon={<MinusCircleOutlined />} aria-label={t('calls.remove')} onClick={() => remove(f.name)} />
            </div>
          ))}
          <Button size="small" icon={<PlusOutlined />} onClick={() => add(undefined)} data-testid={`${testId}-add`}>
            {t('calls.add')}
          </Button>
        </div>
      )}
    </Form.List>
  );
};

const AUTOSAVE_MS = 800;

/**
 * A bid's draft: team (lead = the applicant's own organisation; partners, PI
 * and members from the registry), plan, milestones with deliverables,
 * verification and tranche shares, budget and declarations. Saved as it is
 * typed (with the version seen, so two tabs never overwrite each other).
 * `flush` lets the page save before it submits.
 */
export const ApplicationForm = ({ application, call, declarations, onSaved, flushRef }: { application: Application; call: Call; declarations: readonly string[]; onSaved: (version: number) => void; flushRef: { current: (() => Promise<boolean>) | null } }) => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const save = useSaveApplicationMutation(centre.id);
  const [form] = Form.useForm<Values>();
  const initial = useMemo(() => valuesOf(application, declarations), [application.id]); // eslint-disable-line react-hooks/exhaustive-deps
  const version = useRef(application.version);
  const last = useRef(JSON.stringify(patchOf(initial)));
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const [status, setStatus] = useState<{ kind: 'idle' | 'saving' | 'saved' | 'error'; at?: string; error?: string }>({ kind: 'idle' });
  const refs: Ref[] = [...application.partners, ...application.members, ...(application.pi ? [application.pi] : [])];

  const flush = async (): Promise<boolean> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const patch = patchOf(form.getFieldsValue(true) as Values);
    const json = JSON.stringify(patch);
    if (json === last.current) return true;
    const before = JSON.parse(last.current) as Record<string, unknown>;
    const changed = Object.fromEntries(Object.entries(patch).filter(([k, v]) => v !== undefined && JSON.stringify(v) !== JSON.stringify(before[k])));
    if (Object.keys(changed).length === 0) return true;
    setStatus({ kind: 'saving' });
    try {
      const saved = await save.mutateAsync({ id: application.id, patch: { ...changed, version: version.current } });
      version.current = saved.version;
      last.current = json;
      onSaved(saved.version);
      setStatus({ kind: 'saved', at: saved.savedAt });
      return true;
    } catch (e) {
      setStatus({ kind: 'error', error: failureText(e, t) });
      return false;
    }
  };
  flushRef.current = flush;
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  const schedule = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), AUTOSAVE_MS);
  };

  return (
    <Form form={form} layout="vertical" initialValues={initial} onValuesChange={schedule} data-testid="application-form">
      <div className="kc-calls-autosave" data-testid="application-autosave" data-status={status.kind}>
        {status.kind === 'saving' && t('calls.saving')}
        {status.kind === 'saved' && status.at && t('calls.savedAt', { time: formatDateTime(status.at, locale, true) })}
        {status.kind === 'error' && <span className="kc-calls-error-inline">{status.error}</span>}
        {status.kind === 'idle' && t('calls.autosaveHint')}
      </div>
      <Form.Item name="title" label={t('calls.bidTitle')} rules={[{ required: true, message: t('calls.required') }]}>
        <Input data-testid="application-title" />
      </Form.Item>
      <div className="kc-calls-grid">
        <div>
          <div className="kc-calls-label">{t('calls.lead')}</div>
          <p data-testid="application-lead">{application.lead ? pickName(application.lead, locale) : t('calls.leadOwn')}</p>
          <Form.Item name="piEntityId" label={t('calls.pi')} extra={t('calls.piHint')}>
            <EntityPicker suggestions={application.pi ? [{ ...application.pi, kind: null, category: 'person' }] : []} data-testid="application-pi" />
          </Form.Item>
          <Form.Item name="teamTrl" label={t('calls.teamTrl')} extra={call.trlExpected ? t('calls.teamTrlHint', { trl: call.trlExpected }) : undefined}>
            <InputNumber min={1} max={9} data-testid="application-trl" />
          </Form.Item>
        </div>
        <div className="kc-stack">
          <PickerList name="partnerEntityIds" label={t('calls.partners')} testId="application-partners" suggestions={application.partners} />
          <PickerList name="memberEntityIds" label={t('calls.members')} testId="application-members" suggestions={application.members} />
          <PickerList name="excludedEntityIds" label={t('calls.excluded')} testId="application-excluded" suggestions={refs} />
        </div>
      </div>
      <Form.Item name="plan" label={t('calls.plan')} extra={t('calls.planHint')}>
        <Input.TextArea rows={6} data-testid="application-plan" />
      </Form.Item>

      <div className="kc-calls-label">{t('calls.milestones')}</div>
      <p className="kc-muted kc-small">{t('calls.milestonesHint')}</p>
      <Form.List name="milestones">
        {(fields, { add, remove }) => (
          <div data-testid="application-milestones" className="kc-stack">
            {fields.map((f, i) => (
              <div key={f.key} className="kc-calls-milestone-edit" data-testid="application-milestone">
                <div className="kc-calls-milestone-no">{i + 1}</div>
                <Form.Item name={[f.name, 'title']} label={t('calls.milestoneTitle')}>
                  <Input data-testid="milestone-title" />
                </Form.Item>
                <Form.Item name={[f.name, 'dueOn']} label={t('calls.dueOn')}>
                  <Input type="date" data-testid="milestone-due" />
                </Form.Item>
                <Form.Item name={[f.name, 'trancheShare']} label={t('calls.trancheShare')}>
                  <InputNumber min={0} max={100} suffix="%" data-testid="milestone-share" />
                </Form.Item>
                <Form.Item name={[f.name, 'deliverable']} label={t('calls.deliverable')} className="kc-calls-wide">
                  <Input data-testid="milestone-deliverable" />
                </Form.Item>
                <Form.Item name={[f.name, 'verification']} label={t('calls.verification')} className="kc-calls-wide">
                  <Input data-testid="milestone-verification" />
                </Form.Item>
                <Button type="text" icon={<MinusCircleOutlined />} aria-label={t('calls.remove')} onClick={() => remove(f.name)} />
              </div>
            ))}
            <div>
              <Button icon={<PlusOutlined />} onClick={() => add({})} data-testid="application-add-milestone">
                {t('calls.addMilestone')}
              </Button>
            </div>
          </div>
        )}
      </Form.List>

      <div className="kc-calls-label kc-calls-subsection">{t('calls.budgetSection')}</div>
      <div className="kc-form-grid">
        <Form.Item name="budgetTotal" label={t('calls.budgetTotal')}>
          <InputNumber min={0} style={{ width: '100%' }} data-testid="application-budget-total" />
        </Form.Item>
        <Form.Item name="budgetSelf" label={t('calls.budgetSelf')}>
          <InputNumber min={0} style={{ width: '100%' }} data-testid="application-budget-self" />
        </Form.Item>
      </div>
      <Form.List name="budgetItems">
        {(fields, { add, remove }) => (
          <div data-testid="application-budget-items">
            {fields.map((f) => (
              <div key={f.key} className="kc-calls-tranche-row">
                <Form.Item name={[f.name, 'label']}>
                  <Input placeholder={t('calls.budgetItem')} data-testid="budget-item-label" />
                </Form.Item>
                <Form.Item name={[f.name, 'amount']}>
                  <InputNumber min={0} placeholder={t('calls.amount')} data-testid="budget-item-amount" />
                </Form.Item>
                <Button type="text" icon={<MinusCircleOutlined />} aria-label={t('calls.remove')} onClick={() => remove(f.name)} />
              </div>
            ))}
            <Button size="small" icon={<PlusOutlined />} onClick={() => add({})} data-testid="application-add-budget-item">
              {t('calls.addBudgetItem')}
            </Button>
          </div>
        )}
      </Form.List>

      {declarations.length > 0 && (
        <div className="kc-calls-subsection" data-testid="application-declarations">
          <div className="kc-calls-label">{t('calls.declarations')}</div>
          {declarations.map((d) => (
            <Form.Item key={d} name={['declarations', d]} valuePropName="checked" noStyle>
              <Checkbox data-testid={`declaration-${d}`} className="kc-calls-declaration">
                {t.has(`declaration.${d}`) ? t(`declaration.${d}` as 'declaration.no_duplicate_funding') : d}
              </Checkbox>
            </Form.Item>
          ))}
        </div>
      )}
    </Form>
  );
};
