import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Table, Tag } from 'antd';
import { useState } from 'react';
import { useCurrentCentre } from '../app/centre.js';
import { useSession } from '../app/session.js';
import { pickName } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { useAreasQuery } from '../modules/centres/hooks/useAreasQuery.js';
import { DepartmentDialog } from '../modules/services/components/DepartmentDialog.js';
import { ServicesNav } from '../modules/services/components/ServicesNav.js';
import { useDepartmentsQuery } from '../modules/services/hooks/useDepartments.js';
import type { Department } from '../modules/services/types.js';
import { demandTypeLabel, departmentLevelLabel } from '../modules/services/utils/labels.js';
import { PageHeader } from '../ui/PageHeader.js';
import { QueryState } from '../ui/QueryState.js';
import { SampleTag } from '../ui/SampleTag.js';
import '../modules/services/services.css';

const LEVEL_ORDER: Record<string, number> = { municipal: 0, district: 1, park: 2 };

/**
 * 服务部门 / Departments: who owns which demands where (level, area, types),
 * which departments coordinate escalations, and their members.
 */
export const ServiceDepartmentsPage = () => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const { can } = useSession();
  const departments = useDepartmentsQuery(centre.id);
  const areas = useAreasQuery(centre.id);
  const [editing, setEditing] = useState<Department | 'new' | null>(null);
  const areaName = (id: string | null) => {
    if (!id) return t('services.departments.wholeCentre');
    const a = areas.data?.items.find((x) => x.id === id);
    return a ? pickName(a, locale) : id;
  };
  const rows = [...(departments.data?.items ?? [])].sort(
    (a, b) => Number(a.isCoordinator) - Number(b.isCoordinator) || (LEVEL_ORDER[a.level] ?? 9) - (LEVEL_ORDER[b.level] ?? 9) || pickName(a, locale).localeCompare(pickName(b, locale), locale),
  );
  const manage = can('services:manage');
  return (
    <div className="kc-svc" data-testid="departments-page">
      <ServicesNav />
      <PageHeader
        title={t('services.departments.title')}
        intro={t('services.departments.intro')}
        extra={
          manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="departments-new">
              {t('services.departments.new')}
            </Button>
          )
        }
      />
      <QueryState isLoading={departments.isLoading} error={departments.error} onRetry={() => void departments.refetch()}>
        <Table
          rowKey="id"
          size="middle"
          pagination={false}
          scroll={{ x: 960 }}
          data-testid="departments-table"
          locale={{ emptyText: t('services.departments.empty') }}
          dataSource={rows}
          onRow={(d) => ({ 'data-testid': 'department-row', 'data-coordinator': d.isCoordinator ? 'true' : 'false' }) as object}
          columns={[
            {
              key: 'name',
              title: t('services.departments.name'),
              render: (_, d) => (
                <span>
                  <strong>{pickName(d, locale)}</strong>
                  <SampleTag isSample={d.isSample} />
                  <div className="kc-muted kc-small">{locale === 'zh-CN' ? d.nameEn : d.nameZh}</div>
                </span>
              ),
            },
            { key: 'level', title: t('services.departments.level'), width: 100, render: (_, d) => departmentLevelLabel(t, d.level) },
            { key: 'area', title: t('services.departments.area'), width: 140, render: (_, d) => areaName(d.areaId) },
            {
              key: 'role',
              title: t('services.departments.handles'),
              render: (_, d) =>
                d.isCoordinator ? (
                  <Tag color="purple" data-testid="department-coordinator">
                    {t('services.departments.coordinatorTag', { level: departmentLevelLabel(t, d.level) })}
                  </Tag>
                ) : d.demandTypes.length === 0 ? (
                  <span className="kc-muted">{t('services.departments.noTypes')}</span>
                ) : (
                  <span className="kc-svc-tags">
                    {d.demandTypes.map((type) => (
                      <Tag key={type}>{demandTypeLabel(t, type)}</Tag>
                    ))}
                  </span>
                ),
            },
            {
              key: 'members',
              title: t('services.departments.members'),
              render: (_, d) => (d.members.length === 0 ? <span className="kc-svc-warning-text">{t('services.departments.noMembers')}</span> : d.members.map((m) => m.displayName).join(t('services.listSep'))),
            },
            {
              key: 'edit',
              width: 90,
              render: (_, d) =>
                manage && (
                  <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(d)} data-testid="department-edit">
                    {t('services.edit')}
                  </Button>
                ),
            },
          ]}
        />
      </QueryState>
      <p className="kc-muted kc-small">{t('services.departments.routingNote')}</p>
      {editing && <DepartmentDialog department={editing === 'new' ? null : editing} onClose={() => setEditing(null)} key={editing === 'new' ? 'new' : editing.id} />}
    </div>
  );
};
