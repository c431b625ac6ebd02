import { Alert, Button, Input, Switch, Tag } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { isApiError } from '../app/api.js';
import { useCurrentCentre } from '../app/centre.js';
import { errorMessage } from '../app/errors.js';
import { useSession } from '../app/session.js';
import { formatDateTime, pickName } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { useAreasQuery } from '../modules/centres/hooks/useAreasQuery.js';
import { BenefitMatchCard } from '../modules/policies/components/BenefitMatchCard.js';
import { QuestionsForm } from '../modules/policies/components/QuestionsForm.js';
import { useFactWords } from '../modules/policies/components/useFactWords.js';
import { useFactCatalogueQuery } from '../modules/policies/hooks/usePolicies.js';
import { useEnterpriseFactsQuery, useEnterpriseMatchesQuery, usePushConsentMutation } from '../modules/policies/hooks/useMatches.js';
import type { BenefitMatch, EnterpriseFacts, EnterpriseMatches, FactDefinition } from '../modules/policies/types.js';
import { formatYuan } from '../modules/policies/utils/format.js';
import { stackingKindLabel } from '../modules/policies/utils/labels.js';
import { POLICY_ROUTES } from '../modules/policies/utils/paths.js';
import { useVocabularyLabels } from '../modules/registry/hooks/useVocabularyQuery.js';
import { enterpriseServicePath } from '../modules/services/utils/paths.js';
import { PageHeader } from '../ui/PageHeader.js';
import { Panel } from '../ui/Panel.js';
import { QueryState } from '../ui/QueryState.js';
import { StatusMessage } from '../ui/StatusMessage.js';
import '../modules/policies/policies.css';

const Stat = ({ label, value, testId }: { label: string; value: string | number; testId: string }) => (
  <div className="kc-pol-stat" data-testid={testId}>
    <div className="kc-pol-stat-label">{label}</div>
    <div className="kc-pol-stat-value">{value}</div>
  </div>
);

const PushConsentPanel = ({ centreId, enterpriseId, facts, onBehalf }: { centreId: string; enterpriseId: string; facts: EnterpriseFacts | undefined; onBehalf: boolean }) => {
  const { t, locale } = useI18n();
  const mutation = usePushConsentMutation(centreId, enterpriseId);
  const [note, setNote] = useState('');
  const consent = facts?.pushConsent ?? null;
  const toggle = (value: boolean) => mutation.mutate({ consent: value, ...(onBehalf ? { note: note.trim() || null } : {}) });
  return (
    <Panel title={t('policies.consent.title')} data-testid="push-consent">
      <p className="kc-small">{t('policies.consent.explain')}</p>
      {onBehalf && <Input.TextArea rows={2} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('policies.consent.notePlaceholder')} data-testid="push-consent-note" style={{ marginBottom: 8 }} />}
      <label className="kc-pol-toolbar" style={{ marginBottom: 4 }}>
        <Switch checked={consent?.consent ?? false} loading={mutation.isPending} disabled={!facts || (onBehalf && !note.trim())} onChange={toggle} data-testid="push-consent-switch" />
        <span>{consent?.consent ? t('policies.consent.on') : t('policies.consent.off')}</span>
      </label>
      {consent && (
        <p className="kc-muted kc-small" data-testid="push-consent-recorded">
          {t('policies.consent.recorded', { who: consent.recordedBy?.displayName ?? t('policies.consent.someone'), when: formatDateTime(consent.recordedAt, locale) })}
        </p>
      )}
      {mutation.error && <Alert type="error" showIcon title={errorMessage(mutation.error, t)} />}
    </Panel>
  );
};

const FactsPanel = ({ facts, catalogue, labelOf, areaName }: { facts: EnterpriseFacts | undefined; catalogue: readonly FactDefinition[] | undefined; labelOf: (code: string) => string; areaName: (id: string) => string | undefined }) => {
  const { t } = useI18n();
  const words = useFactWords(catalogue, labelOf, areaName);
  if (!facts) return null;
  const origin = (kind: string | undefined) => (kind === 'registry' ? t('policies.origin.registry') : kind === 'derived' ? t('policies.origin.derived') : kind === 'answer' ? t('policies.origin.answer') : t('policies.origin.none'));
  return (
    <Panel title={t('policies.facts.title')} data-testid="enterprise-facts">
      <p className="kc-muted kc-small">{t('policies.facts.explain')}</p>
      <dl className="kc-pol-facts kc-small">
        {facts.facts.map((f) => (
          <div key={f.fact} style={{ display: 'contents' }}>
            <dt>{words.title(f.fact)}</dt>
            <dd data-testid={`fact-${f.fact}`}>
              {f.known ? words.value(f.fact, f.value) : <span className="kc-muted">{t('policies.missingValue')}</span>}
              {f.known && <span className="kc-muted"> · {origin(f.origin?.kind)}</span>}
            </dd>
          </div>
        ))}
      </dl>
    </Panel>
  );
};

const Section = ({ title, items, catalogue, labelOf, areaName, testId, empty }: { title: string; items: BenefitMatch[]; catalogue: readonly FactDefinition[] | undefined; labelOf: (code: string) => string; areaName: (id: string) => string | undefined; testId: string; empty: string }) => (
  <Panel title={title} data-testid={testId}>
    {items.length === 0 ? (
      <p className="kc-muted">{empty}</p>
    ) : (
      <div className="kc-pol-list">
        {items.map((m) => (
          <BenefitMatchCard key={m.key} match={m} catalogue={catalogue} labelOf={labelOf} areaName={areaName} />
        ))}
      </div>
    )}
  </Panel>
);

/**
 * 我的政策 / My benefits: the benefits in force for an enterprise (its own
 * members; officers name the enterprise with ?enterprise=), eligible first by
 * value, the questions that would decide the unknown ones, advice, conflicts
 * between benefits that cannot be combined, and the push consent.
 */
export const MyBenefitsPage = () => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const { user, can } = useSession();
  const [params] = useSearchParams();
  const officer = can('services:manage');
  const enterpriseId = params.get('enterprise') ?? user?.organisationId ?? null;
  const onBehalf = !!enterpriseId && enterpriseId !== user?.organisationId;
  const matches = useEnterpriseMatchesQuery(centre.id, enterpriseId);
  const facts = useEnterpriseFactsQuery(centre.id, enterpriseId);
  const catalogue = useFactCatalogueQuery(centre.id).data?.items;
  const areas = useAreasQuery(centre.id).data?.items;
  const vocab = useVocabularyLabels();
  const areaName = (id: string) => {
    const area = areas?.find((a) => a.id === id);
    return area ? pickName(area, locale) : undefined;
  };
  const [changed, setChanged] = useState<{ before: EnterpriseMatches['counts']; after: EnterpriseMatches['counts'] } | null>(null);

  if (!enterpriseId) {
    return (
      <StatusMessage
        status="empty"
        title={t('policies.mine.noEnterprise')}
        text={officer ? t('policies.mine.pickEnterprise') : t('policies.mine.noOrganisation')}
        action={
          <Link to={POLICY_ROUTES.library}>
            <Button>{t('policies.mine.toLibrary')}</Button>
          </Link>
        }
      />
    );
  }
  if (isApiError(matches.error) && (matches.error.status === 404 || matches.error.status === 403)) {
    return <StatusMessage status={matches.error.status === 404 ? 'notFound' : 'forbidden'} title={t('policies.mine.cannotSee')} />;
  }
  const data = matches.data;
  const name = facts.data ? pickName({ nameZh: facts.data.nameZh, nameEn: facts.data.nameEn }, locale) : '';
  const by = (result: string) => data?.results.filter((r) => r.result === result) ?? [];
  const benefitName = (key: string) => {
    const m = data?.results.find((r) => r.key === key);
    return m ? pickName(m.benefit, locale) || key : key;
  };
  return (
    <div className="kc-pol" data-testid="my-benefits-page">
      <PageHeader
        title={onBehalf ? t('policies.mine.titleFor', { name: name || enterpriseId }) : t('policies.mine.title')}
        intro={
          <span>
            {!onBehalf && name && <strong>{name} · </strong>}
            {data ? t('policies.mine.intro', { date: data.date }) : null}
            {officer && (
              <>
                {' '}
                <Link to={enterpriseServicePath(enterpriseId)}>{t('policies.mine.serviceView')}</Link>
              </>
            )}
          </span>
        }
      />
      <QueryState isLoading={matches.isLoading} error={matches.error} onRetry={() => void matches.refetch()}>
        {data && (
          <>
            <div className="kc-pol-stats" data-testid="benefit-counts">
              <Stat label={t('policies.mine.eligible')} value={data.counts.eligible} testId="count-eligible" />
              <Stat label={t('policies.mine.unknown')} value={data.counts.unknown} testId="count-unknown" />
              <Stat label={t('policies.mine.ineligible')} value={data.counts.ineligible} testId="count-ineligible" />
              <Stat label={t('policies.mine.value')} value={data.eligibleValue > 0 ? formatYuan(data.eligibleValue, locale) : '—'} testId="eligible-value" />
            </div>
            {changed && (
              <Alert
                type="success"
                showIcon
                closable={{ onClose: () => setChanged(null) }}
                data-testid="answers-saved"
                title={t('policies.questions.saved', { eligible: changed.after.eligible, before: changed.before.eligible, unknown: changed.after.unknown })}
              />
            )}
            <div className="kc-pol-columns">
              <div className="kc-pol-main">
                {data.questions.length > 0 && (
                  <Panel title={t('policies.questions.title', { count: data.questions.length })} data-testid="benefit-questions">
                    <p className="kc-small">{t('policies.questions.explain', { count: data.counts.unknown })}</p>
                    <QuestionsForm
                      centreId={centre.id}
                      enterpriseId={enterpriseId}
                      questions={data.questions}
                      counts={data.counts}
                      areas={areas}
                      recognitions={vocab.recognitions}
                      onAnswered={(before, after) => setChanged({ before, after: after.counts })}
                    />
                  </Panel>
                )}
                {data.conflicts.length > 0 && (
                  <Panel title={t('policies.conflicts.title')} data-testid="benefit-conflicts">
                    {data.conflicts.map((c) => (
                      <div key={c.ruleId} className="kc-pol-conflict kc-small" data-testid="benefit-conflict">
                        <div>
                          <Tag>{stackingKindLabel(t, c.kind)}</Tag>
                          {t('policies.conflicts.pair', { a: benefitName(c.benefits[0] ?? ''), b: benefitName(c.benefits[1] ?? '') })}
                        </div>
                        <div>{c.choose ? t('policies.conflicts.choose', { name: benefitName(c.choose) }) : t('policies.conflicts.undecided')}</div>
                        {c.note && <div className="kc-muted">{c.note}</div>}
                      </div>
                    ))}
                  </Panel>
                )}
                <Section title={t('policies.mine.eligibleTitle', { count: data.counts.eligible })} items={by('eligible')} catalogue={catalogue} labelOf={vocab.recognition} areaName={areaName} testId="benefits-eligible" empty={t('policies.mine.noneEligible')} />
                <Section title={t('policies.mine.unknownTitle', { count: data.counts.unknown })} items={by('unknown')} catalogue={catalogue} labelOf={vocab.recognition} areaName={areaName} testId="benefits-unknown" empty={t('policies.mine.noneUnknown')} />
                <details className="kc-pol-details" data-testid="benefits-ineligible">
                  <summary>{t('policies.mine.ineligibleTitle', { count: data.counts.ineligible })}</summary>
                  <div className="kc-pol-list" style={{ marginTop: 8 }}>
                    {by('ineligible').map((m) => (
                      <BenefitMatchCard key={m.key} match={m} catalogue={catalogue} labelOf={vocab.recognition} areaName={areaName} />
                    ))}
                  </div>
                </details>
              </div>
              <div className="kc-pol-side">
                <PushConsentPanel centreId={centre.id} enterpriseId={enterpriseId} facts={facts.data} onBehalf={onBehalf} />
                <FactsPanel facts={facts.data} catalogue={catalogue} labelOf={vocab.recognition} areaName={areaName} />
                <p className="kc-muted kc-small">{t('policies.mine.disclaimer')}</p>
              </div>
            </div>
          </>
        )}
      </QueryState>
    </div>
  );
};
