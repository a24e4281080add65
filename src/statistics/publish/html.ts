/**
 * The public statistics page: one self-contained HTML document per language, with inline SVG
 * charts and the same figures as tables. No script, no external resource (the page CSP allows
 * neither), readable without JavaScript, every figure labelled with its definition.
 */
import type {
  PublishedFigures,
  PublishedRateSeries,
  PublishedTable,
  PublishedValue,
} from "../../kernel/statistics/disclosure.ts";
import type { Dimension } from "../../kernel/statistics/table.ts";
import { escapeHtml as e } from "./escape.ts";
import type { JsonStatLinks } from "./jsonstat.ts";
import { categoryLabel } from "./labels.ts";
import { MESSAGES, PROTECTED, rulesText, type Lang, type Messages } from "./messages.ts";
import { barChart, lineChart } from "./svg.ts";

/** Where the page and each file are, in a language (the server's URLs or the export's files). */
export interface PageLinks extends JsonStatLinks {
  json: (lang: Lang) => string;
  definitions: (lang: Lang) => string;
  tableCsv: (id: string, lang: Lang) => string;
  rateCsv: (id: string, lang: Lang) => string;
  /** The page in a language. */
  page: (lang: Lang) => string;
}

const isTime = (d: Dimension) => /year|month|date|period/i.test(d.id);

const STYLE = `
body{font-family:system-ui,"Apple SD Gothic Neo","Malgun Gothic","Noto Sans KR",sans-serif;color:#1a1a1a;background:#fff;margin:0;line-height:1.5}
header,main,footer{max-width:64rem;margin:0 auto;padding:0 1rem}
a{color:#1f4e79}a:focus{outline:3px solid #a63d00;outline-offset:2px}
.skip{position:absolute;left:-9999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem}
.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
figure{margin:2rem 0;border-top:1px solid #d0d0d0;padding-top:1rem}
figcaption h3{margin:.25rem 0}
.def{margin:.25rem 0;font-size:.95rem}
table{border-collapse:collapse;margin:.5rem 0;font-variant-numeric:tabular-nums}
caption{text-align:left;font-weight:600;padding:.25rem 0}
th,td{border:1px solid #8a8a8a;padding:.25rem .5rem}
td{text-align:right}th[scope=row]{text-align:left;font-weight:normal}
tr.total th,tr.total td,td.total{font-weight:600}
.scroll{overflow-x:auto}
svg.chart{max-width:720px;height:auto}
`;

function filtersText(m: Messages, filters: Record<string, string>): string {
  const entries = Object.entries(filters);
  return entries.length
    ? `<p class="def">${e(m.filters)}: ${e(entries.map(([k, v]) => `${k} = ${v}`).join(", "))}</p>`
    : "";
}

/** A protected value on the page: its mark, and its word for screen readers. */
function protectedMark(m: Messages, kind: "suppressed" | "withheld"): string {
  const words = PROTECTED[m.lang];
  const mark = kind === "suppressed" ? words.suppressedMark : words.withheldMark;
  return `${e(mark)}<span class="vh"> (${e(m[kind])})</span>`;
}

function cell(m: Messages, v: PublishedValue, fmt: Intl.NumberFormat, cls = ""): string {
  const c = cls ? ` class="${cls}"` : "";
  return v === null ? `<td${c}>${protectedMark(m, "suppressed")}</td>` : `<td${c}>${e(fmt.format(v))}</td>`;
}

function countTable(m: Messages, t: PublishedTable, fmt: Intl.NumberFormat): string {
  const head =
    `<tr><th scope="col">${e(t.rows.label)}</th>` +
    t.columns.categories.map((c) => `<th scope="col">${e(categoryLabel(t.columns, c))}</th>`).join("") +
    `<th scope="col">${e(m.total)}</th></tr>`;
  const body = t.rows.categories
    .map(
      (r, i) =>
        `<tr><th scope="row">${e(categoryLabel(t.rows, r))}</th>` +
        t.cells[i]!.map((v) => cell(m, v, fmt)).join("") +
        cell(m, t.rowTotals[i]!, fmt, "total") +
        `</tr>`,
    )
    .join("");
  const total =
    `<tr class="total"><th scope="row">${e(m.total)}</th>` +
    t.columnTotals.map((v) => cell(m, v, fmt)).join("") +
    cell(m, t.total, fmt) +
    `</tr>`;
  return (
    `<div class="scroll"><table><caption>${e(t.title)} (${e(m.unitLabel)}: ${e(m.unit[t.unit] ?? t.unit)})</caption>` +
    `<thead>${head}</thead><tbody>${body}${total}</tbody></table></div>`
  );
}

function tableFigure(m: Messages, t: PublishedTable, links: PageLinks, fmt: Intl.NumberFormat): string {
  let chart = "";
  const [time, other] = isTime(t.rows)
    ? ["rows", "columns"]
    : isTime(t.columns)
      ? ["columns", "rows"]
      : [null, null];
  if (time && other) {
    const timeDim = time === "rows" ? t.rows : t.columns;
    const seriesDim = other === "rows" ? t.rows : t.columns;
    chart = barChart({
      id: `chart-${t.id}`,
      title: t.title,
      desc: `${m.barChart(t.title, timeDim.label)} ${m.gaps}`,
      categories: timeDim.categories.map((c) => categoryLabel(timeDim, c)),
      series: seriesDim.categories.map((s, si) => ({
        name: categoryLabel(seriesDim, s),
        values: timeDim.categories.map((_, ti) => (time === "rows" ? t.cells[ti]![si]! : t.cells[si]![ti]!)),
      })),
      format: (n) => fmt.format(n),
      yLabel: m.unit[t.unit] ?? t.unit,
    });
  }
  return (
    `<figure id="table-${e(t.id)}"><figcaption><h3>${e(t.title)}</h3>` +
    t.definitions.map((d) => `<p class="def"><strong>${e(d.name)}</strong>: ${e(d.text)}</p>`).join("") +
    filtersText(m, t.filters) +
    `<p class="def"><a href="${e(links.tableCsv(t.id, m.lang))}" download>${e(m.csv)}</a></p></figcaption>` +
    chart +
    countTable(m, t, fmt) +
    `</figure>`
  );
}

function rateFigure(
  m: Messages,
  lang: Lang,
  s: PublishedRateSeries,
  links: PageLinks,
  fmt: Intl.NumberFormat,
): string {
  const pct = new Intl.NumberFormat(lang === "ko" ? "ko-KR" : "en-US", { maximumFractionDigits: 1 });
  const categories = s.points.map((p) => categoryLabel(s.dimension, p.category));
  const input = {
    id: `chart-${s.id}`,
    title: s.title,
    categories,
    series: [{ name: s.definition.name, values: s.points.map((p) => p.rate) }],
    format: (n: number) => `${pct.format(n)}%`,
    yLabel: "%",
  };
  const chart = isTime(s.dimension)
    ? lineChart({ ...input, desc: `${m.lineChart(s.title, s.dimension.label)} ${m.gaps}` })
    : barChart({ ...input, desc: `${m.barChart(s.title, s.dimension.label)} ${m.gaps}` });
  const rows = s.points
    .map((p) => {
      const label = `<th scope="row">${e(categoryLabel(s.dimension, p.category))}</th>`;
      if (p.rate === null) {
        return `<tr>${label}<td>${protectedMark(m, "withheld")}</td><td></td><td></td></tr>`;
      }
      return `<tr>${label}<td>${e(pct.format(p.rate))}</td><td>±${e(pct.format(p.step!))}</td><td>${e(fmt.format(p.denominator!))}</td></tr>`;
    })
    .join("");
  const table =
    `<div class="scroll"><table><caption>${e(s.title)} — ${e(s.definition.name)}</caption>` +
    `<thead><tr><th scope="col">${e(s.dimension.label)}</th><th scope="col">${e(m.rate)}</th><th scope="col">${e(m.step)}</th><th scope="col">${e(m.denominator)}</th></tr></thead>` +
    `<tbody>${rows}</tbody></table></div>`;
  return (
    `<figure id="rate-${e(s.id)}"><figcaption><h3>${e(s.title)}</h3>` +
    `<p class="def"><strong>${e(s.definition.name)}</strong> — ${e(m.definition)}: ${e(s.definition.text)}</p>` +
    filtersText(m, s.filters) +
    `<p class="def"><a href="${e(links.rateCsv(s.id, lang))}" download>${e(m.csv)}</a></p></figcaption>` +
    chart +
    table +
    `</figure>`
  );
}

/**
 * Every rate series over the same categories (years), side by side: the point of the page is that
 * one year's "rate" depends on its definition. Only already-published values are shown.
 */
function ratesCompared(m: Messages, lang: Lang, rates: readonly PublishedRateSeries[]): string {
  const first = rates[0];
  if (rates.length < 2 || !first) return "";
  const categories = first.points.map((p) => p.category);
  const same = rates.every(
    (s) =>
      s.dimension.id === first.dimension.id && s.points.map((p) => p.category).join() === categories.join(),
  );
  if (!same) return "";
  const pct = new Intl.NumberFormat(lang === "ko" ? "ko-KR" : "en-US", { maximumFractionDigits: 1 });
  const labels = categories.map((c) => categoryLabel(first.dimension, c));
  const chart = lineChart({
    id: "chart-rates-compared",
    title: m.comparedHeading,
    categories: labels,
    series: rates.map((s) => ({ name: s.definition.name, values: s.points.map((p) => p.rate) })),
    format: (n: number) => `${pct.format(n)}%`,
    yLabel: "%",
    desc: `${m.lineChart(m.comparedHeading, first.dimension.label)} ${m.gaps}`,
  });
  const head =
    `<tr><th scope="col">${e(first.dimension.label)}</th>` +
    rates.map((s) => `<th scope="col"><a href="#rate-${e(s.id)}">${e(s.definition.name)}</a></th>`).join("") +
    `</tr>`;
  const body = categories
    .map((_, i) => {
      const cells = rates
        .map((s) => {
          const p = s.points[i];
          return !p || p.rate === null
            ? `<td>${protectedMark(m, "withheld")}</td>`
            : `<td>${e(pct.format(p.rate))} <small>±${e(pct.format(p.step ?? 0))}</small></td>`;
        })
        .join("");
      return `<tr><th scope="row">${e(labels[i] ?? "")}</th>${cells}</tr>`;
    })
    .reverse()
    .join("");
  const defs = rates
    .map((s) => `<li><strong>${e(s.definition.name)}</strong>: ${e(s.definition.text)}</li>`)
    .join("");
  return (
    `<section aria-labelledby="compared"><h2 id="compared">${e(m.comparedHeading)}</h2>` +
    `<p>${e(m.comparedIntro)}</p>` +
    `<div class="scroll"><table><caption>${e(m.comparedHeading)} (${e(m.rate)})</caption>` +
    `<thead>${head}</thead><tbody>${body}</tbody></table></div>${chart}<ul class="def">${defs}</ul></section>`
  );
}

export function renderPage(f: PublishedFigures, lang: Lang, links: PageLinks): string {
  const m = MESSAGES[lang];
  const other: Lang = lang === "ko" ? "en" : "ko";
  const fmt = new Intl.NumberFormat(lang === "ko" ? "ko-KR" : "en-US");
  const rules = rulesText(f.rules.text, lang);
  return (
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${e(m.title)}</title><style>${STYLE}</style></head><body>` +
    `<a class="skip" href="#main">${e(m.skip)}</a>` +
    `<header><h1>${e(m.title)}</h1><p>${e(m.asOf(f.asOf))}</p>` +
    `<p><a href="${e(links.page(other))}" lang="${other}" hreflang="${other}">${e(m.otherLang)}</a></p></header>` +
    `<main id="main"><p>${e(m.intro)}</p>` +
    ratesCompared(m, lang, f.rates) +
    `<section aria-labelledby="read"><h2 id="read">${e(m.howToRead)}</h2><ul>${m.howToReadItems.map((i) => `<li>${e(i)}</li>`).join("")}</ul>` +
    `<h3>${e(m.rulesHeading)}</h3><ol>${rules.map((r) => `<li>${e(r)}</li>`).join("")}</ol></section>` +
    `<section aria-labelledby="dl"><h2 id="dl">${e(m.downloads)}</h2><ul>` +
    `<li><a href="${e(links.json(lang))}">${e(m.downloadJson)}</a></li>` +
    `<li><a href="${e(links.collection(lang))}">${e(m.downloadJsonStat)}</a></li>` +
    `<li><a href="${e(links.definitions(lang))}" download>${e(m.downloadDefinitions)}</a></li></ul></section>` +
    (f.rates.length
      ? `<section aria-labelledby="rates"><h2 id="rates">${e(m.ratesHeading)}</h2>${f.rates.map((s) => rateFigure(m, lang, s, links, fmt)).join("")}</section>`
      : "") +
    (f.tables.length
      ? `<section aria-labelledby="tables"><h2 id="tables">${e(m.tablesHeading)}</h2>${f.tables.map((t) => tableFigure(m, t, links, fmt)).join("")}</section>`
      : "") +
    `</main><footer><p>${e(m.footer)}</p></footer></body></html>\n`
  );
}
