import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Input, Space } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { FieldIssue } from '../../shared/errors.js';
import { isApiError } from '../app/api.js';
import { useCurrentCentre } from '../app/centre.js';
import { errorMessage } from '../app/errors.js';
import { pickTitle } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { BenefitEditor, type DraftBenefit } from '../modules/policies/components/BenefitEditor.js';
import { LevelTag } from '../modules/policies/components/Tags.js';
import { useFactCatalogueQuery, useNewVersionMutation, usePolicyQuery, usePublishMutation, useUpdateDraftMutation, type VersionPatch } from '../modules/policies/hooks/usePolicies.js';
import type { PolicyClause, PolicyVersion } from '../modules/policies/types.js';
import { problemLabel } from '../modules/policies/utils/labels.js';
import { policyPath } from '../modules/policies/utils/paths.js';
import { useVocabularyLabels } from '../modules/registry/hooks/useVocabularyQuery.js';
import { PageHeader } from '../ui/PageHeader.js';
import { Panel } from '../ui/Panel.js';
import { QueryState } from '../ui/QueryState.js';
import { SampleTag } from '../ui/SampleTag.js';
import { StatusMessage } from '../ui/StatusMessage.js';
import '../modules/policies/policies.css';

type Draft = { validFrom: string; validTo: string; legalText: string; changeNote: string; clauses: PolicyClause[]; benefits: DraftBenefit[] };

let localIds = 0;
const toDraft = (v: PolicyVersion): Draft => ({
  validFrom: v.validFrom,
  validTo: v.validTo ?? '',
  legalText: v.legalText,
  changeNote: v.changeNote ?? '',
  clauses: v.clauses.map((c) => ({ ...c })),
  benefits: v.benefits.map((b) => ({
    localId: `b${++localIds}`,
    code: b.code,
    nameZh: b.nameZh,
    nameEn: b.nameEn,
    kind: b.kind,
    amount: b.amount,
    rate: b.rate,
    rateBase: b.rateBase,
    cap: b.cap,
    tranches: b.tranches,
    clauseRefs: b.clauseRefs,
    rule: b.rule,
  })),
});

const toPatch = (d: Draft): VersionPatch => ({
  validFrom: d.validFrom.trim(),
  validTo: d.validTo.trim() || null,
  legalText: d.legalText,
  changeNote: d.changeNote.trim() || null,
  clauses: d.clauses.map((c) => ({ number: c.number.trim(), textZh: c.textZh, textEn: c.textEn?.trim() ? c.textEn : null })),
  benefits: d.benefits.map(({ localId: _localId, ...b }) => ({ ...b, code: b.code.trim(), nameEn: b.nameEn?.trim() ? b.nameEn : null })),
});

const fieldIssues = (error: unknown): FieldIssue[] => {
  if (!isApiError(error)) return [];
  const fields = (error.details as { fields?: FieldIssue[] } | undefined)?.fields;
  return Array.isArray(fields) ? fields : [];
};

/**
 * 编辑政策 / Edit a policy: its draft version's validity, legal text, clauses
 * and benefits, each benefit's eligibility rule written with the rule
 * builder; saved as a whole, then published (a clash of validity with a
 * published version is explained, with the way out the server allows).
 */
export const PolicyEditPage = () => {
  const { code = '' } = useParams();
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const navigate = useNavigate();
  const query = usePolicyQuery(centre.id, code);
  const catalogue = useFactCatalogueQuery(centre.id).data?.items ?? [];
  const vocab = useVocabularyLabels();
  const save = useUpdateDraftMutation(centre.id, code);
  const publish = usePublishMutation(centre.id, code);
  const newVersion = useNewVersionMutation(centre.id, code);
  const draftVersion = useMemo(() => query.data?.versions.find((v) => v.state === 'draft'), [query.data]);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [loadedId, setLoadedId] = useState<string | null>(null);
  const [dirty, setDirty] = useState(false);
  const [saved, setSaved] = useState(false);
  const [newFrom, setNewFrom] = useState('');
  useEffect(() => {
    if (draftVersion && draftVersion.id !== loadedId) {
      setDraft(toDraft(draftVersion));
      setLoadedId(draftVersion.id);
      setDirty(false);
    }
  }, [draftVersion, loadedId]);

  if (isApiError(query.error) && query.error.status === 404) return <StatusMessage status="notFound" title={t('policies.detail.notFound')} />;
  const policy = query.data?.policy;
  const change = (patch: Partial<Draft>) => {
    setDraft((d) => (d ? { ...d, ...patch } : d));
    setDirty(true);
    setSaved(false);
    publish.reset();
  };
  const saveDraft = async () => {
    if (!draft || !draftVersion) return false;
    try {
      await save.mutateAsync({ version: draftVersion.version, patch: toPatch(draft) });
      setDirty(false);
      setSaved(true);
      return true;
    } catch {
      return false;
    }
  };
  const doPublish = async (supersede: boolean) => {
    if (!draftVersion) return;
    if (dirty && !(await saveDraft())) return;
    setSaved(false);
    try {
      await publish.mutateAsync({ version: draftVersion.version, supersede });
      navigate(policyPath(code));
    } catch {
      /* shown below */
    }
  };
  const issues = [...fieldIssues(save.error), ...fieldIssues(publish.error)];
  const benefitIssues = (i: number) => issues.filter((f) => f.path.startsWith(`benefits.${i}.`) || f.path === `benefits.${i}`).map((f) => `${f.path.replace(`benefits.${i}.`, '')}: ${problemLabel(t, f.reason, f.message)}`);
  const otherIssues = issues.filter((f) => !/^benefits\.\d+/.test(f.path));
  const conflict = isApiError(publish.error) && publish.error.status === 409 ? (publish.error.details as { reason?: string; overlaps?: { version: number; validFrom: string; validTo: string | null }[]; canSupersede?: boolean } | undefined) : undefined;
  const clauseNumbers = draft?.clauses.map((c) => c.number) ?? [];
  return (
    <div className="kc-pol" data-testid="policy-edit-page">
      <QueryState isLoading={query.isLoading} error={query.error} onRetry={() => void query.refetch()}>
        {policy && (
          <>
            <PageHeader
              title={
                <span data-testid="policy-edit-title">
                  {t('policies.edit.title', { title: pickTitle(policy, locale) })}
                  <SampleTag isSample={policy.isSample} />
                </span>
              }
              intro={
                <span className="kc-pol-toolbar" style={{ marginBottom: 0 }}>
                  <LevelTag level={policy.level} />
                  <span>{policy.issuer}</span>
                  <span className="kc-muted">{policy.code}</span>
                  <Link to={policyPath(code)}>{t('policies.edit.back')}</Link>
                </span>
              }
            />
            {!draftVersion || !draft ? (
              <Panel title={t('policies.edit.noDraft')} data-testid="policy-no-draft">
                <p>{t('policies.edit.noDraftText')}</p>
                <Space wrap>
                  <Input style={{ width: 180 }} value={newFrom} onChange={(e) => setNewFrom(e.target.value)} placeholder={t('policies.edit.datePlaceholder')} data-testid="policy-new-version-from" />
                  <Button type="primary" loading={newVersion.isPending} onClick={() => newVersion.mutate(newFrom.trim() ? { validFrom: newFrom.trim() } : {})} data-testid="policy-new-version">
                    {t('policies.edit.startVersion')}
                  </Button>
                </Space>
                {newVersion.error && <Alert type="error" showIcon title={errorMessage(newVersion.error, t)} style={{ marginTop: 8 }} />}
              </Panel>
            ) : (
              <>
                <Panel title={t('policies.edit.versionN', { version: draftVersion.version })} data-testid="policy-version-form">
                  <div className="kc-pol-grid">
                    <label className="kc-field" style={{ display: 'flex', flexDirection: 'column', gap: 4, marginBottom: 8 }}>
                      <span className="kc-small kc-muted">{t('policies.edit.validFrom')}</span>
                      <Input value={draft.validFrom} onChange={(e) => change({ validFrom: e.target.value })} placeholder={t('policies.edit.datePlaceholder')} data-testid="policy-valid-from" />
                    </label>
                    <label className="kc-field" style={{ display: 'flex', flexDirection: 'column', gap: 4, marginBottom: 8 }}>
                      <span className="kc-small kc-muted">{t('policies.edit.validTo')}</span>
                      <Input value={draft.validTo} onChange={(e) => change({ validTo: e.target.value })} placeholder={t('policies.edit.validToPlaceholder')} data-testid="policy-valid-to" />
                    </label>
                    <label className="kc-field" style={{ display: 'flex', flexDirection: 'column', gap: 4, marginBottom: 8, gridColumn: '1 / -1' }}>
                      <span className="kc-small kc-muted">{t('policies.edit.changeNote')}</span>
                      <Input value={draft.changeNote} onChange={(e) => change({ changeNote: e.target.value })} data-testid="policy-change-note" />
                    </label>
                    <label className="kc-field" style={{ display: 'flex', flexDirection: 'column', gap: 4, marginBottom: 8, gridColumn: '1 / -1' }}>
                      <span className="kc-small kc-muted">{t('policies.edit.legalText')}</span>
                      <Input.TextArea rows={4} value={draft.legalText} onChange={(e) => change({ legalText: e.target.value })} data-testid="policy-legal-text" />
                    </label>
                  </div>
                </Panel>
                <Panel title={t('policies.edit.clauses')} data-testid="policy-clauses-form">
                  {draft.clauses.length === 0 && <p className="kc-muted kc-small">{t('policies.edit.noClauses')}</p>}
                  {draft.clauses.map((c, i) => (
                    <div key={i} className="kc-pol-benefit" data-testid="clause-editor">
                      <div className="kc-rb-row" style={{ marginBottom: 6 }}>
                        <Input style={{ width: 160 }} value={c.number} placeholder={t('policies.edit.clauseNumber')} onChange={(e) => change({ clauses: draft.clauses.map((x, j) => (j === i ? { ...x, number: e.target.value } : x)) })} data-testid="clause-number" />
                        <Button type="text" icon={<DeleteOutlined />} aria-label={t('policies.rb.remove')} onClick={() => change({ clauses: draft.clauses.filter((_, j) => j !== i) })} />
                      </div>
                      <Input.TextArea rows={2} value={c.textZh} placeholder={t('policies.edit.clauseZh')} onChange={(e) => change({ clauses: draft.clauses.map((x, j) => (j === i ? { ...x, textZh: e.target.value } : x)) })} style={{ marginBottom: 6 }} data-testid="clause-text-zh" />
                      <Input.TextArea rows={2} value={c.textEn ?? ''} placeholder={t('policies.edit.clauseEn')} onChange={(e) => change({ clauses: draft.clauses.map((x, j) => (j === i ? { ...x, textEn: e.target.value } : x)) })} data-testid="clause-text-en" />
                    </div>
                  ))}
                  <Button icon={<PlusOutlined />} onClick={() => change({ clauses: [...draft.clauses, { number: '', textZh: '', textEn: null }] })} data-testid="clause-add">
                    {t('policies.edit.addClause')}
                  </Button>
                </Panel>
                <Panel title={t('policies.edit.benefits')} data-testid="policy-benefits-form">
                  {draft.benefits.length === 0 && <p className="kc-muted kc-small">{t('policies.edit.noBenefits')}</p>}
                  {draft.benefits.map((b, i) => (
                    <BenefitEditor
                      key={b.localId}
                      centreId={centre.id}
                      index={i}
                      benefit={b}
                      onChange={(nb) => change({ benefits: draft.benefits.map((x, j) => (j === i ? nb : x)) })}
                      onRemove={() => change({ benefits: draft.benefits.filter((_, j) => j !== i) })}
                      clauseNumbers={clauseNumbers}
                      catalogue={catalogue}
                      recognitions={vocab.recognitions}
                      issues={benefitIssues(i)}
                    />
                  ))}
                  <Button
                    icon={<PlusOutlined />}
                    onClick={() =>
                      change({
                        benefits: [
                          ...draft.benefits,
                          { localId: `b${++localIds}`, code: '', nameZh: '', nameEn: null, kind: 'grant', amount: null, rate: null, rateBase: null, cap: null, tranches: [], clauseRefs: [], rule: { and: [] } },
                        ],
                      })
                    }
                    data-testid="benefit-add"
                  >
                    {t('policies.edit.addBenefit')}
                  </Button>
                </Panel>
                <Panel data-testid="policy-actions">
                  {otherIssues.length > 0 && (
                    <Alert
                      type="error"
                      showIcon
                      style={{ marginBottom: 12 }}
                      data-testid="policy-errors"
                      title={t('policies.edit.fixFirst')}
                      description={
                        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                          {otherIssues.map((f, i) => (
                            <li key={i}>
                              <code>{f.path}</code> {problemLabel(t, f.reason, f.message)}
                            </li>
                          ))}
                        </ul>
                      }
                    />
                  )}
                  {issues.length > 0 && otherIssues.length === 0 && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={t('policies.edit.fixBenefits')} data-testid="policy-errors" />}
                  {save.error && issues.length === 0 && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={errorMessage(save.error, t)} data-testid="policy-errors" />}
                  {conflict?.reason === 'validity_overlap' ? (
                    <Alert
                      type="warning"
                      showIcon
                      style={{ marginBottom: 12 }}
                      data-testid="policy-publish-conflict"
                      title={t('policies.edit.overlap', {
                        from: draft.validFrom,
                        to: draft.validTo || t('policies.openEnded'),
                        versions: (conflict.overlaps ?? []).map((o) => t('policies.edit.overlapVersion', { version: o.version, from: o.validFrom, to: o.validTo ?? t('policies.openEnded') })).join(t('common.listSeparator')),
                      })}
                      description={conflict.canSupersede ? t('policies.edit.overlapSupersede') : t('policies.edit.overlapChangeDates')}
                      action={
                        conflict.canSupersede ? (
                          <Button size="small" onClick={() => void doPublish(true)} loading={publish.isPending} data-testid="policy-publish-supersede">
                            {t('policies.edit.supersede')}
                          </Button>
                        ) : undefined
                      }
                    />
                  ) : (
                    publish.error && issues.length === 0 && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={errorMessage(publish.error, t)} data-testid="policy-errors" />
                  )}
                  {saved && !dirty && <Alert type="success" showIcon style={{ marginBottom: 12 }} title={t('policies.edit.saved')} data-testid="policy-saved" />}
                  <Space wrap>
                    <Button onClick={() => void saveDraft()} loading={save.isPending} disabled={!dirty} data-testid="policy-save">
                      {t('policies.edit.save')}
                    </Button>
                    <Button type="primary" onClick={() => void doPublish(false)} loading={publish.isPending} data-testid="policy-publish">
                      {dirty ? t('policies.edit.saveAndPublish') : t('policies.edit.publish')}
                    </Button>
                    {dirty && <span className="kc-muted kc-small">{t('policies.edit.unsaved')}</span>}
                  </Space>
                  <p className="kc-muted kc-small" style={{ marginTop: 8, marginBottom: 0 }}>
                    {t('policies.edit.publishNote')}
                  </p>
                </Panel>
              </>
            )}
          </>
        )}
      </QueryState>
    </div>
  );
};
