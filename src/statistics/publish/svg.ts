/**
 * Inline SVG charts, drawn on the server: no script, no external resource. Each chart is an image
 * with a <title> and a <desc> (role="img", aria-labelledby); the figure's data table beside it is
 * the full text alternative. Colours have at least 4.5:1 contrast on white; series are also told
 * apart by marker shape (line charts) and by the legend's text.
 */
import { escapeHtml } from "./escape.ts";

export const PALETTE = [
  "#1f4e79",
  "#a63d00",
  "#2e6b30",
  "#6a1b9a",
  "#00695c",
  "#ad1457",
  "#4e342e",
  "#37474f",
];

export interface ChartSeries {
  name: string;
  values: (number | null)[];
}

export interface ChartInput {
  id: string;
  title: string;
  desc: string;
  categories: string[];
  series: ChartSeries[];
  /** Axis maximum; default: a round number above the largest value. */
  yMax?: number;
  format: (n: number) => string;
  yLabel: string;
}

const W = 720;
const H = 320;
const M = { top: 16, right: 16, bottom: 56, left: 64 };
const PW = W - M.left - M.right;
const PH = H - M.top - M.bottom;

export function niceCeiling(max: number): number {
  if (!(max > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 4, 8, 10]) if (m * p >= max) return m * p;
  return 10 * p;
}

const f1 = (n: number) => Number(n.toFixed(1));

function frame(c: ChartInput, yMax: number, body: string, key: Legend): string {
  const height = H + (key.rows - 1) * LEGEND_ROW;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((t) => t * yMax);
  const grid = ticks
    .map((v) => {
      const y = f1(M.top + PH - (v / yMax) * PH);
      return `<line x1="${M.left}" x2="${W - M.right}" y1="${y}" y2="${y}" stroke="#d0d0d0" stroke-width="1"/><text x="${M.left - 8}" y="${y + 4}" text-anchor="end" font-size="12" fill="#1a1a1a">${escapeHtml(c.format(v))}</text>`;
    })
    .join("");
  const n = c.categories.length;
  const every = Math.max(1, Math.ceil(n / 12));
  const xLabels = c.categories
    .map((label, i) =>
      i % every === 0
        ? `<text x="${f1(M.left + ((i + 0.5) * PW) / n)}" y="${H - M.bottom + 18}" text-anchor="middle" font-size="12" fill="#1a1a1a">${escapeHtml(label)}</text>`
        : "",
    )
    .join("");
  const titleId = `${c.id}-title`;
  const descId = `${c.id}-desc`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${height}" width="100%" role="img" aria-labelledby="${titleId} ${descId}" class="chart">` +
    `<title id="${titleId}">${escapeHtml(c.title)}</title><desc id="${descId}">${escapeHtml(c.desc)}</desc>` +
    `<g aria-hidden="true">${grid}` +
    `<line x1="${M.left}" x2="${W - M.right}" y1="${M.top + PH}" y2="${M.top + PH}" stroke="#1a1a1a"/>` +
    `<text x="14" y="${M.top + PH / 2}" transform="rotate(-90 14 ${M.top + PH / 2})" text-anchor="middle" font-size="12" fill="#1a1a1a">${escapeHtml(c.yLabel)}</text>` +
    `${xLabels}${body}${key.svg}</g></svg>`
  );
}

const LEGEND_ROW = 18;

interface Legend {
  svg: string;
  rows: number;
}

/** About how wide a label is at 12px: wide for Hangul and other CJK, narrow otherwise. */
function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u11ff\u3000-\u9fff\uac00-\ud7af\uff00-\uffef]/.test(ch) ? 12 : 7;
  return w;
}

/** The legend under the plot, wrapped onto as many rows as its labels need. */
function legend(series: ChartSeries[], marker: (i: number, x: number, y: number) => string): Legend {
  let x = M.left;
  let row = 0;
  const items = series.map((s, i) => {
    const width = 16 + textWidth(s.name) + 18;
    if (x > M.left && x + width > W - M.right) {
      row += 1;
      x = M.left;
    }
    const y = H - 14 + row * LEGEND_ROW;
    const item = `${marker(i, x + 6, y - 4)}<text x="${x + 16}" y="${y}" font-size="12" fill="#1a1a1a">${escapeHtml(s.name)}</text>`;
    x += width;
    return item;
  });
  return { svg: items.join(""), rows: row + 1 };
}

function pointMarker(i: number, x: number, y: number): string {
  const color = PALETTE[i % PALETTE.length];
  switch (i % 3) {
    case 0:
      return `<circle cx="${f1(x)}" cy="${f1(y)}" r="4" fill="${color}"/>`;
    case 1:
      return `<rect x="${f1(x - 4)}" y="${f1(y - 4)}" width="8" height="8" fill="${color}"/>`;
    default:
      return `<path d="M${f1(x)} ${f1(y - 5)}L${f1(x + 5)} ${f1(y + 4)}L${f1(x - 5)} ${f1(y + 4)}Z" fill="${color}"/>`;
  }
}

/** A line chart: one line per series; a withheld value (null) leaves a gap. */
export function lineChart(c: ChartInput): string {
  const values = c.series.flatMap((s) => s.values).filter((v): v is number => v !== null);
  const yMax = c.yMax ?? niceCeiling(Math.max(0, ...values));
  const n = c.categories.length;
  const x = (i: number) => M.left + ((i + 0.5) * PW) / n;
  const y = (v: number) => M.top + PH - (Math.min(v, yMax) / yMax) * PH;
  const body = c.series
    .map((s, si) => {
      const color = PALETTE[si % PALETTE.length];
      const segments: string[] = [];
      let current: string[] = [];
      s.values.forEach((v, i) => {
        if (v === null) {
          if (current.length) segments.push(current.join(" "));
          current = [];
        } else current.push(`${current.length ? "L" : "M"}${f1(x(i))} ${f1(y(v))}`);
      });
      if (current.length) segments.push(current.join(" "));
      const paths = segments
        .map((d) => `<path d="${d}" fill="none" stroke="${color}" stroke-width="2.5"/>`)
        .join("");
      const markers = s.values.map((v, i) => (v === null ? "" : pointMarker(si, x(i), y(v)))).join("");
      return paths + markers;
    })
    .join("");
  return frame(c, yMax, body, legend(c.series, pointMarker));
}

/** Grouped bars: one group per category, one bar per series; a suppressed value (null) has no bar. */
export function barChart(c: ChartInput): string {
  const values = c.series.flatMap((s) => s.values).filter((v): v is number => v !== null);
  const yMax = c.yMax ?? niceCeiling(Math.max(0, ...values));
  const n = c.categories.length;
  const group = PW / Math.max(1, n);
  const bw = (group * 0.8) / Math.max(1, c.series.length);
  const body = c.series
    .map((s, si) =>
      s.values
        .map((v, i) => {
          const x = M.left + i * group + group * 0.1 + si * bw;
          if (v === null) {
            return `<text x="${f1(x + bw / 2)}" y="${M.top + PH - 4}" text-anchor="middle" font-size="10" fill="#1a1a1a">x</text>`;
          }
          const h = (Math.min(v, yMax) / yMax) * PH;
          return `<rect x="${f1(x)}" y="${f1(M.top + PH - h)}" width="${f1(Math.max(1, bw - 1))}" height="${f1(h)}" fill="${PALETTE[si % PALETTE.length]}"/>`;
        })
        .join(""),
    )
    .join("");
  const square = (i: number, x: number, y: number) =>
    `<rect x="${f1(x - 5)}" y="${f1(y - 5)}" width="10" height="10" fill="${PALETTE[i % PALETTE.length]}"/>`;
  return frame(c, yMax, body, legend(c.series, square));
}
