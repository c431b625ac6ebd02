import type { EChartsOption } from 'echarts';
import { Button, Input, InputNumber, Select, Table } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { CHAIN_NODE_KINDS } from '../../../shared/chains-vocabulary.js';
import '../../charts/echarts-sankey.js';
import { EChart } from '../../charts/EChart.js';
import { useCurrentCentre } from '../../app/centre.js';
import { errorMessage } from '../../app/errors.js';
import { pickName, pickTitle } from '../../i18n/format.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { Panel } from '../../ui/Panel.js';
import { entityPath } from '../registry/utils/paths.js';
import { useChainDiffQuery, useSaveVersionMutation, useWhatIfMutation, type ChainMapView, type ChainSupply, type Removal, type WhatIf } from './hooks.js';
import { nodeKindLabel, pct, regionLabel } from './labels.js';

/** Take away a supplier, a region or a country and see which segments and organisations downstream are exposed. */
export const WhatIfPanel = ({ map, supplies, result, onResult }: { map: ChainMapView; supplies: ChainSupply[]; result: WhatIf | null; onResult: (r: WhatIf | null) => void }) => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const ask = useWhatIfMutation(centre.id, map.id);
  const [kind, setKind] = useState<Removal['kind']>('country');
  const [value, setValue] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const options = useMemo(() => {
    if (kind === 'supplier') {
      const seen = new Map<string, string>();
      for (const s of supplies) if (s.supplier) seen.set(s.supplier.id, pickName(s.supplier, locale));
      return [...seen].map(([v, label]) => ({ value: v, label }));
    }
    if (kind === 'country') return [...new Set(supplies.map((s) => s.country))].sort().map((c) => ({ value: c, label: c }));
    return [...new Set(supplies.map((s) => `${s.country}|${s.region}`))].sort().map((k) => {
      const [c, r] = k.split('|') as [string, string];
      return { value: k, label: `${c} · ${regionLabel(t, r)}` };
    });
  }, [kind, supplies, locale, t]);
  const run = async () => {
    if (!value) return;
    setError(null);
    const [country, region] = value.split('|') as [string, string];
    const removal: Removal = kind === 'supplier' ? { kind, supplierId: value } : kind === 'country' ? { kind, country: value } : { kind, country, region };
    try {
      onResult(await ask.mutateAsync(removal));
    } catch (e) {
      setError(errorMessage(e, t));
    }
  };
  const name = (id: string) => {
    const n = map.nodes.find((x) => x.id === id);
    return n ? pickTitle({ titleZh: n.nameZh, titleEn: n.nameEn }, locale) : id;
  };
  return (
    <Panel title={t('chains.whatIf.title')} data-testid="whatif-panel">
      <p className="kc-muted kc-small">{t('chains.whatIf.hint')}</p>
      <div className="kc-ch-inline">
        <Select
          value={kind}
          onChange={(k) => {
            setKind(k);
            setValue(undefined);
          }}
          options={(['supplier', 'region', 'country'] as const).map((k) => ({ value: k, label: t(`chains.whatIf.kind.${k}`) }))}
          style={{ minWidth: 120 }}
          data-testid="whatif-kind"
        />
        <Select value={value} onChange={setValue} options={options} showSearch={{ optionFilterProp: 'label' }} style={{ minWidth: 220 }} placeholder={t('chains.whatIf.pick')} data-testid="whatif-value" />
        <Button type="primary" disabled={!value} loading={ask.isPending} onClick={() => void run()} data-testid="whatif-run">
          {t('chains.whatIf.run')}
        </Button>
        {result && (
          <Button onClick={() => onResult(null)} data-testid="whatif-clear">
            {t('chains.whatIf.clear')}
          </Button>
        )}
      </div>
      {error && (
        <div className="kc-ch-error" role="alert">
          {error}
        </div>
      )}
      {result && (
        <Table
          size="small"
          rowKey="nodeId"
          pagination={false}
          dataSource={result.exposed}
          data-testid="whatif-result"
          locale={{ emptyText: t('chains.whatIf.none') }}
          columns={[
            { title: t('chains.whatIf.segment'), key: 'node', render: (_, e) => <span data-testid="whatif-node">{pickTitle({ titleZh: e.nameZh, titleEn: e.nameEn }, locale)}</span> },
            { title: t('chains.whatIf.exposure'), key: 'exposure', render: (_, e) => pct(e.exposure) },
            { title: t('chains.whatIf.direct'), key: 'direct', render: (_, e) => (e.directLoss > 0 ? pct(e.directLoss) : t('chains.whatIf.viaUpstream', { node: name(e.via) })) },
            {
              title: t('chains.whatIf.organisations'),
              key: 'orgs',
              render: (_, e) =>
                e.organisations.length === 0
                  ? t('chains.none')
                  : e.organisations.map((o, i) => (
                      <span key={o.id}>
                        {i > 0 && t('chains.listSep')}
                        <Link to={entityPath(o.id)}>{pickName(o, locale)}</Link>
                      </span>
                    )),
            },
          ]}
        />
      )}
    </Panel>
  );
};

/** Where each segment's supply comes from: countries (and provinces at home) flowing into the segments, by share. */
export const SupplySankey = ({ map, supplies }: { map: ChainMapView; supplies: ChainSupply[] }) => {
  const { t, locale } = useI18n();
  const option = useMemo<EChartsOption | null>(() => {
    if (supplies.length === 0) return null;
    const source = (s: ChainSupply) => (s.region !== 'abroad' ? `${s.country} · ${regionLabel(t, s.region)}` : s.country);
    const nodeName = (id: string) => {
      const n = map.nodes.find((x) => x.id === id);
      return n ? pickTitle({ titleZh: n.nameZh, titleEn: n.nameEn }, locale) : id;
    };
    const flows = new Map<string, number>();
    for (const s of supplies) {
      const key = `${source(s)}\u0000${nodeName(s.nodeId)}`;
      flows.set(key, (flows.get(key) ?? 0) + s.share);
    }
    const names = new Set<string>();
    const links = [...flows].map(([k, v]) => {
      const [from, to] = k.split('\u0000') as [string, string];
      names.add(from);
      names.add(to);
      return { source: from, target: to, value: Math.round(v * 1000) / 10 };
    });
    return { tooltip: { trigger: 'item', valueFormatter: (v: unknown) => `${v}%` }, series: [{ type: 'sankey', data: [...names].map((name) => ({ name })), links, emphasis: { focus: 'adjacency' }, label: { fontSize: 12 }, nodeGap: 10 }] } as EChartsOption;
  }, [map, supplies, locale, t]);
  return (
    <Panel title={t('chains.sankey.title')} data-testid="supply-sankey">
      <p className="kc-muted kc-small">{t('chains.sankey.hint')}</p>
      {option ? <EChart option={option} height={Math.max(260, 24 * supplies.length)} ariaLabel={t('chains.sankey.title')} /> : <p className="kc-muted">{t('chains.sankey.empty')}</p>}
    </Panel>
  );
};

/** What changed between two versions of the map ("since last quarter"). */
export const DiffPanel = ({ map }: { map: ChainMapView }) => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const latest = map.latestVersion;
  // Until the reader picks, compare the newest version with the one before it (which moves on as versions are saved).
  const [picked, setRange] = useState<{ from: number; to: number } | null>(null);
  const range = picked ?? { from: Math.max(1, latest - 1), to: latest };
  const diff = useChainDiffQuery(centre.id, map.id, latest > 1 ? range : null);
  const versions = Array.from({ length: latest }, (_, i) => ({ value: i + 1, label: t('chains.versionLabel', { version: i + 1 }) }));
  if (latest < 2) return null;
  const d = diff.data;
  const name = (id: string) => {
    const n = map.nodes.find((x) => x.id === id);
    return n ? pickTitle({ titleZh: n.nameZh, titleEn: n.nameEn }, locale) : id;
  };
  const items = d
    ? [
        ...d.nodesAdded.map((id) => t('chains.diff.nodeAdded', { node: name(id) })),
        ...d.nodesRemoved.map((id) => t('chains.diff.nodeRemoved', { node: id })),
        ...d.nodesRenamed.map((r) => t('chains.diff.nodeRenamed', { before: pickTitle({ titleZh: r.before.nameZh, titleEn: r.before.nameEn }, locale), after: pickTitle({ titleZh: r.after.nameZh, titleEn: r.after.nameEn }, locale) })),
        ...d.linksAdded.map((l) => t('chains.diff.linkAdded', { from: name(l.from), to: name(l.to) })),
        ...d.linksRemoved.map((l) => t('chains.diff.linkRemoved', { from: name(l.from), to: name(l.to) })),
        ...d.suppliesAdded.map((s) => t('chains.diff.supplyAdded', { node: name(s.nodeId), share: pct(s.share), country: s.country })),
        ...d.suppliesRemoved.map((s) => t('chains.diff.supplyRemoved', { node: name(s.nodeId), share: pct(s.share), country: s.country })),
        ...d.suppliesChanged.map((c) => t('chains.diff.supplyChanged', { node: name(c.after.nodeId), before: pct(c.before.share), after: pct(c.after.share) })),
      ]
    : [];
  return (
    <Panel title={t('chains.diff.title')} data-testid="diff-panel">
      <div className="kc-ch-inline">
        <Select value={range.from} onChange={(from) => setRange({ ...range, from })} options={versions} data-testid="diff-from" />
        <span>→</span>
        <Select value={range.to} onChange={(to) => setRange({ ...range, to })} options={versions} data-testid="diff-to" />
      </div>
      {range.from === range.to ? (
        <p className="kc-muted">{t('chains.diff.same')}</p>
      ) : items.length === 0 ? (
        <p className="kc-muted">{diff.isLoading ? t('chains.loading') : t('chains.diff.none')}</p>
      ) : (
        <ul className="kc-ch-list" data-testid="diff-items">
          {items.map((x, i) => (
            <li key={i}>{x}</li>
          ))}
        </ul>
      )}
    </Panel>
  );
};

/** Add a segment or an upstream → downstream link: each save is the map's next version. */
export const StructureEditor = ({ map }: { map: ChainMapView }) => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const save = useSaveVersionMutation(centre.id, map.id);
  const [node, setNode] = useState<{ nameZh: string; nameEn: string; kind: string; /** The segment the new one feeds into (downstream of it). */ upstreamOf?: string }>({ nameZh: '', nameEn: '', kind: 'component' });
  const [link, setLink] = useState<{ from?: string; to?: string }>({});
  const [error, setError] = useState<string | null>(null);
  const options = map.nodes.map((n) => ({ value: n.id, label: pickTitle({ titleZh: n.nameZh, titleEn: n.nameEn }, locale) }));
  const saveWith = async (nodes: ChainMapView['nodes'], links: ChainMapView['links'], note: string) => {
    setError(null);
    try {
      await save.mutateAsync({ version: map.version.version, note, nodes, links, weights: map.weights });
      return true;
    } catch (e) {
      setError(errorMessage(e, t));
      return false;
    }
  };
  const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || `node-${map.nodes.length + 1}`;
  const addNode = async () => {
    let id = slug(node.nameEn);
    while (map.nodes.some((n) => n.id === id)) id = `${id}-2`;
    const links = [...map.links, ...(node.upstreamOf ? [{ from: id, to: node.upstreamOf }] : [])];
    if (await saveWith([...map.nodes, { id, nameZh: node.nameZh.trim() || null, nameEn: node.nameEn.trim(), kind: node.kind as (typeof CHAIN_NODE_KINDS)[number], layer: null }], links, t('chains.edit.noteNode', { node: node.nameEn.trim() }))) setNode({ nameZh: '', nameEn: '', kind: node.kind });
  };
  const addLink = async () => {
    if (!link.from || !link.to) return;
    if (await saveWith(map.nodes, [...map.links, { from: link.from, to: link.to }], t('chains.edit.noteLink'))) setLink({});
  };
  const [removing, setRemoving] = useState<{ node?: string; link?: string }>({});
  const linkKey = (l: { from: string; to: string }) => `${l.from}>${l.to}`;
  const nodeName = (id: string) => options.find((o) => o.value === id)?.label ?? id;
  /** A segment leaves with its links; its placements, supply and innovation links stay on record (the server says so). */
  const removeNode = async () => {
    const id = removing.node;
    if (!id) return;
    if (await saveWith(map.nodes.filter((n) => n.id !== id), map.links.filter((l) => l.from !== id && l.to !== id), t('chains.edit.noteRemoveNode', { node: nodeName(id) }))) setRemoving({});
  };
  const removeLink = async () => {
    const key = removing.link;
    if (!key) return;
    if (await saveWith(map.nodes, map.links.filter((l) => linkKey(l) !== key), t('chains.edit.noteRemoveLink'))) setRemoving({});
  };
  return (
    <Panel title={t('chains.edit.title')} data-testid="structure-editor">
      <div className="kc-ch-inline">
        <Input value={node.nameZh} onChange={(e) => setNode({ ...node, nameZh: e.target.value })} placeholder={t('chains.edit.nameZh')} style={{ maxWidth: 180 }} data-testid="edit-node-zh" />
        <Input value={node.nameEn} onChange={(e) => setNode({ ...node, nameEn: e.target.value })} placeholder={t('chains.edit.nameEn')} style={{ maxWidth: 200 }} data-testid="edit-node-en" />
        <Select value={node.kind} onChange={(kind) => setNode({ ...node, kind })} options={CHAIN_NODE_KINDS.map((k) => ({ value: k, label: nodeKindLabel(t, k) }))} style={{ minWidth: 100 }} data-testid="edit-node-kind" />
        <Select allowClear value={node.upstreamOf} onChange={(v?: string) => setNode({ ...node, ...(v ? { upstreamOf: v } : { upstreamOf: undefined }) })} options={options} showSearch={{ optionFilterProp: 'label' }} placeholder={t('chains.edit.feeds')} style={{ minWidth: 180 }} data-testid="edit-node-feeds" />
        <Button type="primary" disabled={!node.nameEn.trim()} loading={save.isPending} onClick={() => void addNode()} data-testid="edit-node-add">
          {t('chains.edit.addNode')}
        </Button>
      </div>
      <div className="kc-ch-inline">
        <Select value={link.from} onChange={(from) => setLink({ ...link, from })} options={options} showSearch={{ optionFilterProp: 'label' }} placeholder={t('chains.edit.from')} style={{ minWidth: 180 }} data-testid="edit-link-from" />
        <span>→</span>
        <Select value={link.to} onChange={(to) => setLink({ ...link, to })} options={options} showSearch={{ optionFilterProp: 'label' }} placeholder={t('chains.edit.to')} style={{ minWidth: 180 }} data-testid="edit-link-to" />
        <Button disabled={!link.from || !link.to || link.from === link.to} loading={save.isPending} onClick={() => void addLink()} data-testid="edit-link-add">
          {t('chains.edit.addLink')}
        </Button>
      </div>
      <div className="kc-ch-inline">
        <Select allowClear value={removing.node} onChange={(v?: string) => setRemoving(v ? { node: v } : {})} options={options} showSearch={{ optionFilterProp: 'label' }} placeholder={t('chains.edit.removeNodePick')} style={{ minWidth: 200 }} data-testid="edit-remove-node" />
        <Button danger disabled={!removing.node || map.nodes.length < 2} loading={save.isPending} onClick={() => void removeNode()} data-testid="edit-remove-node-run">
          {t('chains.edit.removeNode')}
        </Button>
        <Select
          allowClear
          value={removing.link}
          onChange={(v?: string) => setRemoving(v ? { link: v } : {})}
          options={map.links.map((l) => ({ value: linkKey(l), label: `${nodeName(l.from)} → ${nodeName(l.to)}` }))}
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('chains.edit.removeLinkPick')}
          style={{ minWidth: 260 }}
          data-testid="edit-remove-link"
        />
        <Button danger disabled={!removing.link} loading={save.isPending} onClick={() => void removeLink()} data-testid="edit-remove-link-run">
          {t('chains.edit.removeLink')}
        </Button>
      </div>
      {error && (
        <div className="kc-ch-error" role="alert" data-testid="edit-error">
          {error}
        </div>
      )}
    </Panel>
  );
};

const COMPONENT_KEYS = ['dependence', 'concentration', 'substitute', 'innovation'] as const;
type Weights = Record<(typeof COMPONENT_KEYS)[number], number>;

/**
 * The chokepoint score's weights: try others (the analytics answer with them
 * and say so), or, for those who keep the map, save them with it as its next
 * version so every later reading uses and records them.
 */
export const WeightsPanel = ({ map, configured, trial, onTrial, manager }: { map: ChainMapView; configured: Weights; trial: Weights | null; onTrial: (w: Weights | null) => void; manager: boolean }) => {
  const { t } = useI18n();
  const centre = useCurrentCentre();
  const save = useSaveVersionMutation(centre.id, map.id);
  const [draft, setDraft] = useState<Weights>(trial ?? configured);
  const [error, setError] = useState<string | null>(null);
  const saveWithMap = async () => {
    setError(null);
    try {
      await save.mutateAsync({ version: map.version.version, note: t('chains.weights.note'), nodes: map.nodes, links: map.links, weights: draft });
      onTrial(null);
    } catch (e) {
      setError(errorMessage(e, t));
    }
  };
  return (
    <Panel title={t('chains.weights.title')} data-testid="weights-panel">
      <p className="kc-muted kc-small">{t('chains.weights.hint')}</p>
      <div className="kc-ch-inline">
        {COMPONENT_KEYS.map((k) => (
          <label key={k} className="kc-ch-weight">
            <span className="kc-small">{t(`chains.component.${k}`)}</span>
            <InputNumber min={0} max={100} value={draft[k]} onChange={(v) => setDraft({ ...draft, [k]: typeof v === 'number' ? v : 0 })} data-testid={`weight-${k}`} />
          </label>
        ))}
        <Button onClick={() => onTrial(draft)} disabled={COMPONENT_KEYS.every((k) => draft[k] === 0)} data-testid="weights-try">
          {t('chains.weights.try')}
        </Button>
        {trial && (
          <Button
            onClick={() => {
              onTrial(null);
              setDraft(configured);
            }}
            data-testid="weights-reset"
          >
            {t('chains.weights.reset')}
          </Button>
        )}
        {manager && (
          <Button type="primary" loading={save.isPending} disabled={COMPONENT_KEYS.every((k) => draft[k] === 0)} onClick={() => void saveWithMap()} data-testid="weights-save">
            {t('chains.weights.save')}
          </Button>
        )}
      </div>
      {error && (
        <div className="kc-ch-error" role="alert">
          {error}
        </div>
      )}
    </Panel>
  );
};
