// Charts drawn with Observable Plot (loaded when a chart first shows). Each chart is a figure with
// a caption and its numbers as a table beside it, so the values are there without the picture.
import { wholeTicks } from '../ticks';
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

type PlotModule = typeof import('@observablehq/plot');
let plotModule: Promise<PlotModule> | undefined;
const loadPlot = () => (plotModule ??= import('@observablehq/plot'));

export interface ChartDatum {
  label: string;
  count: number;
}

const ink = '#1f4e8c';
/** The most characters of a name shown on a chart's axis. */
const LABEL_CHARS = 30;

/** A bar per label, in the order given: a time series (labels along x) or a ranking (along y). */
export function BarChart({ data, caption, unit, horizontal = false, children }: { data: ChartDatum[]; caption: string; unit: string; horizontal?: boolean; children?: ComponentChildren }) {
  const holder = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let cancelled = false;
    let chart: Element | undefined;
    loadPlot().then(
      (Plot) => {
        if (cancelled || !holder.current) return;
        const width = Math.max(280, holder.current.clientWidth || 480);
        const domain = data.map((datum) => datum.label);
        chart = horizontal
          ? Plot.plot({
              width,
              height: Math.max(80, 26 * data.length + 40),
              // Long names are cut on the axis; the table below the chart has them whole.
              marginLeft: 12 + 7.5 * Math.min(LABEL_CHARS, Math.max(...domain.map((label) => label.length))),
              x: { grid: true, label: unit, labelAnchor: 'right', ticks: wholeTicks(data), tickFormat: 'd' },
              y: { domain, label: null, tickFormat: (label: string) => (label.length > LABEL_CHARS ? `${label.slice(0, LABEL_CHARS - 1)}…` : label) },
              style: { fontSize: '13px', color: '#1a1a1a', background: 'transparent' },
              marks: [Plot.barX(data, { x: 'count', y: 'label', fill: ink, tip: true }), Plot.ruleX([0])],
            })
          : Plot.plot({
              width,
              height: 220,
              // Few bars stay bars, not walls: the band's padding grows as the series shrinks.
              x: { domain, label: null, tickRotate: domain.length > 12 ? -45 : 0, padding: domain.length < 4 ? 0.7 : 0.15 },
              y: { grid: true, label: unit, ticks: wholeTicks(data), tickFormat: 'd' },
              style: { fontSize: '13px', color: '#1a1a1a', background: 'transparent' },
              marks: [Plot.barY(data, { x: 'label', y: 'count', fill: ink, tip: true }), Plot.ruleY([0])],
            });
        chart.setAttribute('aria-hidden', 'true');
        holder.current.replaceChildren(chart);
      },
      () => setFailed(true),
    );
    return () => {
      cancelled = true;
      chart?.remove();
    };
  }, [JSON.stringify(data), horizontal, unit]);
  return (
    <figure class="chart">
      <div ref={holder} class="plot" />
      {failed ? <p class="muted">The chart could not be drawn; the numbers are in the table.</p> : null}
      <figcaption>{caption}</figcaption>
      <details>
        <summary>The numbers</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">{horizontal ? 'Name' : 'When'}</th>
              <th scope="col">{unit}</th>
            </tr>
          </thead>
          <tbody>
            {data.map((datum) => (
              <tr key={datum.label}>
                <th scope="row">{datum.label}</th>
                <td>{datum.count.toLocaleString('en-GB')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      {children}
    </figure>
  );
}
