import { escapeHtml } from './escape-html.js';

/** A tooltip as data: tested as text, rendered as escaped HTML. */
export type TooltipContent = { title: string; lines: string[] };

export const tooltipHtml = ({ title, lines }: TooltipContent): string =>
  [`<strong>${escapeHtml(title)}</strong>`, ...lines.map(escapeHtml)].join('<br/>');
