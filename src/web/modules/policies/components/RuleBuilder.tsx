import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Input, InputNumber, Segmented, Select, Tag } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { errorMessage } from '../../../app/errors.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { useRuleCheckQuery } from '../hooks/usePolicies.js';
import type { FactDefinition } from '../types.js';
import { useCodeNames } from '../hooks/useCodeNames.js';
import { factLabel, factTitle, nameCodesInText } from '../utils/format.js';
import { operatorLabel, problemLabel } from '../utils/labels.js';
import { newCondition, OP_KEYS, OPERATORS_BY_TYPE } from '../utils/operators.js';
import {
  addChild,
  emptyTree,
  newId,
  nodeForPath,
  nodePaths,
  removeNode,
  ruleToTree,
  treeToRule,
  updateNode,
  type ConditionNode,
  type ConditionOp,
  type GroupNode,
  type RuleTreeNode,
} from '../utils/rule-tree.js';

type Ctx = {
  catalogue: readonly FactDefinition[];
  recognitions: readonly { code: string; label: string }[];
  problemNodes: Map<string, string[]>;
  change: (id: string, f: (n: RuleTreeNode) => RuleTreeNode | null) => void;
  add: (groupId: string, child: RuleTreeNode) => void;
};

const ValueInput = ({ node, def, ctx }: { node: ConditionNode; def: FactDefinition | undefined; ctx: Ctx }) => {
  const { t, locale } = useI18n();
  const set = (patch: Partial<ConditionNode>) => ctx.change(node.id, (n) => ({ ...(n as ConditionNode), ...patch }));
  const unit = def ? (locale === 'zh-CN' ? def.unitZh : def.unitEn) : null;
  const type = def?.type ?? 'number';
  if (type === 'boolean') {
    return (
      <Select
        style={{ width: 100 }}
        value={node.value === false ? 'false' : 'true'}
        onChange={(v) => set({ value: v === 'true' })}
        options={[
          { value: 'true', label: t('policies.yes') },
          { value: 'false', label: t('policies.no') },
        ]}
        data-testid="rb-value"
      />
    );
  }
  if (type === 'number' || type === 'integer') {
    const num = (v: unknown) => (typeof v === 'number' ? v : null);
    const field = (value: number | null, onChange: (v: number | null) => void, testId: string) => (
      <InputNumber style={{ width: 150 }} value={value} onChange={(v) => onChange(typeof v === 'number' ? v : null)} {...(unit ? { suffix: unit } : {})} data-testid={testId} />
    );
    if (node.op === 'between') {
      return (
        <span className="kc-rb-row">
          {field(num(node.value), (v) => set({ value: v }), 'rb-value')}
          <span>{t('policies.rb.and')}</span>
          {field(node.value2 ?? null, (v) => set({ value2: v }), 'rb-value2')}
        </span>
      );
    }
    return field(num(node.value), (v) => set({ value: v }), 'rb-value');
  }
  if (node.op === 'oneOf') {
    return (
      <Select
        mode="tags"
        style={{ minWidth: 220 }}
        value={Array.isArray(node.value) ? node.value.map(String) : []}
        onChange={(v: string[]) => set({ value: v })}
        tokenSeparators={[',', '，', '、']}
        placeholder={t('policies.rb.valuesPlaceholder')}
        data-testid="rb-value"
      />
    );
  }
  if (node.fact === 'tiers' && ctx.recognitions.length > 0) {
    return (
      <Select
        showSearch={{ optionFilterProp: 'label' }}
        style={{ minWidth: 220 }}
        value={typeof node.value === 'string' ? node.value : undefined}
        onChange={(v: string) => set({ value: v })}
        options={ctx.recognitions.map((r) => ({ value: r.code, label: r.label }))}
        placeholder={t('policies.rb.valuePlaceholder')}
        data-testid="rb-value"
      />
    );
  }
  return <Input style={{ width: 200 }} value={typeof node.value === 'string' ? node.value : node.value === null ? '' : String(node.value)} onChange={(e) => set({ value: e.target.value })} placeholder={t('policies.rb.valuePlaceholder')} data-testid="rb-value" />;
};

const ConditionRow = ({ node, ctx }: { node: ConditionNode; ctx: Ctx }) => {
  const { t, locale } = useI18n();
  const def = ctx.catalogue.find((f) => f.name === node.fact);
  const ops = def ? OPERATORS_BY_TYPE[def.type] : (['>=', '>', '<=', '<', '==', '!=', 'between', 'contains', 'oneOf'] as ConditionOp[]);
  const problems = ctx.problemNodes.get(node.id);
  return (
    <div className={`kc-rb-row${problems ? ' kc-rb-problem' : ''}`} data-testid="rb-condition" data-fact={node.fact}>
      <Checkbox checked={node.not} onChange={(e) => ctx.change(node.id, (n) => ({ ...n, not: e.target.checked }))} data-testid="rb-not">
        {t('policies.rb.not')}
      </Checkbox>
      <Select
        showSearch={{ optionFilterProp: 'label' }}
        style={{ width: 220 }}
        value={node.fact}
        onChange={(name: string) => ctx.change(node.id, (n) => ({ ...newCondition(ctx.catalogue.find((f) => f.name === name), name), id: n.id, not: n.not }))}
        options={ctx.catalogue.map((f) => ({ value: f.name, label: factTitle(ctx.catalogue, f.name, locale) }))}
        data-testid="rb-fact"
      />
      <Select
        style={{ width: 130 }}
        value={node.op}
        onChange={(op: ConditionOp) => ctx.change(node.id, (n) => ({ ...(n as ConditionNode), op, ...(op === 'oneOf' ? { value: [] } : Array.isArray((n as ConditionNode).value) ? { value: null } : {}) }))}
        options={ops.map((op) => ({ value: op, label: def?.type === 'boolean' ? t('policies.op.is') : operatorLabel(t, OP_KEYS[op]) }))}
        data-testid="rb-op"
      />
      <ValueInput node={node} def={def} ctx={ctx} />
      <Button type="text" icon={<DeleteOutlined />} aria-label={t('policies.rb.remove')} onClick={() => ctx.change(node.id, () => null)} data-testid="rb-remove" />
      {problems?.map((p, i) => (
        <span key={i} className="kc-small" style={{ color: 'var(--kc-error)' }} data-testid="rb-row-problem">
          {p}
        </span>
      ))}
    </div>
  );
};

const GroupBox = ({ node, ctx, root }: { node: GroupNode; ctx: Ctx; root: boolean }) => {
  const { t } = useI18n();
  const first = ctx.catalogue[0];
  const problems = ctx.problemNodes.get(node.id);
  return (
    <div className={`kc-rb-group${problems ? ' kc-rb-problem' : ''}`} data-testid={root ? 'rb-root' : 'rb-group'}>
      <div className="kc-rb-group-head">
        <Checkbox checked={node.not} onChange={(e) => ctx.change(node.id, (n) => ({ ...n, not: e.target.checked, ...(n.kind === 'group' ? { implicit: false } : {}) }))} data-testid="rb-group-not">
          {t('policies.rb.not')}
        </Checkbox>
        <Segmented
          size="small"
          value={node.op}
          onChange={(op) => ctx.change(node.id, (n) => ({ ...(n as GroupNode), op: op as GroupNode['op'], implicit: false }))}
          options={[
            { value: 'and', label: t('policies.rb.all') },
            { value: 'or', label: t('policies.rb.any') },
          ]}
          data-testid="rb-group-op"
        />
        <Button size="small" icon={<PlusOutlined />} onClick={() => ctx.add(node.id, newCondition(first, first?.name ?? 'employees'))} data-testid="rb-add-condition">
          {t('policies.rb.addCondition')}
        </Button>
        <Button size="small" icon={<PlusOutlined />} onClick={() => ctx.add(node.id, { kind: 'group', id: newId(), not: false, op: 'or', children: [] })} data-testid="rb-add-group">
          {t('policies.rb.addGroup')}
        </Button>
        {!root && <Button size="small" type="text" icon={<DeleteOutlined />} aria-label={t('policies.rb.remove')} onClick={() => ctx.change(node.id, () => null)} data-testid="rb-remove-group" />}
      </div>
      {node.children.length === 0 && <p className="kc-muted kc-small" style={{ margin: 0 }}>{t('policies.rb.emptyGroup')}</p>}
      {node.children.map((child) => (
        <NodeView key={child.id} node={child} ctx={ctx} />
      ))}
      {problems?.map((p, i) => (
        <span key={i} className="kc-small" style={{ color: 'var(--kc-error)' }} data-testid="rb-row-problem">
          {p}
        </span>
      ))}
    </div>
  );
};

const NodeView = ({ node, ctx }: { node: RuleTreeNode; ctx: Ctx }) => {
  const { t } = useI18n();
  if (node.kind === 'group') return <GroupBox node={node} ctx={ctx} root={false} />;
  if (node.kind === 'condition') return <ConditionRow node={node} ctx={ctx} />;
  const problems = ctx.problemNodes.get(node.id);
  return (
    <div className={`kc-rb-row${problems ? ' kc-rb-problem' : ''}`} data-testid="rb-raw">
      {node.not && <Tag>{t('policies.rb.not')}</Tag>}
      <Tag>{t('policies.rb.rawPart')}</Tag>
      <code className="kc-rb-raw">{JSON.stringify(node.rule)}</code>
      <Button type="text" icon={<DeleteOutlined />} aria-label={t('policies.rb.remove')} onClick={() => ctx.change(node.id, () => null)} />
      {problems?.map((p, i) => (
        <span key={i} className="kc-small" style={{ color: 'var(--kc-error)' }}>
          {p}
        </span>
      ))}
    </div>
  );
};

const useDebounced = <T,>(value: T, ms: number): T => {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
};

type Props = {
  centreId: string;
  /** The benefit's rule (JSON Logic); undefined for a new benefit. */
  value: unknown;
  onChange: (rule: unknown) => void;
  catalogue: readonly FactDefinition[];
  recognitions?: readonly { code: string; label: string }[];
  testId?: string;
};

/**
 * The visual rule builder: nested all/any groups of "fact – operator –
 * value" conditions with a "not" on each, parts it cannot express kept as
 * JSON, and a JSON view to edit the rule by hand. Every change is checked
 * by the server's engine (problems on their rows, the facts used, the rule
 * in words).
 */
export const RuleBuilder = ({ centreId, value, onChange, catalogue, recognitions = [], testId = 'rule-builder' }: Props) => {
  const { t, locale } = useI18n();
  const [tree, setTree] = useState<GroupNode>(() => (value === undefined ? emptyTree() : ruleToTree(value)));
  const [mode, setMode] = useState<'visual' | 'json'>('visual');
  const { codeName } = useCodeNames();
  const [jsonText, setJsonText] = useState('');
  const [jsonError, setJsonError] = useState<string | null>(null);
  const rule = useMemo(() => treeToRule(tree), [tree]);
  const emitted = useRef<string>(JSON.stringify(rule));
  // Follow the value when it changes from outside (another draft loaded), not when it echoes our own change.
  useEffect(() => {
    const incoming = JSON.stringify(value ?? null);
    if (value !== undefined && incoming !== emitted.current) {
      emitted.current = incoming;
      setTree(ruleToTree(value));
    }
  }, [value]);
  const commit = (next: GroupNode) => {
    setTree(next);
    const out = treeToRule(next);
    emitted.current = JSON.stringify(out);
    onChange(out);
  };
  const checked = useDebounced(rule, 300);
  const check = useRuleCheckQuery(centreId, checked, true);
  const paths = useMemo(() => nodePaths(tree), [tree]);
  const problemNodes = useMemo(() => {
    const map = new Map<string, string[]>();
    if (JSON.stringify(checked) !== JSON.stringify(rule)) return map;
    for (const p of check.data?.problems ?? []) {
      const id = nodeForPath(paths, p.path);
      if (!id) continue;
      map.set(id, [...(map.get(id) ?? []), problemLabel(t, p.reason, p.message)]);
    }
    return map;
  }, [check.data, paths, checked, rule, t]);
  const ctx: Ctx = {
    catalogue,
    recognitions,
    problemNodes,
    change: (id, f) => commit(updateNode(tree, id, f)),
    add: (groupId, child) => commit(addChild(tree, groupId, child)),
  };
  const openJson = () => {
    setJsonText(JSON.stringify(rule, null, 2));
    setJsonError(null);
    setMode('json');
  };
  const applyJson = (text: string) => {
    setJsonText(text);
    try {
      const parsed: unknown = JSON.parse(text);
      setJsonError(null);
      commit(ruleToTree(parsed));
    } catch {
      setJsonError(t('policies.rb.jsonInvalid'));
    }
  };
  const result = check.data;
  return (
    <div className="kc-pol" style={{ gap: 8 }} data-testid={testId}>
      <div className="kc-pol-toolbar" style={{ marginBottom: 0 }}>
        <Segmented
          size="small"
          value={mode}
          onChange={(m) => (m === 'json' ? openJson() : setMode('visual'))}
          options={[
            { value: 'visual', label: t('policies.rb.visual') },
            { value: 'json', label: t('policies.rb.json') },
          ]}
          data-testid="rb-mode"
        />
      </div>
      {mode === 'visual' ? (
        <GroupBox node={tree} ctx={ctx} root />
      ) : (
        <>
          <Input.TextArea className="kc-rb-json" rows={8} value={jsonText} onChange={(e) => applyJson(e.target.value)} data-testid="rb-json" />
          {jsonError && <Alert type="error" showIcon title={jsonError} data-testid="rb-json-error" />}
        </>
      )}
      <div className="kc-rb-words kc-small" data-testid="rb-words" data-valid={result ? String(result.valid) : 'pending'}>
        {check.error ? (
          errorMessage(check.error, t)
        ) : !result ? (
          t('policies.loading')
        ) : result.valid ? (
          <>
            <strong>{t('policies.rb.inWords')}</strong>
            {nameCodesInText(locale === 'zh-CN' ? result.text.zh : result.text.en, codeName)}
            {result.factsUsed.length > 0 && (
              <div className="kc-muted">{t('policies.rb.factsUsed', { facts: result.factsUsed.map((f) => factLabel(catalogue, f, locale)).join(t('common.listSeparator')) })}</div>
            )}
          </>
        ) : (
          <span style={{ color: 'var(--kc-error)' }}>{t('policies.rb.invalid')}</span>
        )}
        {result && result.problems.length > 0 && (
          <ul style={{ margin: '4px 0 0', paddingInlineStart: 18 }} data-testid="rb-problems">
            {result.problems.map((p, i) => (
              <li key={i} style={{ color: p.severity === 'error' ? 'var(--kc-error)' : 'var(--kc-warning-text)' }}>
                <code>{p.path || '$'}</code> {problemLabel(t, p.reason, p.message)}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
};
