/**
 * The day's report page: one self-contained HTML file (inline SVG, no scripts, no fetches) with the
 * waiting people and the waits over the day (alerts shaded, power cuts and the central outage
 * marked), the waits net of alert time, the calls per desk, the totals and the assertions.
 */
import type { Assertion } from './assertions.js';
import { hhmmOf } from './plan.js';
import type { DayResult } from './runDay.js';

const W = 900;
const H = 220;
const PAD = { left: 48, right: 12, top: 12, bottom: 28 };

function esc(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

interface Axis {
  x: (m: number) => number;
  y: (v: number) => number;
  from: number;
  to: number;
  max: number;
}

function axis(from: number, to: number, max: number): Axis {
  const span = Math.max(1, to - from);
  const top = Math.max(1, max);
  return {
    from, to, max: top,
    x: (m) => PAD.left + ((m - from) / span) * (W - PAD.left - PAD.right),
    y: (v) => H - PAD.bottom - (v / top) * (H - PAD.top - PAD.bottom),
  };
}

/** Alerts shaded red, power cuts black bands at the top, the central outage a grey band at the bottom. */
function backdrop(day: DayResult, a: Axis): string {
  const parts: string[] = [];
  for (const al of day.alerts) {
    parts.push(`<rect class="alert" x="${a.x(al.start).toFixed(1)}" y="${PAD.top}" width="${Math.max(1, a.x(al.end) - a.x(al.start)).toFixed(1)}" height="${H - PAD.top - PAD.bottom}"><title>alert ${hhmmOf(Math.round(al.start))}–${hhmmOf(Math.round(al.end))}</title></rect>`);
  }
  for (const c of day.powerCuts) {
    parts.push(`<rect class="cut" x="${a.x(c.start).toFixed(1)}" y="${PAD.top}" width="${Math.max(2, a.x(c.back) - a.x(c.start)).toFixed(1)}" height="8"><title>power cut ${hhmmOf(c.start)}–${hhmmOf(c.back)}</title></rect>`);
  }
  if (day.outage) {
    parts.push(`<rect class="outage" x="${a.x(day.outage.start).toFixed(1)}" y="${H - PAD.bottom - 6}" width="${(a.x(day.outage.end) - a.x(day.outage.start)).toFixed(1)}" height="6"><title>central unreachable ${hhmmOf(day.outage.start)}–${hhmmOf(day.outage.end)}</title></rect>`);
  }
  return parts.join('');
}

function frame(a: Axis, unit: string): string {
  const ticks: string[] = [];
  for (let m = Math.ceil(a.from / 60) * 60; m <= a.to; m += 60) {
    ticks.push(`<line class="grid" x1="${a.x(m)}" x2="${a.x(m)}" y1="${PAD.top}" y2="${H - PAD.bottom}"/><text x="${a.x(m)}" y="${H - 8}" text-anchor="middle">${hhmmOf(m)}</text>`);
  }
  const step = Math.max(1, Math.ceil(a.max / 4));
  for (let v = 0; v <= a.max; v += step) {
    ticks.push(`<text x="${PAD.left - 6}" y="${a.y(v) + 4}" text-anchor="end">${v}</text>`);
  }
  ticks.push(`<text x="4" y="${PAD.top + 10}">${esc(unit)}</text>`);
  return ticks.join('');
}

function svg(title: string, body: string): string {
  return `<figure><figcaption>${esc(title)}</figcaption><svg viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(title)}">${body}</svg></figure>`;
}

function waitingChart(day: DayResult): string {
  const from = day.timeline[0]?.t ?? day.open;
  const to = day.timeline[day.timeline.length - 1]?.t ?? day.close;
  const max = Math.max(...day.timeline.map((p) => p.waiting + p.inLine), 1);
  const a = axis(from, to, max);
  const path = (pick: (p: DayResult['timeline'][number]) => number) =>
    day.timeline.map((p, i) => `${i ? 'L' : 'M'}${a.x(p.t).toFixed(1)},${a.y(pick(p)).toFixed(1)}`).join('');
  return svg('People waiting over the day (queue; dashed: at the kiosk, not yet checked in)',
    `${backdrop(day, a)}${frame(a, 'people')}<path class="line" d="${path((p) => p.waiting)}"/><path class="line2" d="${path((p) => p.inLine)}"/>`);
}

function waitsChart(day: DayResult): string {
  const served = day.outcomes.filter((o) => o.firstCalledAt !== null && o.waitMinutes !== null);
  const from = day.timeline[0]?.t ?? day.open;
  const to = day.timeline[day.timeline.length - 1]?.t ?? day.close;
  const max = Math.max(...served.map((o) => o.waitMinutes!), 1);
  const a = axis(from, to, max);
  const dots = served
    .map((o) => `<circle class="dot" cx="${a.x(o.firstCalledAt!).toFixed(1)}" cy="${a.y(o.waitMinutes!).toFixed(1)}" r="2.2"/>` +
      `<circle class="net" cx="${a.x(o.firstCalledAt!).toFixed(1)}" cy="${a.y(o.waitNetOfAlertsMinutes!).toFixed(1)}" r="1.6"/>`)
    .join('');
  return svg('Wait from check-in to call, by the time of the call (blue: as waited; green: net of alert time)', `${backdrop(day, a)}${frame(a, 'minutes')}${dots}`);
}

function deskChart(day: DayResult): string {
  const per = new Map<number, number>();
  for (const c of day.calls) if (!c.recall) per.set(c.desk, (per.get(c.desk) ?? 0) + 1);
  const desks = [...per.keys()].sort((x, y) => x - y);
  const max = Math.max(...per.values(), 1);
  const bw = (W - PAD.left - PAD.right) / Math.max(1, desks.length);
  const y = (v: number) => H - PAD.bottom - (v / max) * (H - PAD.top - PAD.bottom);
  const bars = desks
    .map((d, i) => {
      const n = per.get(d)!;
      const x = PAD.left + i * bw + bw * 0.15;
      return `<rect class="bar" x="${x.toFixed(1)}" y="${y(n).toFixed(1)}" width="${(bw * 0.7).toFixed(1)}" height="${(H - PAD.bottom - y(n)).toFixed(1)}"/>` +
        `<text x="${(x + bw * 0.35).toFixed(1)}" y="${(y(n) - 4).toFixed(1)}" text-anchor="middle">${n}</text>` +
        `<text x="${(x + bw * 0.35).toFixed(1)}" y="${H - 8}" text-anchor="middle">desk ${d}</text>`;
    })
    .join('');
  return svg('Calls per desk (new calls)', bars);
}

function mean(xs: number[]): string {
  return xs.length ? (xs.reduce((s, x) => s + x, 0) / xs.length).toFixed(1) : '—';
}

export interface ReportInput {
  seed: number;
  options: Record<string, unknown>;
  day: DayResult;
  calm: DayResult;
  assertions: Assertion[];
  totals: Record<string, number | string>;
}

export function reportHtml(r: ReportInput): string {
  const waits = r.day.outcomes.filter((o) => o.waitMinutes !== null);
  const calmWaits = r.calm.outcomes.filter((o) => o.waitMinutes !== null);
  const rows = Object.entries(r.totals).map(([k, v]) => `<tr><th>${esc(k.replaceAll('_', ' '))}</th><td>${esc(String(v))}</td></tr>`).join('');
  const checks = r.assertions.map((a) => `<li class="${a.ok ? 'ok' : 'fail'}"><b>${a.ok ? 'ok' : 'FAIL'}</b> ${esc(a.name)} — ${esc(a.detail)}</li>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Talon field day, seed ${r.seed}</title>
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 24px; color: #1b1b1b; background: #fff; max-width: 960px; }
h1 { font-size: 20px; margin: 0 0 4px; } p.sub { margin: 0 0 16px; color: #555; }
figure { margin: 12px 0 20px; } figcaption { font-weight: 600; margin-bottom: 4px; }
svg text { font-size: 11px; fill: #444; } .grid { stroke: #e5e5e5; }
.alert { fill: #d62728; opacity: 0.18; } .cut { fill: #111; } .outage { fill: #888; }
.line { fill: none; stroke: #1f5fbf; stroke-width: 1.6; } .line2 { fill: none; stroke: #e08a00; stroke-width: 1.2; stroke-dasharray: 4 3; }
.dot { fill: #1f5fbf; opacity: 0.7; } .net { fill: #2a9d3a; opacity: 0.8; } .bar { fill: #1f5fbf; }
table { border-collapse: collapse; } th, td { text-align: left; padding: 2px 12px 2px 0; } th { font-weight: 500; color: #444; }
li.ok b { color: #2a7d2a; } li.fail b { color: #c00; } .legend span { margin-right: 16px; }
.sw { display: inline-block; width: 12px; height: 12px; vertical-align: -2px; margin-right: 4px; }
</style></head><body>
<h1>A war-time working day, simulated — seed ${r.seed}</h1>
<p class="sub">${esc(Object.entries(r.options).map(([k, v]) => `${k} ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`).join(' · '))}</p>
<p class="legend"><span><i class="sw" style="background:#d62728;opacity:.3"></i>alert</span><span><i class="sw" style="background:#111"></i>power cut (hub killed)</span><span><i class="sw" style="background:#888"></i>central unreachable</span></p>
${waitingChart(r.day)}
${waitsChart(r.day)}
${deskChart(r.day)}
<h2>Totals</h2><table>${rows}
<tr><th>mean wait (min), with faults / calm day</th><td>${mean(waits.map((o) => o.waitMinutes!))} / ${mean(calmWaits.map((o) => o.waitMinutes!))}</td></tr>
<tr><th>mean wait net of alert time (min)</th><td>${mean(waits.map((o) => o.waitNetOfAlertsMinutes!))}</td></tr></table>
<h2>Assertions</h2><ul>${checks}</ul>
</body></html>
`;
}
