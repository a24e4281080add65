/**
 * The notice PDF benchmark: a decision notice typeset as PDF/A-2b with Typst (src/notices), the
 * way issuing one does it (the Korean profile's content, a long refusal's reasons, the English
 * translation alongside), against two baselines measured in the same run and process: an empty
 * Typst document compiled to PDF by the same compiler, and `sha256sum` of the notice's bytes.
 * The first notice (fonts loaded, the template compiled) is reported on its own; then
 * BENCH_NOTICE_SAMPLES (50) notices, each with other reasons, dates and names. Aim: a notice in
 * under 500 ms (p95, and the first one).
 *
 * `node --import tsx bench/notice-pdf.ts`. Writes results/<ISO date>-notice-pdf.json and
 * results/notice-pdf-latest.md. Not part of `npm test`.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { NodeCompiler } from "@myriaddreamin/typst-ts-node-compiler";
import { addDays } from "../src/kernel/calendar/dates.ts";
import type { DeadlineSpec } from "../src/kernel/procedure/deadlines.ts";
import { findFontDirs } from "../src/notices/fonts.ts";
import { noticeModel } from "../src/notices/model.ts";
import { createRenderer } from "../src/notices/render.ts";
import { krRefugeeAct } from "../src/profiles/kr-refugee-act/profile.ts";
import { round } from "./loop.ts";

const RESULTS = fileURLToPath(new URL("./results/", import.meta.url));
const AIM_MS = 500;
const SAMPLES = Number(process.env["BENCH_NOTICE_SAMPLES"] ?? 50);

const PARAGRAPH =
  "신청인은 대한민국에 입국한 후 본국 정부를 비판하는 온라인 활동을 하였다고 주장합니다. 신청인이 제출한 자료와 면접 기록, 국가정보를 종합하여 보면, 신청인의 활동이 본국 정부의 주목을 받았다고 인정하기에는 부족합니다. ";

function reasons(i: number): string {
  return Array.from({ length: 8 }, (_, p) => `${p + 1}. ${PARAGRAPH.repeat(3)}(${i})`).join("\n\n");
}

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? 0;
};

function notice(i: number) {
  const rules = krRefugeeAct.notices!;
  const servedOn = addDays("2026-11-23", i % 20);
  const spec = (kind: string, days: number): DeadlineSpec => ({
    kind,
    from: servedOn,
    dueOn: addDays(servedOn, days),
    basis: kind,
    obligation: "right",
    onPass: "lapsed",
    resolution: null,
  });
  const decision = {
    type: "decision_issued",
    occurredOn: "2026-11-20",
    outcome: "not_recognized",
    humanitarianStay: i % 2 === 0,
    reasons: reasons(i),
  };
  const content = rules.content(decision, [spec("objection_filing", 30), spec("suit_filing", 90)], servedOn)!;
  const model = noticeModel(
    content,
    {
      caseNumber: `SEOUL-2026-${String(i).padStart(6, "0")}`,
      officeName: "서울출입국·외국인청",
      names: [`Applicant ${i}`],
      nationality: "KHM",
      birthDate: "1990-04-02",
      decidedOn: "2026-11-20",
      servedOn,
      languages: ["en"],
    },
    rules.legal,
    rules.translations,
    servedOn,
  );
  return { model, servedOn };
}

const startedAt = new Date().toISOString();
const fonts = findFontDirs();
const renderer = createRenderer(fonts);

// The empty document, by a compiler of its own over the same fonts: cold, then warm.
const empty = NodeCompiler.create({ fontArgs: [{ fontPaths: fonts.dirs }] });
let t = process.hrtime.bigint();
empty.pdf({ mainFileContent: "" }, { pdfStandard: "a-2b", creationTimestamp: 0 });
const emptyFirst = ms(t);

const first = notice(0);
t = process.hrtime.bigint();
const firstPdf = renderer.render(first.model, first.servedOn);
const firstMs = ms(t);

const times: number[] = [];
const emptyTimes: number[] = [];
const shaTimes: number[] = [];
const sizes: number[] = [];
const dir = mkdtempSync(path.join(os.tmpdir(), "notice-bench-"));
try {
  for (let i = 1; i <= SAMPLES; i++) {
    const n = notice(i);
    t = process.hrtime.bigint();
    const pdf = renderer.render(n.model, n.servedOn);
    times.push(ms(t));
    sizes.push(pdf.length);
    t = process.hrtime.bigint();
    empty.pdf(
      { mainFileContent: `#set document(title: "${i}")` },
      { pdfStandard: "a-2b", creationTimestamp: i },
    );
    emptyTimes.push(ms(t));
    const file = path.join(dir, "notice.pdf");
    writeFileSync(file, pdf);
    t = process.hrtime.bigint();
    execFileSync("sha256sum", [file]);
    shaTimes.push(ms(t));
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const p50 = round(pct(times, 50), 1);
const p95 = round(pct(times, 95), 1);
const emptyP50 = round(pct(emptyTimes, 50), 2);
const shaP50 = round(pct(shaTimes, 50), 2);
const report = {
  startedAt,
  machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? "unknown", node: process.version },
  fonts: fonts.dirs,
  samples: SAMPLES,
  notice: {
    firstMs: round(firstMs, 1),
    firstBytes: firstPdf.length,
    p50Ms: p50,
    p95Ms: p95,
    maxMs: round(Math.max(...times), 1),
    meanBytes: Math.round(sizes.reduce((a, b) => a + b, 0) / sizes.length),
  },
  baseline: {
    emptyDocumentFirstMs: round(emptyFirst, 1),
    emptyDocumentP50Ms: emptyP50,
    sha256sumP50Ms: shaP50,
  },
  ratio: {
    toEmptyDocument: round(p50 / Math.max(emptyP50, 0.01), 1),
    toSha256sum: round(p50 / Math.max(shaP50, 0.01), 1),
  },
  aim: {
    met: p95 < AIM_MS && firstMs < AIM_MS,
    text: `a notice in under ${AIM_MS} ms: p95 ${p95} ms, first ${round(firstMs, 1)} ms`,
  },
};

const md = `# Notice PDF benchmark (${startedAt})

${report.machine.cpus} × ${report.machine.cpu}, Node ${report.machine.node}; fonts from ${fonts.dirs.join(", ")}.

| | ms |
|---|---|
| first notice (fonts loaded, template compiled) | ${report.notice.firstMs} |
| notice p50 / p95 / max (${SAMPLES} notices, 8 paragraphs of reasons, English alongside) | ${p50} / ${p95} / ${report.notice.maxMs} |
| empty Typst document, first / p50 (baseline) | ${report.baseline.emptyDocumentFirstMs} / ${emptyP50} |
| \`sha256sum\` of the notice, p50 (baseline) | ${shaP50} |

Ratio of a notice (p50) to the empty document: ${report.ratio.toEmptyDocument} ×; to \`sha256sum\`: ${report.ratio.toSha256sum} ×.
Mean size ${report.notice.meanBytes} bytes. Aim ${report.aim.met ? "met" : "not met"}: ${report.aim.text}.
`;
mkdirSync(RESULTS, { recursive: true });
const stamp = startedAt.replace(/[:]/g, "").replace(/\.\d+Z$/, "Z");
writeFileSync(`${RESULTS}${stamp}-notice-pdf.json`, `${JSON.stringify(report, null, 2)}\n`);
writeFileSync(`${RESULTS}notice-pdf-latest.md`, md);
process.stdout.write(`${md}\nresults: ${RESULTS}${stamp}-notice-pdf.json\n`);
