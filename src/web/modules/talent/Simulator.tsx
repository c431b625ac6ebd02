import { InputNumber, Radio } from 'antd';
import { useState } from 'react';
import { formatNumber } from '../../i18n/format.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { Chip } from '../../ui/Chip.js';
import { Panel } from '../../ui/Panel.js';
import { useSelfAssessmentQuery, type Answers, type SelfAssessment, type TalentCall } from './hooks.js';
import { IndicatorTable } from './IndicatorTable.js';
import { factHeading, factQuestion, factsOfCall, factUnit, talentFailureText } from './labels.js';

const RESULT_TONE = { eligible: 'accent', ineligible: 'warning', unknown: 'default' } as const;

/**
 * The self-assessment simulator: the applicant answers what they know; the
 * points per indicator, the weighted total (a range while answers are
 * missing) and the gates (eligible / ineligible / unknown) come back from the
 * policy engine, with the questions that would settle what is still open.
 */
export const Simulator = ({ call, centreId, onChange }: { call: TalentCall; centreId: string; onChange?: (answers: Answers, result: SelfAssessment | undefined) => void }) => {
  const { t, locale } = useI18n();
  const [answers, setAnswers] = useState<Answers>({});
  const query = useSelfAssessmentQuery(centreId, call.id, answers);
  const r = query.data;
  const facts = factsOfCall(call);
  const set = (name: string, value: number | boolean | null) => {
    const next = { ...answers, [name]: value };
    if (value === null) delete next[name];
    setAnswers(next);
    onChange?.(next, r);
  };
  const n = (v: number) => formatNumber(v, locale, 1);
  const range = (x: { min: number; max: number }) => (x.min === x.max ? n(x.min) : `${n(x.min)}–${n(x.max)}`);
  const resultText = (x: 'eligible' | 'ineligible' | 'unknown') => t(`talent.result.${x}`);
  return (
    <div className="kc-talent-sim" data-testid="talent-simulator">
      <Panel title={t('talent.sim.questions')}>
        <p className="kc-muted kc-small">{t('talent.sim.hint')}</p>
        {facts.map((f) => (
          <div className="kc-talent-q" key={f.name} data-testid={`talent-q-${f.name}`}>
            <label htmlFor={`talent-fact-${f.name}`}>
              <span className="kc-talent-q-label">{factHeading(f.name, locale)}</span>
              <span className="kc-muted kc-small">{factQuestion(f.name, locale)}</span>
            </label>
            {f.type === 'boolean' ? (
              <Radio.Group
                id={`talent-fact-${f.name}`}
                size="small"
                optionType="button"
                value={answers[f.name] === true ? 'yes' : answers[f.name] === false ? 'no' : 'unknown'}
                onChange={(e) => set(f.name, e.target.value === 'yes' ? true : e.target.value === 'no' ? false : null)}
                options={[
                  { value: 'yes', label: t('talent.sim.yes') },
                  { value: 'no', label: t('talent.sim.no') },
                  { value: 'unknown', label: t('talent.sim.dontKnow') },
                ]}
              />
            ) : (
              <InputNumber
                id={`talent-fact-${f.name}`}
                data-testid={`talent-fact-${f.name}`}
                min={0}
                style={{ width: 180 }}
                precision={f.type === 'integer' ? 0 : undefined}
                value={typeof answers[f.name] === 'number' ? (answers[f.name] as number) : null}
                onChange={(v) => set(f.name, typeof v === 'number' ? v : null)}
                addonAfter={factUnit(f.name, locale) || undefined}
                placeholder={t('talent.sim.unknownPlaceholder')}
              />
            )}
          </div>
        ))}
      </Panel>
      <Panel title={t('talent.sim.result')} data-testid="talent-sim-result">
        {query.error ? (
          <p role="alert">{talentFailureText(query.error, t)}</p>
        ) : r ? (
          <>
            <div className="kc-talent-verdict">
              <Chip tone={RESULT_TONE[r.result]}>
                <span data-testid="talent-result" data-result={r.result}>
                  {resultText(r.result)}
                </span>
              </Chip>
              <span data-testid="talent-total">
                {r.total.min === r.total.max ? t('talent.sim.total', { total: n(r.total.min), threshold: n(r.threshold) }) : t('talent.sim.totalRange', { min: n(r.total.min), max: n(r.total.max), threshold: n(r.threshold) })}
              </span>
            </div>
            <p className="kc-muted kc-small">
              {t('talent.sim.parts', { personal: range(r.parts.personal), wp: call.scheme.weights.personal, enterprise: range(r.parts.enterprise), we: call.scheme.weights.enterprise })}
            </p>
            <p data-testid="talent-threshold" data-result={r.thresholdResult}>
              {t(`talent.threshold.${r.thresholdResult}`, { threshold: n(r.threshold) })}
            </p>
            {r.gates.length > 0 && (
              <ul className="kc-talent-gates" data-testid="talent-gates">
                {r.gates.map((g) => {
                  const gate = call.scheme.gates.find((x) => x.id === g.id);
                  return (
                    <li key={g.id} data-testid={`talent-gate-${g.id}`} data-result={g.result}>
                      <Chip tone={RESULT_TONE[g.result]}>{t(`talent.gate.${g.result}`)}</Chip> {gate ? (locale === 'zh-CN' ? gate.labelZh : gate.labelEn) : g.id}
                    </li>
                  );
                })}
              </ul>
            )}
            {r.questions.length > 0 && (
              <div data-testid="talent-questions">
                <strong>{t('talent.sim.toDecide')}</strong>
                <ol>
                  {r.questions.slice(0, 5).map((q) => (
                    <li key={q.fact}>{factQuestion(q.fact, locale)}</li>
                  ))}
                </ol>
              </div>
            )}
          </>
        ) : null}
        <IndicatorTable call={call} assessment={r} />
      </Panel>
    </div>
  );
};
