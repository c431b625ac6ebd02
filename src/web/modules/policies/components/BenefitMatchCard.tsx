import { CheckCircleFilled, CloseCircleFilled, QuestionCircleFilled } from '@ant-design/icons';
import { Tag } from 'antd';
import { Link } from 'react-router';
import { pickName, pickTitle } from '../../../i18n/format.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { SampleTag } from '../../../ui/SampleTag.js';
import type { BenefitMatch, FactDefinition } from '../types.js';
import { clauseHolds, explainedClauses, type ExplainedClause } from '../utils/explanation.js';
import { useCodeNames } from '../hooks/useCodeNames.js';
import { formatYuan, nameCodesInText, SYMBOLS } from '../utils/format.js';
import { benefitKindLabel } from '../utils/labels.js';
import { policyPath } from '../utils/paths.js';
import { BenefitAmount } from './BenefitAmount.js';
import { LevelTag, ResultTag } from './Tags.js';
import { useFactWords } from './useFactWords.js';

const ICONS = {
  yes: <CheckCircleFilled className="kc-pol-yes" aria-hidden />,
  no: <CloseCircleFilled className="kc-pol-no" aria-hidden />,
  unknown: <QuestionCircleFilled className="kc-pol-unknown" aria-hidden />,
};

const ClauseLine = ({ clause, words, declared }: { clause: ExplainedClause; words: ReturnType<typeof useFactWords>; declared: readonly string[] }) => {
  const { t } = useI18n();
  const holds = clauseHolds(clause);
  const name = clause.fact ? words.title(clause.fact) : '';
  const operand = (v: unknown) => (clause.fact ? words.value(clause.fact, v) : String(v));
  let text: string;
  switch (clause.shape) {
    case 'contains':
      text = t('policies.clause.contains', { fact: name, value: operand(clause.operand) });
      break;
    case 'oneOf':
      text = t('policies.clause.oneOf', { fact: name, values: Array.isArray(clause.operand) ? clause.operand.map((v) => operand(v)).join(t('common.listSeparator')) : operand(clause.operand) });
      break;
    case 'between':
      text = t('policies.clause.between', { fact: name, low: operand(clause.operand), high: operand(clause.operand2) });
      break;
    case 'compare':
      text = `${name} ${SYMBOLS[clause.op] ?? clause.op} ${operand(clause.operand)}`;
      break;
    default:
      text = name || clause.op;
  }
  if (clause.negated) text = t('policies.clause.not', { clause: text });
  // "area = Haidian (area: Haidian)" says nothing new: an equality that holds shows no value beside it.
  const used = Object.entries(clause.facts).filter(([fact, value]) => !(clause.shape === 'compare' && clause.op === '==' && fact === clause.fact && value === clause.operand));
  return (
    <li className="kc-pol-clause" data-testid="match-clause" data-holds={holds}>
      {ICONS[holds]}
      <span className="kc-pol-clause-text">{text}</span>
      {used.map(([fact, value]) => (
        <span key={fact} className="kc-muted kc-small kc-pol-clause-value">
          {value === null ? t('policies.clause.missing', { fact: words.label(fact) }) : t('policies.clause.value', { fact: words.label(fact), value: words.value(fact, value) })}
          {value !== null && declared.includes(fact) && <Tag className="kc-pol-declared">{t('policies.declared')}</Tag>}
        </span>
      ))}
    </li>
  );
};

/** One benefit for one enterprise: result, value, the rule in words, each clause with the values used, what is missing, advice. */
export const BenefitMatchCard = ({ match, catalogue, labelOf, areaName }: { match: BenefitMatch; catalogue: readonly FactDefinition[] | undefined; labelOf?: (code: string) => string; areaName?: (id: string) => string | undefined }) => {
  const { t, locale } = useI18n();
  const words = useFactWords(catalogue, labelOf, areaName);
  const { codeName } = useCodeNames();
  const clauses = explainedClauses(match.explanation);
  const name = pickName(match.benefit, locale) || match.benefit.code;
  return (
    <article className={`kc-pol-match kc-pol-match-${match.result}`} data-testid="benefit-match" data-key={match.key} data-result={match.result}>
      <header className="kc-pol-match-head">
        <div className="kc-pol-match-title">
          <ResultTag result={match.result} />
          <strong data-testid="benefit-name">{name}</strong>
          <SampleTag isSample={match.policy.isSample} />
        </div>
        <div className="kc-pol-match-value" data-testid="benefit-value">
          {match.value.estimate !== null ? (
            <>
              <span className="kc-muted kc-small">{t('policies.match.estimate')}</span> <strong>{formatYuan(match.value.estimate, locale)}</strong>
              {match.value.capped && <span className="kc-muted kc-small"> {t('policies.match.capped')}</span>}
            </>
          ) : (
            <span className="kc-muted kc-small">{t('policies.match.noEstimate')}</span>
          )}
        </div>
      </header>
      <div className="kc-pol-match-meta kc-small">
        <LevelTag level={match.policy.level} />
        <Link to={policyPath(match.policy.code)} data-testid="benefit-policy-link">
          {pickTitle(match.policy, locale)}
        </Link>
        <span className="kc-muted">{match.policy.issuer}</span>
        <span className="kc-muted">{benefitKindLabel(t, match.benefit.kind)}</span>
        <span className="kc-muted">
          <BenefitAmount benefit={match.benefit} catalogue={catalogue} />
        </span>
      </div>
      <p className="kc-pol-rule kc-small" data-testid="benefit-rule">
        <span className="kc-muted">{t('policies.match.rule')}</span>
        {nameCodesInText(locale === 'zh-CN' ? match.ruleText.zh : match.ruleText.en, codeName)}
      </p>
      {clauses.length > 0 && (
        <ul className="kc-pol-clauses kc-small" data-testid="match-clauses">
          {clauses.map((c) => (
            <ClauseLine key={c.path} clause={c} words={words} declared={match.declaredFacts} />
          ))}
        </ul>
      )}
      {match.result === 'unknown' && match.missing.length > 0 && (
        <p className="kc-pol-missing kc-small" data-testid="benefit-missing">
          {t('policies.match.missing', { facts: match.missing.map((f) => words.label(f)).join(t('common.listSeparator')) })}
        </p>
      )}
      {match.advice.length > 0 && (
        <ul className="kc-pol-advice kc-small" data-testid="benefit-advice">
          {match.advice.map((a, i) => (
            <li key={`${a.fact}-${i}`}>{locale === 'zh-CN' ? a.textZh : a.textEn}</li>
          ))}
        </ul>
      )}
      {(match.benefit.tranches.length > 0 || match.clauses.length > 0) && (
        <details className="kc-pol-details kc-small">
          <summary>{t('policies.match.more')}</summary>
          {match.benefit.tranches.length > 0 && (
            <p>
              {t('policies.benefit.tranches')}
              {match.benefit.tranches.map((tr) => t('policies.benefit.tranche', { label: tr.label, share: tr.share })).join(t('common.listSeparator'))}
            </p>
          )}
          {match.clauses.map((c) => (
            <blockquote key={c.number} className="kc-pol-legal">
              <strong>{c.number}</strong> {locale === 'zh-CN' ? c.textZh : (c.textEn ?? c.textZh)}
            </blockquote>
          ))}
          <p className="kc-muted">{t('policies.match.validity', { from: match.validFrom, to: match.validTo ?? t('policies.openEnded'), version: match.version })}</p>
        </details>
      )}
    </article>
  );
};
