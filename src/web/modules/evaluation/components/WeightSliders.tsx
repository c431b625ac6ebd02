import { Button, Slider } from 'antd';
import type { FrameworkElement } from '../../../../core/evaluation/index.js';
import { formatNumber } from '../../../i18n/format.js';
import { useI18n } from '../../../i18n/I18nProvider.js';

type Props = {
  elements: readonly FrameworkElement[];
  weights: ReadonlyMap<string, number>;
  onChange: (code: string, weight: number) => void;
  onReset: () => void;
};

/** One slider per aggregate below the index; each move re-runs the engine in the browser. */
export const WeightSliders = ({ elements, weights, onChange, onReset }: Props) => {
  const { t } = useI18n();
  const changed = elements.some((e) => (weights.get(e.code) ?? e.weight) !== e.weight);
  return (
    <div data-testid="evaluation-weights">
      <p className="kc-muted">{t('evaluation.weights.hint')}</p>
      {elements.map((e) => {
        const value = weights.get(e.code) ?? e.weight;
        return (
          <div key={e.code} className="kc-eval-slider" data-testid={`evaluation-weight-${e.code}`} style={{ paddingInlineStart: (3 - Math.min(e.level, 3)) * 12 }}>
            <div className="kc-eval-slider-label">
              <span title={e.code}>{e.name}</span>
              <span className="kc-muted">{formatNumber(value, t.locale, 1)}</span>
            </div>
            <Slider min={0} max={5} step={0.1} value={value} onChange={(v) => onChange(e.code, v)} aria-label={e.name} tooltip={{ formatter: (v) => formatNumber(v ?? 0, t.locale, 1) }} />
          </div>
        );
      })}
      <Button size="small" onClick={onReset} disabled={!changed} data-testid="evaluation-weights-reset">
        {t('evaluation.weights.reset')}
      </Button>
    </div>
  );
};
