import type { TFrequency, TIndicator, TIndicatorLevel, TObservationStatus, TProgressStatus, TProvenance, TQualifier, TTarget } from '../../../../shared/schemas/indicators.js';
import type { MessageKey } from '../../../i18n/keys.js';

/** The indicators' vocabularies as message keys (literal, so that the checks see every one). */
export const LEVEL_KEY: Readonly<Record<TIndicatorLevel, MessageKey>> = {
  city: 'indicators.level.city',
  centre: 'indicators.level.centre',
  district: 'indicators.level.district',
  park: 'indicators.level.park',
  organisation: 'indicators.level.organisation',
};

export const FREQUENCY_KEY: Readonly<Record<TFrequency, MessageKey>> = {
  annual: 'indicators.frequency.annual',
  quarterly: 'indicators.frequency.quarterly',
  monthly: 'indicators.frequency.monthly',
  irregular: 'indicators.frequency.irregular',
};

export type DirectionChoice = 'up' | 'down' | 'none';
export const directionChoice = (direction: TIndicator['direction']): DirectionChoice => (direction === 1 ? 'up' : direction === -1 ? 'down' : 'none');
export const directionValue = (choice: DirectionChoice): TIndicator['direction'] => (choice === 'up' ? 1 : choice === 'down' ? -1 : null);
export const DIRECTION_KEY: Readonly<Record<DirectionChoice, MessageKey>> = {
  up: 'indicators.direction.up',
  down: 'indicators.direction.down',
  none: 'indicators.direction.none',
};

export const STATUS_KEY: Readonly<Record<TObservationStatus, MessageKey>> = {
  measured: 'indicators.status.measured',
  estimated: 'indicators.status.estimated',
  target: 'indicators.status.target',
};

export const PROVENANCE_KEY: Readonly<Record<TProvenance, MessageKey>> = {
  source: 'indicators.provenance.source',
  import: 'indicators.provenance.import',
  entry: 'indicators.provenance.entry',
  derived: 'indicators.provenance.derived',
};
export const PROVENANCE_HINT_KEY: Readonly<Record<TProvenance, MessageKey>> = {
  source: 'indicators.provenance.source.hint',
  import: 'indicators.provenance.import.hint',
  entry: 'indicators.provenance.entry.hint',
  derived: 'indicators.provenance.derived.hint',
};

/** Qualifiers a writer can choose for a figure (qualitative and redacted figures come only from sources). */
export const ENTRY_QUALIFIERS = ['exact', 'lower_bound', 'upper_bound', 'approximate'] as const satisfies readonly TQualifier[];
export const QUALIFIER_CHOICE_KEY: Readonly<Record<(typeof ENTRY_QUALIFIERS)[number], MessageKey>> = {
  exact: 'indicators.qualifier.exact',
  lower_bound: 'indicators.qualifier.lowerBound',
  upper_bound: 'indicators.qualifier.upperBound',
  approximate: 'indicators.qualifier.approximate',
};

export const PROGRESS_KEY: Readonly<Record<TProgressStatus, MessageKey>> = {
  achieved: 'indicators.progress.achieved',
  on_track: 'indicators.progress.on_track',
  at_risk: 'indicators.progress.at_risk',
  off_track: 'indicators.progress.off_track',
  missed: 'indicators.progress.missed',
  awaiting_figures: 'indicators.progress.awaiting_figures',
  in_progress: 'indicators.progress.in_progress',
  no_data: 'indicators.progress.no_data',
  not_assessed: 'indicators.progress.not_assessed',
};
export const PROGRESS_HINT_KEY: Readonly<Record<TProgressStatus, MessageKey>> = {
  achieved: 'indicators.progress.achieved.hint',
  on_track: 'indicators.progress.on_track.hint',
  at_risk: 'indicators.progress.at_risk.hint',
  off_track: 'indicators.progress.off_track.hint',
  missed: 'indicators.progress.missed.hint',
  awaiting_figures: 'indicators.progress.awaiting_figures.hint',
  in_progress: 'indicators.progress.in_progress.hint',
  no_data: 'indicators.progress.no_data.hint',
  not_assessed: 'indicators.progress.not_assessed.hint',
};

export const ASSESSMENTS = ['achieved', 'on_track', 'at_risk', 'off_track', 'missed'] as const satisfies readonly NonNullable<TTarget['assessment']>[];

export const COMPARISON_KEY: Readonly<Record<NonNullable<TTarget['comparison']>, MessageKey>> = {
  at_least: 'indicators.comparison.at_least',
  at_most: 'indicators.comparison.at_most',
};
