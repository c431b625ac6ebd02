import { EditOutlined, TeamOutlined } from '@ant-design/icons';
import { Alert, Button, Modal, Segmented, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { isApiError } from '../app/api.js';
import { useCurrentCentre } from '../app/centre.js';
import { useSession } from '../app/session.js';
import { pickName, pickTitle } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { BenefitAmount } from '../modules/policies/components/BenefitAmount.js';
import { LevelTag } from '../modules/policies/components/Tags.js';
import { useFactWords } from '../modules/policies/components/useFactWords.js';
import { useBenefitEnterprisesQuery } from '../modules/policies/hooks/useMatches.js';
import { useFactCatalogueQuery, usePolicyQuery } from '../modules/policies/hooks/usePolicies.js';
import type { BenefitEnterprises, FactDefinition, PolicyBenefitView } from '../modules/policies/types.js';
import { useCodeNames } from '../modules/policies/hooks/useCodeNames.js';
import { formatYuan, nameCodesInText } from '../modules/policies/utils/format.js';
import { benefitKindLabel, resultLabel, statusLabel, versionStateLabel } from '../modules/policies/utils/labels.js';
import { benefitsPath, POLICY_ROUTES, policyEditPath } from '../modules/policies/utils/paths.js';
import { MATCH_RESULTS } from '../../shared/schemas/policies.js';
import { PageHeader } from '../ui/PageHeader.js';
import { Panel } from '../ui/Panel.js';
import { QueryState } from '../ui/QueryState.js';
import { SampleTag } from '../ui/SampleTag.js';
import { SourceCitation } from '../ui/SourceCitation.js';
import { StatusMessage } from '../ui/StatusMessage.js';
import '../modules/policies/policies.css';

type Row = BenefitEnterprises['items'][number];

/** Officers: the centre's enterprises a benefit applies to (or stays unknown for), by value, with their push consent. */
const BenefitEnterprisesDialog = ({ policyCode, benefit, onClose, catalogue }: { policyCode: string; benefit: PolicyBenefitView | null; onClose: () => void; catalogue: readonly FactDefinition[] | undefined }) => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const [result, setResult] = useState<string>('eligible');
  const query = useBenefitEnterprisesQuery(centre.id, policyCode, benefit?.code ?? null, { result, limit: 100, offset: 0 });
  const words = useFactWords(catalogue);
  const data = query.data;
  return (
    <Modal open={!!benefit} onCancel={onClose} footer={null} width={820} title={benefit ? t('policies.enterprises.title', { name: pickName(benefit, locale) || benefit.code }) : ''} destroyOnHidden>
      <div data-testid="benefit-enterprises">
        <Segmented
          value={result}
          onChange={(v) => setResult(String(v))}
          options={MATCH_RESULTS.map((r) => ({ value: r, label: `${resultLabel(t, r)}${data ? `（${data.counts[r]}）` : ''}` }))}
          style={{ marginBottom: 12 }}
        />
        {data && <p className="kc-muted kc-small">{t('policies.enterprises.evaluated', { count: data.evaluated, date: data.date, version: data.version })}</p>}
        <QueryState isLoading={query.isLoading} error={query.error}>
          <Table<Row>
            rowKey="enterpriseId"
            size="small"
            pagination={false}
            dataSource={data?.items ?? []}
            locale={{ emptyText: t('policies.enterprises.none') }}
            onRow={() => ({ 'data-testid': 'benefit-enterprise-row' }) as object}
            columns={[
              { title: t('policies.enterprises.col.name'), key: 'name', render: (_: unknown, r: Row) => <Link to={benefitsPath(r.enterpriseId)}>{pickName({ nameZh: r.nameZh, nameEn: r.nameEn }, locale) || r.enterpriseId}</Link> },
              { title: t('policies.enterprises.col.value'), key: 'value', width: 130, render: (_: unknown, r: Row) => (r.value !== null ? formatYuan(r.value, locale) : '—') },
              { title: t('policies.enterprises.col.missing'), key: 'missing', render: (_: unknown, r: Row) => r.missing.map((f) => words.label(f)).join(t('common.listSeparator')) || '—' },
              {
                title: t('policies.enterprises.col.consent'),
                key: 'consent',
                width: 110,
                render: (_: unknown, r: Row) => (r.pushConsent?.consent ? <Tag color="green">{t('policies.consent.on')}</Tag> : <span className="kc-muted">{t('policies.consent.off')}</span>),
              },
            ]}
          />
        </QueryState>
      </div>
    </Modal>
  );
};

const BenefitView = ({ benefit, catalogue, officer, onEnterprises, published }: { benefit: PolicyBenefitView; catalogue: readonly FactDefinition[] | undefined; officer: boolean; onEnterprises: () => void; published: boolean }) => {
  const { t, locale } = useI18n();
  const { codeName } = useCodeNames();
  return (
    <section className="kc-pol-benefit" data-testid="policy-benefit" data-code={benefit.code}>
      <div className="kc-pol-benefit-head">
        <div className="kc-pol-match-title">
          <strong>{pickName(benefit, locale) || benefit.code}</strong>
          <Tag>{benefitKindLabel(t, benefit.kind)}</Tag>
          <span className="kc-muted kc-small">{benefit.code}</span>
        </div>
        {officer && published && (
          <Button size="small" icon={<TeamOutlined />} onClick={onEnterprises} data-testid="benefit-enterprises-open">
            {t('policies.detail.enterprises')}
          </Button>
        )}
      </div>
      <div className="kc-small" style={{ marginTop: 6 }}>
        <BenefitAmount benefit={benefit} catalogue={catalogue} />
        {benefit.tranches.length > 0 && (
          <span className="kc-muted">
            {' · '}
            {t('policies.benefit.tranches')}
            {benefit.tranches.map((tr) => t('policies.benefit.tranche', { label: tr.label, share: tr.share })).join(t('common.listSeparator'))}
          </span>
        )}
        {benefit.clauseRefs.length > 0 && <span className="kc-muted"> · {t('policies.detail.basis', { clauses: benefit.clauseRefs.join(t('common.listSeparator')) })}</span>}
      </div>
      <p className="kc-pol-rule kc-small" data-testid="policy-benefit-rule">
        <span className="kc-muted">{t('policies.match.rule')}</span>
        {nameCodesInText(locale === 'zh-CN' ? benefit.ruleText.zh : benefit.ruleText.en, codeName)}
      </p>
    </section>
  );
};

/** A policy: metadata, versions, clauses (the legal text), benefits with their rules in words, the sources that name it. */
export const PolicyPage = () => {
  const { code = '' } = useParams();
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const { can } = useSession();
  const writer = can('policies:write');
  const officer = can('services:manage');
  const query = usePolicyQuery(centre.id, code);
  const catalogue = useFactCatalogueQuery(centre.id).data?.items;
  const [chosen, setChosen] = useState<number | null>(null);
  const [enterprisesOf, setEnterprisesOf] = useState<PolicyBenefitView | null>(null);
  if (isApiError(query.error) && query.error.status === 404) {
    return <StatusMessage status="notFound" title={t('policies.detail.notFound')} action={<Link to={POLICY_ROUTES.library}>{t('policies.detail.back')}</Link>} />;
  }
  const data = query.data;
  const policy = data?.policy;
  const versions = [...(data?.versions ?? [])].sort((a, b) => b.version - a.version);
  const shownVersion = chosen ?? policy?.inForce?.version ?? versions[0]?.version ?? null;
  const version = versions.find((v) => v.version === shownVersion);
  const hasDraft = versions.some((v) => v.state === 'draft');
  return (
    <div className="kc-pol" data-testid="policy-page">
      <QueryState isLoading={query.isLoading} error={query.error} onRetry={() => void query.refetch()}>
        {policy && data && (
          <>
            <PageHeader
              title={
                <span data-testid="policy-title">
                  {pickTitle(policy, locale)}
                  <SampleTag isSample={policy.isSample} />
                </span>
              }
              intro={
                <span className="kc-pol-toolbar" style={{ marginBottom: 0 }}>
                  <LevelTag level={policy.level} />
                  <span>{policy.issuer}</span>
                  {policy.documentNumber && <span className="kc-muted">{policy.documentNumber}</span>}
                  <span className="kc-muted">{policy.code}</span>
                  <Tag data-testid="policy-status">{statusLabel(t, policy.status)}</Tag>
                  {policy.url && (
                    <a href={policy.url} target="_blank" rel="noreferrer">
                      {t('policies.detail.original')}
                    </a>
                  )}
                  <Link to={POLICY_ROUTES.library}>{t('policies.detail.back')}</Link>
                </span>
              }
              extra={
                writer && (
                  <Link to={policyEditPath(policy.code)}>
                    <Button type="primary" icon={<EditOutlined />} data-testid="policy-edit">
                      {hasDraft ? t('policies.detail.editDraft') : t('policies.detail.newVersion')}
                    </Button>
                  </Link>
                )
              }
            />
            {versions.length > 0 && (
              <Panel title={t('policies.detail.versions')} data-testid="policy-versions">
                <Select
                  style={{ minWidth: 320, maxWidth: '100%' }}
                  value={shownVersion ?? undefined}
                  onChange={(v: number) => setChosen(v)}
                  options={versions.map((v) => ({
                    value: v.version,
                    label: `${t('policies.detail.versionLabel', { version: v.version, from: v.validFrom, to: v.validTo ?? t('policies.openEnded') })} · ${versionStateLabel(t, v.state)}${policy.inForce?.version === v.version ? ` · ${t('policies.detail.inForceNow')}` : ''}`,
                  }))}
                  data-testid="policy-version-select"
                />
                {version?.changeNote && <p className="kc-small kc-muted" style={{ marginTop: 8, marginBottom: 0 }}>{t('policies.detail.changeNote', { note: version.changeNote })}</p>}
              </Panel>
            )}
            {!data.benefitsKnown && <Alert type="info" showIcon title={t('policies.detail.benefitsUnknown')} data-testid="policy-benefits-unknown" />}
            {version && (
              <div className="kc-pol-columns">
                <div className="kc-pol-main">
                  <Panel title={t('policies.detail.benefits', { count: version.benefits.length })} data-testid="policy-benefits">
                    {version.benefits.length === 0 ? (
                      <p className="kc-muted">{t('policies.detail.noBenefits')}</p>
                    ) : (
                      version.benefits.map((b) => <BenefitView key={b.code} benefit={b} catalogue={catalogue} officer={officer} published={version.state === 'published'} onEnterprises={() => setEnterprisesOf(b)} />)
                    )}
                  </Panel>
                  <Panel title={t('policies.detail.clauses')} data-testid="policy-clauses">
                    {version.clauses.length === 0 ? (
                      <p className="kc-muted">{t('policies.detail.noClauses')}</p>
                    ) : (
                      version.clauses.map((c) => (
                        <blockquote key={c.number} className="kc-pol-legal" data-testid="policy-clause">
                          <strong>{c.number}</strong> {locale === 'zh-CN' ? c.textZh : (c.textEn ?? c.textZh)}
                        </blockquote>
                      ))
                    )}
                    {version.legalText && (
                      <details className="kc-pol-details kc-small">
                        <summary>{t('policies.detail.legalText')}</summary>
                        <div className="kc-pol-legal">{version.legalText}</div>
                      </details>
                    )}
                  </Panel>
                </div>
                <div className="kc-pol-side">
                  <Panel title={t('policies.detail.sources')} data-testid="policy-sources">
                    {data.citations.length === 0 ? (
                      <p className="kc-muted kc-small">{t('policies.detail.noSources')}</p>
                    ) : (
                      data.citations.map((c, i) => <SourceCitation key={`${c.sourceId}-${i}`} citation={c} />)
                    )}
                  </Panel>
                </div>
              </div>
            )}
            <BenefitEnterprisesDialog policyCode={policy.code} benefit={enterprisesOf} onClose={() => setEnterprisesOf(null)} catalogue={catalogue} />
          </>
        )}
      </QueryState>
    </div>
  );
};
