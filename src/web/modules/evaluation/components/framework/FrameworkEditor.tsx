import { Alert, Button, Col, Row, Table, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { TFrameworkElement, TFrameworkVersion } from '../../../../../shared/schemas/evaluation.js';
import { formatDateTime } from '../../../../i18n/format.js';
import { useI18n } from '../../../../i18n/I18nProvider.js';
import { Panel } from '../../../../ui/Panel.js';
import { useFrameworksQuery } from '../../hooks/useFrameworksQuery.js';
import { useSaveFrameworkMutation } from '../../hooks/useSaveFrameworkMutation.js';
import {
  addChild,
  buildTree,
  checkFramework,
  isValidKey,
  moveAmongSiblings,
  moveToParent,
  removeElement,
  topLevel,
  updateElement,
  withIds,
  withoutIds,
  type EditorElement,
} from '../../utils/framework.js';
import { ElementDetails } from './ElementDetails.js';
import { FrameworkTree } from './FrameworkTree.js';
import { problemText, type ServerIssue } from './problems.js';
import { placeSaveError } from './save-errors.js';
import { SaveFields, type SaveErrors, type SaveValues } from './SaveFields.js';
import { useDebouncedValue } from './useDebouncedValue.js';

export type EditorStart = { elements: readonly TFrameworkElement[]; key: string; name: string };

type Props = {
  centreId: string;
  start: EditorStart;
  /** The context dataset's iData columns: indicators it lacks are flagged. */
  dataColumns: ReadonlySet<string> | null;
  /** The editor's address starting from another saved version. */
  openPath: (frameworkId: string) => string;
  /** The lab's address running a saved version on the context dataset; null without one. */
  labPath: ((frameworkId: string) => string) | null;
  canEdit: boolean;
  onSaved: (version: TFrameworkVersion) => void;
  onDirtyChange: (dirty: boolean) => void;
};

/**
 * Edit a framework's tree and weights, see each node's share, fix what the
 * checks find, save it as the next version under a key, and see that key's
 * versions. Readers see the same tree without the controls.
 */
export const FrameworkEditor = ({ centreId, start, dataColumns, openPath, labPath, canEdit, onSaved, onDirtyChange }: Props) => {
  const { t } = useI18n();
  const initial = useMemo(() => withIds(start.elements), [start]);
  const [elements, setElements] = useState<EditorElement[]>(initial);
  const [selected, setSelected] = useState<string | null>(() => initial.find((e) => e.type === 'Aggregate' && e.parentId === null)?.id ?? null);
  const [serverIssues, setServerIssues] = useState<ServerIssue[]>([]);
  const [values, setValues] = useState<SaveValues>({ key: start.key, name: start.name, note: '' });
  const [saveErrors, setSaveErrors] = useState<SaveErrors>({});
  const [saveMessage, setSaveMessage] = useState<string | null>(null);
  const save = useSaveFrameworkMutation(centreId);

  const tree = useMemo(() => buildTree(elements), [elements]);
  const problems = useMemo(() => checkFramework(elements, dataColumns), [elements, dataColumns]);
  const errors = problems.filter((p) => p.severity === 'error');
  const maxLevel = topLevel(elements);
  const dirty = useMemo(() => JSON.stringify(withoutIds(elements)) !== JSON.stringify(withoutIds(initial)), [elements, initial]);

  const debouncedKey = useDebouncedValue(values.key, 300);
  const keyOk = isValidKey(debouncedKey);
  const versions = useFrameworksQuery(centreId, keyOk ? debouncedKey : null, keyOk);
  const nextVersion = keyOk && versions.data ? Math.max(0, ...versions.data.items.map((v) => v.version)) + 1 : null;

  const edit = (next: EditorElement[]) => {
    setElements(next);
    setServerIssues([]);
    setSaveMessage(null);
    onDirtyChange(JSON.stringify(withoutIds(next)) !== JSON.stringify(withoutIds(initial)));
  };

  const messages = useMemo(() => {
    const byId = new Map<string, { text: string; severity: 'error' | 'warning' }[]>();
    const push = (id: string | null, text: string, severity: 'error' | 'warning') => {
      if (id) byId.set(id, [...(byId.get(id) ?? []), { text, severity }]);
    };
    for (const p of problems) push(p.id, problemText(p, t), p.severity);
    for (const s of serverIssues) push(s.id, s.text, 'error');
    return byId;
  }, [problems, serverIssues, t]);

  const element = elements.find((e) => e.id === selected) ?? null;
  const fieldMessages = useMemo(() => {
    const byField = new Map<string | null, string[]>();
    if (!element) return byField;
    const push = (field: string | null, text: string) => byField.set(field, [...(byField.get(field) ?? []), text]);
    for (const p of problems) if (p.id === element.id) push(p.field, problemText(p, t));
    for (const s of serverIssues) if (s.id === element.id) push(s.field, s.detail ? `${s.text} · ${s.detail}` : s.text);
    return byField;
  }, [element, problems, serverIssues, t]);

  const submit = async () => {
    const fields: SaveErrors = {};
    if (!isValidKey(values.key)) fields.key = t('evaluation.framework.save.keyInvalid');
    if (!values.name.trim()) fields.name = t('fieldReason.required');
    setSaveErrors(fields);
    setSaveMessage(null);
    if (Object.keys(fields).length > 0 || errors.length > 0) return;
    const sentIds = elements.map((e) => e.id);
    try {
      const saved = await save.mutateAsync({ key: values.key, body: { name: values.name.trim(), note: values.note.trim() || null, elements: withoutIds(elements) } });
      onSaved(saved);
    } catch (error) {
      const placed = placeSaveError(error, sentIds, t);
      setServerIssues(placed.issues);
      setSaveErrors(placed.fields);
      setSaveMessage(placed.message);
      const first = placed.issues.find((i) => i.id);
      if (first?.id) setSelected(first.id);
    }
  };

  const others = elements.filter((e) => e.type === 'Group' || e.type === 'Denominator');
  const general = [...problems.filter((p) => p.id === null).map((p) => ({ text: problemText(p, t), severity: p.severity })), ...serverIssues.filter((s) => s.id === null).map((s) => ({ text: s.text, severity: 'error' as const }))];
  const listed = problems.filter((p) => p.id !== null);

  return (
    <Row gutter={[16, 16]} className="kc-fw">
      <Col xs={24} xl={16}>
        <Panel
          title={t('evaluation.framework.treeTitle')}
          extra={dirty ? <Tag color="orange" data-testid="framework-dirty">{t('evaluation.framework.unsaved')}</Tag> : null}
          data-testid="framework-editor"
        >
          {problems.length === 0 && serverIssues.length === 0 ? (
            <Alert type="success" showIcon className="kc-fw-status" message={t('evaluation.framework.valid')} data-testid="framework-valid" />
          ) : (
            <Alert
              type={errors.length > 0 || serverIssues.length > 0 ? 'error' : 'warning'}
              showIcon
              className="kc-fw-status"
              data-testid="framework-problems"
              message={
                errors.length > 0 || serverIssues.length > 0
                  ? t('evaluation.framework.problems', { count: errors.length + serverIssues.length })
                  : t('evaluation.framework.warnings', { count: problems.length })
              }
              description={
                <ul className="kc-fw-problem-list">
                  {general.map((g, i) => (
                    <li key={`g${i}`} data-testid="framework-problem">
                      {g.text}
                    </li>
                  ))}
                  {[...listed.map((p) => ({ id: p.id as string, text: problemText(p, t) })), ...serverIssues.filter((s) => s.id).map((s) => ({ id: s.id as string, text: s.text }))].slice(0, 12).map((p, i) => {
                    const e = elements.find((x) => x.id === p.id);
                    return (
                      <li key={i} data-testid="framework-problem">
                        <Button type="link" size="small" className="kc-fw-problem-link" onClick={() => setSelected(p.id)}>
                          {e?.code || '∅'}
                        </Button>
                        {p.text}
                      </li>
                    );
                  })}
                </ul>
              }
            />
          )}
          <FrameworkTree
            tree={tree}
            elements={elements}
            maxLevel={maxLevel}
            messages={messages}
            selected={selected}
            onSelect={setSelected}
            canEdit={canEdit}
            onWeight={(id, weight) => edit(updateElement(elements, id, { weight }))}
            onAddChild={(id) => {
              const added = addChild(elements, id);
              edit(added.elements);
              if (added.id) setSelected(added.id);
            }}
            onMove={(id, step) => edit(moveAmongSiblings(elements, id, step))}
            onRemove={(id) => {
              edit(removeElement(elements, id));
              if (selected === id) setSelected(null);
            }}
          />
          {others.length > 0 && (
            <p className="kc-muted kc-fw-others">
              {t('evaluation.framework.others', {
                groups: others.filter((e) => e.type === 'Group').map((e) => e.code).join(', ') || '—',
                denominators: others.filter((e) => e.type === 'Denominator').map((e) => e.code).join(', ') || '—',
              })}
            </p>
          )}
        </Panel>
      </Col>
      <Col xs={24} xl={8}>
        <div className="kc-fw-side">
          <Panel title={element ? t('evaluation.framework.detailsTitle', { code: element.code || '∅' }) : t('evaluation.framework.detailsEmptyTitle')}>
            {element ? (
              <ElementDetails
                key={element.id}
                element={element}
                elements={elements}
                maxLevel={maxLevel}
                fieldMessages={fieldMessages}
                canEdit={canEdit}
                onChange={(patch) => edit(updateElement(elements, element.id, patch))}
                onMove={(parentId) => edit(moveToParent(elements, element.id, parentId))}
              />
            ) : (
              <p className="kc-muted">{t('evaluation.framework.pick')}</p>
            )}
          </Panel>
          {canEdit && (
            <Panel title={t('evaluation.framework.save.title')} data-testid="framework-save">
              <SaveFields values={values} errors={saveErrors} onChange={setValues} nextVersion={nextVersion} />
              {saveMessage && <Alert type="error" showIcon message={saveMessage} style={{ marginBottom: 8 }} data-testid="framework-save-error" />}
              <Button type="primary" block loading={save.isPending} disabled={errors.length > 0} onClick={() => void submit()} data-testid="framework-save-submit">
                {nextVersion === null ? t('evaluation.framework.save.submit') : t('evaluation.framework.save.submitVersion', { version: nextVersion })}
              </Button>
              {errors.length > 0 && <p className="kc-muted kc-fw-save-blocked">{t('evaluation.framework.save.blocked')}</p>}
            </Panel>
          )}
          <Panel title={keyOk ? t('evaluation.framework.versions.title', { key: debouncedKey }) : t('evaluation.framework.versions.titleNoKey')} data-testid="framework-versions">
            <Table<TFrameworkVersion>
              size="small"
              rowKey="id"
              pagination={false}
              loading={versions.isLoading && keyOk}
              dataSource={keyOk ? (versions.data?.items ?? []) : []}
              locale={{ emptyText: t('evaluation.framework.versions.none') }}
              onRow={() => ({ 'data-testid': 'framework-version-row' }) as React.HTMLAttributes<HTMLElement>}
              columns={[
                { key: 'v', title: t('evaluation.framework.versions.version'), width: 56, render: (_, v) => <strong>v{v.version}</strong> },
                {
                  key: 'name',
                  title: t('evaluation.framework.versions.name'),
                  render: (_, v) => (
                    <div>
                      <div>{v.name}</div>
                      {v.note && <div className="kc-muted kc-fw-note">{v.note}</div>}
                      <div className="kc-muted kc-fw-note">{t('evaluation.framework.versions.by', { user: v.createdBy, time: formatDateTime(v.createdAt, t.locale) })}</div>
                    </div>
                  ),
                },
                {
                  key: 'open',
                  width: 88,
                  render: (_, v) => (
                    <div className="kc-fw-version-links">
                      <Link to={openPath(v.id)} data-testid="framework-version-open">
                        {t('evaluation.framework.versions.open')}
                      </Link>
                      {labPath && (
                        <Link to={labPath(v.id)} data-testid="framework-version-lab">
                          {t('evaluation.framework.versions.useInLab')}
                        </Link>
                      )}
                    </div>
                  ),
                },
              ]}
            />
          </Panel>
        </div>
      </Col>
    </Row>
  );
};
