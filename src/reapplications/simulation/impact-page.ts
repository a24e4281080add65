/**
 * The public page of an impact statement: one self-contained HTML document per language, no
 * script, the protected tables with their definitions and the disclosure rules, and links to the
 * CSV and JSON-stat of the same figures.
 */
import type { PublishedFigures, PublishedTable, PublishedValue } from "../../kernel/statistics/disclosure.ts";
import { escapeHtml as e } from "../../statistics/publish/escape.ts";
import { categoryLabel } from "../../statistics/publish/labels.ts";
import { rulesText, type Lang } from "../../statistics/publish/messages.ts";
import type { StatementSummary } from "./impact.ts";

const WORDS = {
  en: {
    title: (from: number, to: number) =>
      `Impact statement: re-application policies replayed on ${from}-${to}`,
    intro:
      "Every re-application filed in the period was replayed as of its filing under each policy below. Whether an element of a re-application is new and material is a human judgement: each policy is shown under a strict reading (only what arose after the earlier decision counts) and a generous one (anything not already considered, and anything nobody classified, counts); the truth lies between them. The false negatives are those a policy would have screened out who were in fact later recognized as refugees, given humanitarian stay, or had their refusal annulled by a court.",
    published: (at: string, asOf: string) => `Published ${at.slice(0, 10)}; outcomes as known on ${asOf}.`,
    total: "Total",
    suppressed: "suppressed",
    rules: "Disclosure control",
    csv: "CSV",
    jsonstat: "All tables as JSON-stat",
    other: "한국어",
    fn: (fn: string, out: string) =>
      `Of those screened out (${out}), later protected or annulled by a court: ${fn} (published, rounded counts).`,
  },
  ko: {
    title: (from: number, to: number) => `영향 평가서: ${from}-${to}년 재신청에 대한 재신청 정책 재현`,
    intro:
      "기간 중 제기된 모든 재신청을 제기 당시 기준으로 아래 각 정책에 따라 재현하였습니다. 재신청의 요소가 새롭고 중대한지는 사람의 판단이므로, 각 정책을 엄격한 해석(종전 결정 이후 발생한 사정만 인정)과 관대한 해석(이미 고려되지 않은 요소와 분류되지 않은 요소를 모두 인정)으로 보여 줍니다. 실제는 그 사이에 있습니다. 위음성은 정책이 배제했을 사람 중 실제로 이후 난민으로 인정되거나 인도적 체류허가를 받거나 법원에서 불인정 결정이 취소된 경우입니다.",
    published: (at: string, asOf: string) => `${at.slice(0, 10)} 공표; ${asOf} 기준 결과.`,
    total: "합계",
    suppressed: "비공개",
    rules: "공개 통제",
    csv: "CSV",
    jsonstat: "모든 표 (JSON-stat)",
    other: "English",
    fn: (fn: string, out: string) =>
      `배제된 사람(${out}) 중 이후 보호 또는 취소판결: ${fn} (공표된 반올림 수치).`,
  },
} as const;

export interface ImpactLinks {
  page: (lang: Lang) => string;
  csv: (table: string, lang: Lang) => string;
  jsonstat: (lang: Lang) => string;
}

function value(v: PublishedValue, fmt: Intl.NumberFormat, lang: Lang, cls = ""): string {
  const c = cls ? ` class="${cls}"` : "";
  return v === null
    ? `<td${c}>·<span class="vh"> (${e(WORDS[lang].suppressed)})</span></td>`
    : `<td${c}>${e(fmt.format(v))}</td>`;
}

function table(t: PublishedTable, lang: Lang, links: ImpactLinks, fmt: Intl.NumberFormat): string {
  const w = WORDS[lang];
  const head =
    `<tr><th scope="col">${e(t.rows.label)}</th>` +
    t.columns.categories.map((c) => `<th scope="col">${e(categoryLabel(t.columns, c))}</th>`).join("") +
    `<th scope="col">${e(w.total)}</th></tr>`;
  const body = t.rows.categories
    .map(
      (r, i) =>
        `<tr><th scope="row">${e(categoryLabel(t.rows, r))}</th>` +
        (t.cells[i] ?? []).map((v) => value(v, fmt, lang)).join("") +
        value(t.rowTotals[i] ?? null, fmt, lang, "total") +
        "</tr>",
    )
    .join("");
  const foot =
    `<tr class="total"><th scope="row">${e(w.total)}</th>` +
    t.columnTotals.map((v) => value(v, fmt, lang)).join("") +
    value(t.total, fmt, lang) +
    "</tr>";
  const out = t.columns.categories.indexOf("screened_out");
  const fnCol = t.columns.categories.indexOf("false_negative");
  const fnTotal = fnCol >= 0 ? t.columnTotals[fnCol] : undefined;
  const outTotal = out >= 0 ? t.columnTotals[out] : undefined;
  const fnLine =
    fnTotal !== undefined && outTotal !== undefined && fnTotal !== null && outTotal !== null
      ? `<p class="def">${e(w.fn(fmt.format(fnTotal), fmt.format(fnTotal + outTotal)))}</p>`
      : "";
  return (
    `<figure id="${e(t.id)}"><figcaption><h3>${e(t.title)}</h3>` +
    t.definitions.map((d) => `<p class="def">${e(d.text)}</p>`).join("") +
    `</figcaption>${fnLine}<div class="scroll"><table><caption>${e(t.title)}</caption><thead>${head}</thead>` +
    `<tbody>${body}${foot}</tbody></table></div>` +
    `<p><a href="${e(links.csv(t.id, lang))}">${e(w.csv)}</a></p></figure>`
  );
}

const STYLE = `body{font-family:system-ui,"Apple SD Gothic Neo","Malgun Gothic","Noto Sans KR",sans-serif;color:#1a1a1a;margin:0;line-height:1.5}
main{max-width:64rem;margin:0 auto;padding:0 1rem}a{color:#1f4e79}
.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
figure{margin:2rem 0;border-top:1px solid #d0d0d0;padding-top:1rem}.def{margin:.25rem 0;font-size:.95rem}
table{border-collapse:collapse;font-variant-numeric:tabular-nums}caption{text-align:left;font-weight:600}
th,td{border:1px solid #8a8a8a;padding:.25rem .5rem}td{text-align:right}th[scope=row]{text-align:left;font-weight:normal}
tr.total th,tr.total td,td.total{font-weight:600}.scroll{overflow-x:auto}`;

export function impactPage(s: StatementSummary, f: PublishedFigures, lang: Lang, links: ImpactLinks): string {
  const w = WORDS[lang];
  const fmt = new Intl.NumberFormat(lang === "ko" ? "ko-KR" : "en-GB");
  const title = w.title(s.from, s.to);
  const other: Lang = lang === "ko" ? "en" : "ko";
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(title)}</title><style>${STYLE}</style></head>
<body><main>
<p><a href="${e(links.page(other))}" lang="${other}">${e(w.other)}</a></p>
<h1>${e(title)}</h1>
<p>${e(w.intro)}</p>
<p>${e(w.published(s.publishedAt, s.asOf))}</p>
<p><a href="${e(links.jsonstat(lang))}">${e(w.jsonstat)}</a></p>
${f.tables.map((t) => table(t, lang, links, fmt)).join("\n")}
<section><h2>${e(w.rules)}</h2><ul>${rulesText(f.rules.text, lang)
    .map((r) => `<li>${e(r)}</li>`)
    .join("")}</ul></section>
</main></body></html>
`;
}
