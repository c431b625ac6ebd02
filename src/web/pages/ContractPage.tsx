import { Button, Descriptions, Input, Popconfirm, Tag } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import type { TechContractAction } from '../../shared/contracts-vocabulary.js';
import { useCurrentCentre } from '../app/centre.js';
import { isApiError } from '../app/api.js';
import { errorMessage } from '../app/errors.js';
import { formatDateTime, pickName } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { ContractForm, contractIssueText } from '../modules/contracts/ContractForm.js';
import { ContractsNav } from '../modules/contracts/ContractsNav.js';
import { useContractQuery, useContractTransitionMutation, useUpdateContractMutation } from '../modules/contracts/hooks.js';
import { actionLabel, fieldLabel, formatYuan, itemLabel, planLabel, regionLabel, STATE_COLOURS, stateLabel, typeLabel } from '../modules/contracts/labels.js';
import '../modules/contracts/contracts.css';
import { PageHeader } from '../ui/PageHeader.js';
import { Panel } from '../ui/Panel.js';
import { QueryState } from '../ui/QueryState.js';
import { SampleTag } from '../ui/SampleTag.js';
import { ReviewClock } from '../modules/contracts/ReviewClock.js';

const NEEDS_NOTE: readonly TechContractAction[] = ['return', 'decline'];

/**
 * One technology contract: its terms, the review clock, what the viewer may do
 * now (registrar: review, return, register, decline; seller: correct,
 * resubmit, withdraw), and once registered its printable certificate.
 */
export const ContractPage = () => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const { contractId = '' } = useParams();
  const query = useContractQuery(centre.id, contractId);
  const transition = useContractTransitionMutation(centre.id, contractId);
  const update = useUpdateContractMutation(centre.id, contractId);
  const [note, setNote] = useState('');
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const c = query.data;
  const act = async (action: TechContractAction) => {
    if (!c) return;
    setError(null);
    try {
      await transition.mutateAsync({ action, note: note.trim() || null, version: c.version });
      setNote('');
    } catch (e) {
      setError(isApiError(e) && e.fieldIssues.length ? e.fieldIssues.map((i) => contractIssueText(i, t)).join(t('common.listSeparator')) : errorMessage(e, t));
    }
  };
  return (
    <div className="kc-page" data-testid="contract-page">
      <ContractsNav />
      <QueryState isLoading={query.isLoading} error={query.error} onRetry={() => void query.refetch()}>
        {c && (
          <>
            <PageHeader
              title={<>{c.title}<SampleTag isSample={c.isSample} /></>}
              intro={<><Tag color={STATE_COLOURS[c.state]} data-testid="contract-state" data-state={c.state}>{stateLabel(t, c.state)}</Tag> <ReviewClock clock={c.clock} state={c.state} />{c.importBatch && <Tag>{t('contracts.detail.imported')}</Tag>}</>}
              extra={c.canEdit && !editing && <Button onClick={() => setEditing(true)} data-testid="contract-edit">{t('contracts.detail.edit')}</Button>}
            />
            {(c.actions.length > 0 || error) && (
              <Panel data-testid="contract-actions">
                {c.actions.some((a) => NEEDS_NOTE.includes(a)) && <Input.TextArea rows={2} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('contracts.action.notePlaceholder')} aria-label={t('contracts.action.note')} data-testid="contract-note" style={{ marginBottom: 8 }} />}
                <div className="kc-tc-actions">
                  {c.actions.map((a) =>
                    a === 'withdraw' ? (
                      // Withdrawing is final: ask first.
                      <Popconfirm key={a} title={t('contracts.action.withdrawConfirm')} okText={actionLabel(t, a)} cancelText={t('common.cancel')} onConfirm={() => void act(a)}>
                        <Button danger loading={transition.isPending && transition.variables?.action === a} data-testid={`contract-action-${a}`}>
                          {actionLabel(t, a)}
                        </Button>
                      </Popconfirm>
                    ) : (
                      <Button key={a} type={a === 'register' || a === 'resubmit' ? 'primary' : 'default'} danger={a === 'decline'} loading={transition.isPending && transition.variables?.action === a} onClick={() => void act(a)} data-testid={`contract-action-${a}`}>
                        {actionLabel(t, a)}
                      </Button>
                    ),
                  )}
                </div>
                {error && <div className="kc-tc-error" role="alert" data-testid="contract-action-error">{error}</div>}
              </Panel>
            )}
            {editing ? (
              <Panel>
                <ContractForm
                  contract={c}
                  ownOrganisation={{ id: c.seller.id, name: pickName(c.seller, locale) }}
                  submitLabel={t('contracts.form.save')}
                  saving={update.isPending}
                  onSave={async (input) => {
                    await update.mutateAsync({ ...input, version: c.version });
                    setEditing(false);
                  }}
                />
              </Panel>
            ) : (
              <>
                {c.decisionNote && (
                  <Panel title={t('contracts.detail.decision')} data-testid="contract-decision">
                    <p>{c.decisionNote}</p>
                  </Panel>
                )}
                {c.state === 'registered' && (
                  <section className="kc-tc-cert" data-testid="contract-certificate">
                    <h1>{t('contracts.cert.heading')}</h1>
                    <p>{t('contracts.cert.body')}</p>
                    <dl>
                      <dt>{t('contracts.col.registration')}</dt>
                      <dd data-testid="contract-registration-number">{c.registrationNumber}</dd>
                      <dt>{t('contracts.col.registeredOn')}</dt>
                      <dd>{c.registeredOn}</dd>
                      <dt>{t('contracts.col.title')}</dt>
                      <dd>{c.title}</dd>
                      <dt>{t('contracts.col.type')}</dt>
                      <dd>{typeLabel(t, c.type)}</dd>
                      <dt>{t('contracts.col.seller')}</dt>
                      <dd>{pickName(c.seller, locale)}</dd>
                      <dt>{t('contracts.col.buyer')}</dt>
                      <dd>{c.buyer.name}</dd>
                      <dt>{t('contracts.col.amount')}</dt>
                      <dd>{formatYuan(c.amount, locale)}</dd>
                      <dt>{t('contracts.col.technicalAmount')}</dt>
                      <dd>{formatYuan(c.technicalAmount, locale)}</dd>
                    </dl>
                    <p className="kc-small" style={{ marginTop: 24 }}>{t('contracts.cert.issuedBy', { centre: pickName({ nameZh: centre.nameZh, nameEn: centre.nameEn }, locale) })}</p>
                    <p className="kc-small kc-muted">{t('contracts.cert.note')}</p>
                    <Button className="kc-no-print" onClick={() => window.print()} data-testid="contract-print">{t('contracts.cert.print')}</Button>
                  </section>
                )}
                <Panel data-testid="contract-details">
                  <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
                    <Descriptions.Item label={t('contracts.col.number')}>{c.contractNumber}</Descriptions.Item>
                    <Descriptions.Item label={t('contracts.col.type')}>{typeLabel(t, c.type)}</Descriptions.Item>
                    <Descriptions.Item label={t('contracts.col.field')}>{fieldLabel(t, c.field)}</Descriptions.Item>
                    <Descriptions.Item label={t('contracts.col.signedOn')}>{c.signedOn}{c.validUntil ? ` – ${c.validUntil}` : ''}</Descriptions.Item>
                    <Descriptions.Item label={t('contracts.col.seller')}>{pickName(c.seller, locale)}</Descriptions.Item>
                    <Descriptions.Item label={t('contracts.col.buyer')}>{c.buyer.name} · {regionLabel(t, locale, c.buyer.region)}</Descriptions.Item>
                    <Descriptions.Item label={t('contracts.col.amount')}>{formatYuan(c.amount, locale)}</Descriptions.Item>
                    <Descriptions.Item label={t('contracts.col.technicalAmount')}><span data-testid="contract-technical-amount">{formatYuan(c.technicalAmount, locale)}</span></Descriptions.Item>
                    <Descriptions.Item label={t('contracts.detail.amounts')} span={2}>{c.breakdown.length ? c.breakdown.map((b) => `${itemLabel(t, b.item)} ${formatYuan(b.amount, locale)}`).join(t('common.listSeparator')) : '—'}</Descriptions.Item>
                    <Descriptions.Item label={t('contracts.form.patents')}>{c.patentNumbers.join(t('common.listSeparator')) || '—'}</Descriptions.Item>
                    <Descriptions.Item label={t('contracts.form.planOrigin')}>{planLabel(t, c.planOrigin)}{c.planProject ? ` · ${c.planProject}` : ''}</Descriptions.Item>
                    <Descriptions.Item label={t('contracts.col.submittedAt')}>{formatDateTime(c.submittedAt, locale)}</Descriptions.Item>
                    <Descriptions.Item label={t('contracts.detail.registrar')}>{c.registrar?.displayName ?? '—'}</Descriptions.Item>
                  </Descriptions>
                  <p className="kc-muted kc-small" style={{ marginTop: 8 }}>{t('contracts.detail.history', { days: c.clock.daysUsed + c.clock.daysLeft })}</p>
                </Panel>
              </>
            )}
          </>
        )}
      </QueryState>
    </div>
  );
};
