import type { EChartsOption } from 'echarts';
import { useEffect, useRef, type CSSProperties } from 'react';
import { echarts } from './echarts.js';

/** What ECharts passes to a click handler (the parts the app reads). */
export type ChartClick = { componentType?: string; seriesType?: string; dataType?: string; dataIndex?: number; name?: string; data?: unknown };

type Props = {
  option: EChartsOption;
  /** Height of the chart; width follows the container. */
  height: number | string;
  /** Describes the chart for screen readers. */
  ariaLabel: string;
  /** Called when a data item (a map region, a graph node…) is clicked. */
  onClick?: (params: ChartClick) => void;
  className?: string;
  style?: CSSProperties;
  'data-testid'?: string;
};

/**
 * A thin wrapper over echarts/core: one instance per element, the option
 * replaced whole on change, resized with its container, disposed on unmount.
 */
export const EChart = ({ option, height, ariaLabel, onClick, className, style, 'data-testid': testId }: Props) => {
  const elementRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<ReturnType<typeof echarts.init> | null>(null);
  // The latest handler, so a new function on each render does not rebind the chart's listener.
  const onClickRef = useRef(onClick);
  useEffect(() => {
    onClickRef.current = onClick;
  });

  useEffect(() => {
    const element = elementRef.current;
    if (!element) return undefined;
    const chart = echarts.init(element, undefined, { renderer: 'canvas' });
    chartRef.current = chart;
    chart.on('click', (params) => onClickRef.current?.(params as ChartClick));
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, []);

  useEffect(() => {
    chartRef.current?.setOption(option, { notMerge: true, lazyUpdate: true });
  }, [option]);

  return (
    <div
      ref={elementRef}
      role="img"
      aria-label={ariaLabel}
      className={className}
      data-testid={testId}
      style={{ width: '100%', height, ...style }}
    />
  );
};
