import { Button, Input, Rate } from 'antd';
import { useState } from 'react';
import { useCurrentCentre } from '../../../app/centre.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { useRateDemandMutation } from '../hooks/useDemands.js';
import type { Demand } from '../types.js';
import { failureText } from '../utils/labels.js';

/** The enterprise rates the outcome (1–5) with a comment; it may change its rating later. Others see the rating given. */
export const RatingPanel = ({ demand }: { demand: Pick<Demand, 'id' | 'rating' | 'ratingComment' | 'can'> }) => {
  const { t } = useI18n();
  const centre = useCurrentCentre();
  const rate = useRateDemandMutation(centre.id);
  const [value, setValue] = useState<number>(demand.rating ?? 0);
  const [comment, setComment] = useState(demand.ratingComment ?? '');
  const [editing, setEditing] = useState(demand.rating === null);
  const [error, setError] = useState<string | null>(null);
  const labels = [1, 2, 3, 4, 5].map((n) => t(`services.rating.level${n as 1 | 2 | 3 | 4 | 5}`));

  if (!demand.can.rate || !editing) {
    if (demand.rating === null) return null;
    return (
      <div className="kc-svc-rating" data-testid="demand-rating" data-rating={demand.rating}>
        <Rate disabled value={demand.rating} />
        <span className="kc-svc-rating-label">{labels[demand.rating - 1]}</span>
        {demand.ratingComment && <p className="kc-svc-prose">{demand.ratingComment}</p>}
        {demand.can.rate && (
          <Button size="small" type="link" onClick={() => setEditing(true)} data-testid="demand-rating-change">
            {t('services.rating.change')}
          </Button>
        )}
      </div>
    );
  }
  const submit = async () => {
    setError(null);
    try {
      await rate.mutateAsync({ id: demand.id, rating: value, comment: comment.trim() || null });
      setEditing(false);
    } catch (e) {
      setError(failureText(e, t));
    }
  };
  return (
    <div className="kc-svc-rating-form" data-testid="demand-rating-form">
      <p className="kc-muted">{t('services.rating.prompt')}</p>
      <div className="kc-svc-rating">
        <Rate value={value} onChange={setValue} tooltips={labels} data-testid="demand-rating-stars" />
        {value > 0 && <span className="kc-svc-rating-label">{labels[value - 1]}</span>}
      </div>
      <Input.TextArea rows={2} maxLength={2000} value={comment} onChange={(e) => setComment(e.target.value)} placeholder={t('services.rating.commentPlaceholder')} data-testid="demand-rating-comment" />
      <div>
        <Button type="primary" disabled={value < 1} loading={rate.isPending} onClick={() => void submit()} data-testid="demand-rating-submit">
          {t('services.rating.submit')}
        </Button>
      </div>
      {error && (
        <div className="kc-svc-error" role="alert">
          {error}
        </div>
      )}
    </div>
  );
};
