import { Button, Checkbox, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { CHAIN_INNOVATION_KINDS, CHAIN_PLACEMENT_ROLES } from '../../../shared/chains-vocabulary.js';
import { PROVINCES } from '../../../shared/contracts-vocabulary.js';
import { useCurrentCentre } from '../../app/centre.js';
import { errorMessage, placeIssues } from '../../app/errors.js';
import { pickName, pickTitle } from '../../i18n/format.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { Chip } from '../../ui/Chip.js';
import { Panel } from '../../ui/Panel.js';
import { EntityPicker } from '../registry/components/editors/EntityPicker.js';
import { entityPath } from '../registry/utils/paths.js';
import { useAddInnovationMutation, useAddSupplyMutation, useCallDraftMutation, usePlaceMutation, useRemovePlacementMutation, useRemoveSupplyMutation, type ChainMapView, type ChainSupply, type NodeAnalytics } from './hooks.js';
import { innovationKindLabel, pct, reasonLabel, regionLabel, roleLabel } from './labels.js';

type Props = { map: ChainMapView; nodeId: string; analytics: NodeAnalytics | undefined; supplies: ChainSupply[]; manager: boolean };

const COMPONENTS = ['dependence', 'concentration', 'substitute', 'innovation'] as const;

/** Enter one share of the node's supply: a registry supplier, or an outside source known by country and region. */
const SupplyDialog = ({ mapId, nodeId, open, onClose }: { mapId: string; nodeId: string; open: boolean; onClose: () => void }) => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const add = useAddSupplyMutation(centre.id, mapId);
  const [form] = Form.useForm<{ supplierId?: string; country: string; region?: string; share: number; local?: boolean }>();
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const v = await form.validateFields();
    setError(null);
    try {
      await add.mutateAsync({ nodeId, supplierId: v.supplierId ?? null, country: v.country.trim().toUpperCase(), region: v.region ?? (v.country.trim().toUpperCase() === 'CN' ? null : 'abroad'), share: v.share / 100, ...(v.local !== undefined ? { local: v.local } : {}) });
      form.resetFields();
      onClose();
    } catch (e) {
      setError(placeIssues(form, e, t, (path) => (['supplierId', 'country', 'region', 'share'].includes(path) ? [path] : null)));
    }
  };
  return (
    <Modal open={open} title={t('chains.supply.addTitle')} onCancel={onClose} onOk={() => void submit()} okText={t('chains.save')} confirmLoading={add.isPending} destroyOnHidden data-testid="supply-dialog">
      <Form form={form} layout="vertical" initialValues={{ country: 'CN' }}>
        <Form.Item name="supplierId" label={t('chains.supply.supplier')} extra={t('chains.supply.supplierHint')}>
          <EntityPicker data-testid="supply-supplier" />
        </Form.Item>
        <div className="kc-ch-row">
          <Form.Item name="country" label={t('chains.supply.country')} rules={[{ required: true, pattern: /^[A-Za-z]{2}$/, message: t('chains.supply.countryHint') }]}>
            <Input maxLength={2} data-testid="supply-country" />
          </Form.Item>
          <Form.Item name="region" label={t('chains.supply.region')}>
            <Select allowClear showSearch={{ optionFilterProp: 'label' }} data-testid="supply-region" options={[...Object.entries(PROVINCES).map(([code, p]) => ({ value: `${code}0000`, label: locale === 'en-US' ? p.en : p.zh })), { value: 'abroad', label: t('chains.supply.abroad') }]} />
          </Form.Item>
          <Form.Item name="share" label={t('chains.supply.share')} rules={[{ required: true }]}>
            <InputNumber min={0} max={100} addonAfter="%" style={{ width: '100%' }} data-testid="supply-share" />
          </Form.Item>
        </div>
        <Form.Item name="local" valuePropName="checked" extra={t('chains.supply.localHint')}>
          <Checkbox data-testid="supply-local">{t('chains.supply.local')}</Checkbox>
        </Form.Item>
        {error && (
          <div className="kc-ch-error" role="alert" data-testid="supply-error">
            {error}
          </div>
        )}
      </Form>
    </Modal>
  );
};

/**
 * One segment with its three chains side by side: the industry chain (who is
 * placed here), the supply chain (where supply comes from, concentration) and
 * the innovation chain (who in the centre can innovate here), above the
 * chokepoint score with each component and the reasons it is flagged.
 */
export const NodePanel = ({ map, nodeId, analytics: a, supplies, manager }: Props) => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const node = map.nodes.find((n) => n.id === nodeId);
  const place = usePlaceMutation(centre.id, map.id);
  const unplace = useRemovePlacementMutation(centre.id, map.id);
  const unsupply = useRemoveSupplyMutation(centre.id, map.id);
  const addInnovation = useAddInnovationMutation(centre.id, map.id);
  const draft = useCallDraftMutation(centre.id, map.id);
  const [placing, setPlacing] = useState<{ entityId?: string; role: string }>({ role: 'supplier' });
  const [innovating, setInnovating] = useState<{ kind: string; refId?: string; ipcPrefix?: string }>({ kind: 'lab' });
  const [supplyOpen, setSupplyOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!node) return null;
  const placements = map.placements.filter((p) => p.nodeId === nodeId);
  const rows = supplies.filter((s) => s.nodeId === nodeId);
  const links = map.innovationLinks.filter((l) => l.nodeId === nodeId);
  const run = async (fn: () => Promise<unknown>) => {
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError(errorMessage(e, t));
    }
  };
  return (
    <Panel
      title={
        <span data-testid="node-title">
          {pickTitle({ titleZh: node.nameZh, titleEn: node.nameEn }, locale)}
          {a?.chokepoint && (
            <>
              {' '}
              <Chip tone="warning">
                <span data-testid="node-chokepoint">{t('chains.chokepoint')}</span>
              </Chip>
            </>
          )}
        </span>
      }
      extra={
        manager &&
        a?.chokepoint && (
          <Button type="primary" loading={draft.isPending} onClick={() => void run(() => draft.mutateAsync({ nodeId }))} data-testid="node-draft-call">
            {t('chains.node.draftCall')}
          </Button>
        )
      }
      data-testid="node-panel"
    >
      {draft.data && (
        <div role="status" className="kc-ch-ok" data-testid="node-draft-done">
          {t('chains.node.drafted')} <Link to={`/calls/${encodeURIComponent(draft.data.callId)}`} data-testid="node-draft-link">{draft.data.titleZh ?? draft.data.titleEn}</Link>
        </div>
      )}
      {error && (
        <div className="kc-ch-error" role="alert" data-testid="node-error">
          {error}
        </div>
      )}
      {a && (
        <div className="kc-ch-score" data-testid="node-score">
          <strong>
            {t('chains.node.score')} {Math.round(a.score * 100)}
          </strong>
          <span className="kc-muted kc-small">
            {COMPONENTS.map((c) => `${t(`chains.component.${c}`)} ${pct(a.components[c])}`).join(' · ')}
          </span>
          <span className="kc-ch-reasons" data-testid="node-reasons">
            {a.reasons.map((r) => (
              <Chip key={r} tone={r === 'no_supply_data' ? 'default' : 'warning'}>
                <span data-testid="node-reason" data-code={r}>
                  {reasonLabel(t, r)}
                </span>
              </Chip>
            ))}
          </span>
          <span className="kc-muted kc-small">{t('chains.node.facts', { suppliers: a.suppliers, local: a.localSuppliers, localShare: pct(a.localShare), foreign: pct(a.foreignShare), hhi: a.hhiFirm.toFixed(2), coverage: pct(a.coverage) })}</span>
        </div>
      )}
      <div className="kc-ch-three">
        <section data-testid="node-industry">
          <h4>{t('chains.node.industry')}</h4>
          {placements.length === 0 ? (
            <p className="kc-muted">{t('chains.node.noPlacements')}</p>
          ) : (
            <ul className="kc-ch-list">
              {placements.map((p) => (
                <li key={p.id} data-testid="node-placement">
                  <Link to={entityPath(p.entity.id)}>{pickName(p.entity, locale)}</Link> <Chip tone={p.role === 'chain_master' ? 'accent' : 'default'}>{roleLabel(t, p.role)}</Chip>
                  {p.location.areaNameZh && <span className="kc-muted kc-small"> {locale === 'en-US' ? p.location.areaNameEn : p.location.areaNameZh}</span>}
                  {manager && (
                    <Button size="small" type="link" danger onClick={() => void run(() => unplace.mutateAsync(p.id))}>
                      {t('chains.remove')}
                    </Button>
                  )}
                </li>
              ))}
            </ul>
          )}
          {manager && (
            <div className="kc-ch-inline">
              <EntityPicker value={placing.entityId} onChange={(id) => setPlacing({ ...placing, ...(id ? { entityId: id } : { entityId: undefined }) })} data-testid="place-entity" />
              <Select value={placing.role} onChange={(role) => setPlacing({ ...placing, role })} options={CHAIN_PLACEMENT_ROLES.map((r) => ({ value: r, label: roleLabel(t, r) }))} style={{ minWidth: 120 }} data-testid="place-role" />
              <Button disabled={!placing.entityId} loading={place.isPending} onClick={() => void run(async () => { await place.mutateAsync({ nodeId, entityId: placing.entityId, role: placing.role }); setPlacing({ role: placing.role }); })} data-testid="place-add">
                {t('chains.node.place')}
              </Button>
            </div>
          )}
        </section>
        <section data-testid="node-supply">
          <h4>{t('chains.node.supply')}</h4>
          {rows.length === 0 ? (
            <p className="kc-muted">{t('chains.node.noSupply')}</p>
          ) : (
            <ul className="kc-ch-list">
              {rows.map((s) => (
                <li key={s.id} data-testid="node-supply-row">
                  <strong>{pct(s.share)}</strong> {s.supplier ? <Link to={entityPath(s.supplier.id)}>{pickName(s.supplier, locale)}</Link> : <span>{s.confidentialAggregate ? t('chains.supply.aggregate') : t('chains.supply.outside')}</span>}{' '}
                  <span className="kc-muted kc-small">
                    {s.country}
                    {s.region !== 'abroad' ? ` · ${regionLabel(t, s.region)}` : ''}
                    {s.local ? ` · ${t('chains.supply.localShort')}` : ''}
                  </span>
                  {manager && (
                    <Button size="small" type="link" danger onClick={() => void run(() => unsupply.mutateAsync(s.id))}>
                      {t('chains.remove')}
                    </Button>
                  )}
                </li>
              ))}
            </ul>
          )}
          {manager && (
            <Button onClick={() => setSupplyOpen(true)} data-testid="supply-add">
              {t('chains.supply.add')}
            </Button>
          )}
        </section>
        <section data-testid="node-innovation">
          <h4>{t('chains.node.innovation')}</h4>
          {links.length === 0 ? (
            <p className="kc-muted">{t('chains.node.noInnovation')}</p>
          ) : (
            <ul className="kc-ch-list">
              {links.map((l) => (
                <li key={l.id} data-testid="node-innovation-row">
                  <Chip tone="info">{innovationKindLabel(t, l.kind)}</Chip> {l.entity ? <Link to={entityPath(l.entity.id)}>{pickName(l.entity, locale)}</Link> : (l.ipcPrefix ?? l.refId)}
                  {l.patents !== null && <span className="kc-muted kc-small"> {t('chains.node.patents', { count: l.patents })}</span>}
                </li>
              ))}
            </ul>
          )}
          {manager && (
            <div className="kc-ch-inline">
              <Select value={innovating.kind} onChange={(kind) => setInnovating({ kind })} options={CHAIN_INNOVATION_KINDS.map((k) => ({ value: k, label: innovationKindLabel(t, k) }))} style={{ minWidth: 110 }} data-testid="innovation-kind" />
              {['lab', 'university', 'rnd_institution'].includes(innovating.kind) ? (
                <EntityPicker value={innovating.refId} onChange={(id) => setInnovating({ ...innovating, ...(id ? { refId: id } : { refId: undefined }) })} data-testid="innovation-entity" />
              ) : (
                <Input value={innovating.kind === 'patent_ipc' ? innovating.ipcPrefix : innovating.refId} placeholder={t(innovating.kind === 'patent_ipc' ? 'chains.node.ipcPlaceholder' : 'chains.node.refPlaceholder')} onChange={(e) => setInnovating({ ...innovating, ...(innovating.kind === 'patent_ipc' ? { ipcPrefix: e.target.value } : { refId: e.target.value }) })} data-testid="innovation-ref" />
              )}
              <Button
                loading={addInnovation.isPending}
                disabled={!(innovating.refId || innovating.ipcPrefix)}
                onClick={() =>
                  void run(async () => {
                    await addInnovation.mutateAsync({ nodeId, kind: innovating.kind, refId: innovating.kind === 'patent_ipc' ? null : (innovating.refId ?? null), ipcPrefix: innovating.kind === 'patent_ipc' ? (innovating.ipcPrefix ?? null) : null });
                    setInnovating({ kind: innovating.kind });
                  })
                }
                data-testid="innovation-add"
              >
                {t('chains.node.attach')}
              </Button>
            </div>
          )}
        </section>
      </div>
      {manager && <SupplyDialog mapId={map.id} nodeId={nodeId} open={supplyOpen} onClose={() => setSupplyOpen(false)} />}
    </Panel>
  );
};
