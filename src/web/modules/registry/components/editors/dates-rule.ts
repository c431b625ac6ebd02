import type { FormInstance } from 'antd';
import type { Translator } from '../../../../i18n/translate.js';
import { PARTIAL_DATE } from '../../utils/entity-form.js';

/** A start and end date pair as the API takes them: YYYY[-MM[-DD]], the end not before the start. */
export const dateRules = (t: Translator) => ({
  pattern: [{ pattern: PARTIAL_DATE, message: t('entityForm.datePattern') }],
  endNotBeforeStart: ({ getFieldValue }: Pick<FormInstance, 'getFieldValue'>) => ({
    validator: (_: unknown, value: string | undefined) => {
      const from = String(getFieldValue('validFrom') ?? '').trim();
      const to = String(value ?? '').trim();
      // Compare as far as both are known: 2024 is not before 2024-05.
      const n = Math.min(from.length, to.length);
      return from && to && to.slice(0, n) < from.slice(0, n) ? Promise.reject(new Error(t('fieldReason.ends_before_start'))) : Promise.resolve();
    },
  }),
});

export const orNull = (value: string | null | undefined): string | null => (value?.trim() ? value.trim() : null);
