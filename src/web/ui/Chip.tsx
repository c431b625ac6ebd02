import type { ReactNode } from 'react';

export type ChipTone = 'default' | 'info' | 'warning' | 'accent';

/**
 * A small label ("2023", "Lower bound"). antd's Tag would do, but brings
 * close-button code the home page does not need.
 */
export const Chip = ({ tone = 'default', children, title }: { tone?: ChipTone; children: ReactNode; title?: string }) => (
  <span className={`kc-chip kc-chip-${tone}`} title={title}>
    {children}
  </span>
);
