import { Checkbox, Form, Input, Modal, Select } from 'antd';
import { useMemo, useState } from 'react';
import { DEMAND_TYPES, DEPARTMENT_LEVELS } from '../../../../shared/schemas/services.js';
import { useCurrentCentre } from '../../../app/centre.js';
import { areaKindKey } from '../../../i18n/keys.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { useAreasQuery } from '../../centres/hooks/useAreasQuery.js';
import { useCreateDepartmentMutation, useUpdateDepartmentMutation, type DepartmentBody } from '../hooks/useDepartments.js';
import { useOfficerDirectory } from '../hooks/useOfficers.js';
import type { Department } from '../types.js';
import { isAccountId } from '../utils/officers.js';
import { demandTypeLabel, departmentLevelLabel, placeFailure } from '../utils/labels.js';
import { OfficerSelect } from './OfficerSelect.js';

type Values = { nameZh?: string; nameEn?: string; level?: string; areaId?: string | null; demandTypes: string[]; isCoordinator: boolean; memberUserIds: string[] };
const FIELDS = ['nameZh', 'nameEn', 'level', 'areaId', 'demandTypes', 'isCoordinator', 'memberUserIds'];

/** Area kinds a department of each level may serve. */
const AREA_KINDS_FOR: Record<string, readonly string[]> = {
  district: ['district'],
  park: ['zone', 'science_city', 'development_area', 'park', 'sub_park'],
  municipal: [],
};

/**
 * Add or change a department: names, level, area (none for municipal), the
 * demand types it owns, whether it coordinates escalations, its members
 * (service officers).
 */
export const DepartmentDialog = ({ department, onClose }: { department: Department | null; onClose: () => void }) => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const [form] = Form.useForm<Values>();
  const create = useCreateDepartmentMutation(centre.id);
  const update = useUpdateDepartmentMutation(centre.id);
  const areas = useAreasQuery(centre.id);
  const directory = useOfficerDirectory(centre.id);
  const [error, setError] = useState<string | null>(null);
  const level = Form.useWatch('level', form) ?? department?.level ?? 'district';
  const isCoordinator = Form.useWatch('isCoordinator', form) ?? department?.isCoordinator ?? false;
  const areaOptions = useMemo(
    () =>
      (areas.data?.items ?? [])
        .filter((a) => AREA_KINDS_FOR[level]?.includes(a.kind))
        .map((a) => ({ value: a.id, label: `${locale === 'zh-CN' ? a.nameZh : a.nameEn} · ${t(areaKindKey(a.kind))}` })),
    [areas.data, level, locale, t],
  );
  const initial: Values = department
    ? { nameZh: department.nameZh, nameEn: department.nameEn, level: department.level, areaId: department.areaId, demandTypes: department.demandTypes, isCoordinator: department.isCoordinator, memberUserIds: department.memberUserIds }
    : { level: 'district', areaId: null, demandTypes: [], isCoordinator: false, memberUserIds: [] };

  const save = async (v: Values) => {
    setError(null);
    const body: DepartmentBody = {
      nameZh: (v.nameZh ?? '').trim(),
      nameEn: (v.nameEn ?? '').trim(),
      level: v.level ?? 'district',
      areaId: v.level === 'municipal' ? null : (v.areaId ?? null),
      demandTypes: v.isCoordinator ? [] : v.demandTypes,
      isCoordinator: v.isCoordinator,
      memberUserIds: [...new Set(v.memberUserIds.map((m) => m.trim()).filter(Boolean))],
    };
    try {
      if (department) await update.mutateAsync({ id: department.id, body: { ...body, version: department.version } });
      else await create.mutateAsync(body);
      onClose();
    } catch (e) {
      setError(placeFailure(form, e, t, (path) => {
        const head = path.split('.')[0] ?? '';
        return FIELDS.includes(head) ? [head] : null;
      }));
    }
  };

  return (
    <Modal
      open
      width={640}
      title={department ? t('services.departments.edit') : t('services.departments.new')}
      okText={department ? t('services.saveChanges') : t('services.departments.create')}
      cancelText={t('services.cancel')}
      okButtonProps={{ loading: create.isPending || update.isPending, 'data-testid': 'department-form-submit' }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => void save(v)} data-testid="department-form">
        <div className="kc-svc-form-row">
          <Form.Item name="nameZh" label={t('services.departments.nameZh')} rules={[{ required: true, whitespace: true, message: t('services.required') }]}>
            <Input maxLength={120} data-testid="department-form-name-zh" />
          </Form.Item>
          <Form.Item name="nameEn" label={t('services.departments.nameEn')} rules={[{ required: true, whitespace: true, message: t('services.required') }]}>
            <Input maxLength={120} data-testid="department-form-name-en" />
          </Form.Item>
        </div>
        <div className="kc-svc-form-row">
          <Form.Item name="level" label={t('services.departments.level')} rules={[{ required: true, message: t('services.required') }]}>
            <Select
              options={DEPARTMENT_LEVELS.map((l) => ({ value: l, label: departmentLevelLabel(t, l) }))}
              onChange={() => form.setFieldValue('areaId', null)}
              data-testid="department-form-level"
            />
          </Form.Item>
          <Form.Item
            name="areaId"
            label={t('services.departments.area')}
            extra={level === 'municipal' ? t('services.departments.areaMunicipal') : undefined}
            rules={level === 'municipal' ? [] : [{ required: true, message: t('services.departments.areaRequired') }]}
          >
            <Select allowClear showSearch={{ optionFilterProp: 'label' }} disabled={level === 'municipal'} options={areaOptions} loading={areas.isLoading} data-testid="department-form-area" />
          </Form.Item>
        </div>
        <Form.Item name="isCoordinator" valuePropName="checked" extra={t('services.departments.coordinatorHint')}>
          <Checkbox data-testid="department-form-coordinator">{t('services.departments.coordinator')}</Checkbox>
        </Form.Item>
        {!isCoordinator && (
          <Form.Item name="demandTypes" label={t('services.departments.demandTypes')} extra={t('services.departments.demandTypesHint')}>
            <Select mode="multiple" options={DEMAND_TYPES.map((d) => ({ value: d, label: demandTypeLabel(t, d) }))} data-testid="department-form-types" />
          </Form.Item>
        )}
        <Form.Item
          name="memberUserIds"
          label={t('services.departments.members')}
          extra={directory.complete ? t('services.departments.membersHint') : t('services.departments.membersHintIds')}
          rules={[{ validator: (_, v: string[] = []) => (v.every((id) => directory.officers.some((o) => o.id === id) || isAccountId(id)) ? Promise.resolve() : Promise.reject(new Error(t('services.officers.invalidId')))) }]}
        >
          <OfficerSelect multiple officers={directory.officers} complete={directory.complete} known={department?.members ?? []} data-testid="department-form-members" />
        </Form.Item>
        {error && (
          <div className="kc-svc-error" role="alert" data-testid="department-form-error">
            {error}
          </div>
        )}
      </Form>
    </Modal>
  );
};
