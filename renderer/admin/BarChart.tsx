/**
 * A bar chart drawn by uPlot (small, fast, no dependencies). The canvas is decoration for sighted
 * users; the same numbers are in the table beside it, which is what a screen reader reads.
 */
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface Bars {
  labels: string[];
  /** One or more series of values, one value per label; null is a gap. */
  series: { name: string; values: (number | null)[]; color: string }[];
}

export function BarChart({ bars, height = 220, testId }: { bars: Bars; height?: number; testId?: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const xs = bars.labels.map((_, i) => i);
    const opts: uPlot.Options = {
      width: Math.max(280, el.clientWidth),
      height,
      legend: { show: bars.series.length > 1 },
      cursor: { show: false },
      scales: { x: { time: false, range: [-0.5, Math.max(0.5, xs.length - 0.5)] }, y: { range: (_u, _min, max) => [0, Math.max(1, max * 1.1)] } },
      axes: [
        { values: (_u, splits) => splits.map((v) => bars.labels[Math.round(v)] ?? ''), splits: () => xs, stroke: '#222', grid: { show: false }, font: '14px sans-serif' },
        { stroke: '#222', grid: { stroke: '#ddd' }, font: '14px sans-serif' },
      ],
      series: [
        {},
        ...bars.series.map((s, i) => ({
          label: s.name,
          fill: s.color,
          stroke: s.color,
          width: 0,
          paths: uPlot.paths.bars!({ size: [0.7 / bars.series.length, 60], align: bars.series.length === 1 ? 0 : i === 0 ? -1 : 1 }),
          points: { show: false },
        })),
      ],
    };
    const plot = new uPlot(opts, [xs, ...bars.series.map((s) => s.values)] as uPlot.AlignedData, el);
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(280, el.clientWidth), height }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [bars, height]);
  return <div ref={box} class="bar-chart" aria-hidden="true" data-testid={testId} />;
}
