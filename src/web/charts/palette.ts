import type { TEntityCategory } from '../../shared/schemas/entities.js';

/**
 * The chart palette: the only colour literals outside the theme. Named after
 * Ant Design's preset colours so a category has the same hue in a chart as in
 * its <Tag color=…>.
 */
export const PRESET_COLORS = {
  blue: '#1677ff',
  geekblue: '#2f54eb',
  purple: '#722ed1',
  magenta: '#eb2f96',
  red: '#f5222d',
  volcano: '#fa541c',
  orange: '#fa8c16',
  gold: '#faad14',
  lime: '#a0d911',
  green: '#52c41a',
  cyan: '#13c2c2',
  gray: '#8c8c8c',
} as const;
export type PresetColorName = keyof typeof PRESET_COLORS;

export const CATEGORY_COLOR_NAMES: Readonly<Record<TEntityCategory, PresetColorName>> = {
  platform: 'blue',
  national_lab: 'geekblue',
  big_science_facility: 'purple',
  rnd_institution: 'cyan',
  university: 'green',
  innovation_centre: 'magenta',
  enterprise: 'orange',
  achievement: 'gold',
  event: 'volcano',
  index: 'lime',
  organisation: 'red',
  person: 'gray',
  comparator: 'gray',
};

export const categoryColor = (category: TEntityCategory): string => PRESET_COLORS[CATEGORY_COLOR_NAMES[category]];

/** Series colours in order, for charts with several unrelated series. */
export const SERIES_COLORS: readonly string[] = [
  PRESET_COLORS.blue,
  PRESET_COLORS.orange,
  PRESET_COLORS.green,
  PRESET_COLORS.purple,
  PRESET_COLORS.cyan,
  PRESET_COLORS.magenta,
  PRESET_COLORS.gold,
];
