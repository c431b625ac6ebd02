import type { EChartsOption } from 'echarts';
import { useEffect, useRef, type CSSProperties } from 'react';
import { echarts } from './echarts.js';

type Props = {
  option: EChartsOption;
  /** Height of the chart; width follows the container. */
  height: number | string;
  /** Describes the chart for screen readers. */
  ariaLabel: string;
  className?: string;
  style?: CSSProperties;
  'data-testid'?: string;
};

/**
 * A thin wrapper over echarts/core: one instance per element, the option
 * replaced whole on change, resized with its container, disposed on unmount.
 */
export const EChart = ({ option, height, ariaLabel, className, style, 'data-testid': testId }: Props) => {
  const elementRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<ReturnType<typeof echarts.init> | null>(null);

  useEffect(() => {
    const element = elementRef.current;
    if (!element) return undefined;
    const chart = echarts.init(element, undefined, { renderer: 'canvas' });
    chartRef.current = chart;
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
