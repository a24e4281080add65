/**
 * TMX 1.4b, the exchange format of translation memories (docs/translation.md, "XLIFF and TMX"):
 * one `<tu>` per memory unit, its source and target each a `<tuv xml:lang>` with its `<seg>`;
 * who translated it in `creationid`, who reviewed it in `changeid`, when it was approved in
 * `creationdate`, and where the unit came from in `<prop type="x-openrsd-origin">`.
 *
 * Text survives writing and reading exactly. A character XML cannot carry (a control character)
 * is written as `<ph type="x-openrsd-cp">` holding its code point in hexadecimal, and read back.
 * Reading a memory made elsewhere keeps the text of `<hi>` and drops the other inline elements
 * (`<bpt>`, `<ept>`, `<it>`, `<ph>`, `<ut>`: codes of the memory's original format, not text).
 */
import { AppError } from "../../app/errors.ts";
import { readDocument } from "./validate.ts";
import {
  childElements,
  escapeAttr,
  escapeLooseText,
  escapeText,
  splitXmlChars,
  xmlAttr,
  type XmlElement,
} from "./xml.ts";

export interface TmxUnit {
  /** `tuid`: the unit's id where the memory came from (OpenRSD writes its memory unit's id). */
  id: string | null;
  sourceLanguage: string;
  targetLanguage: string;
  source: string;
  target: string;
  /** `creationid`: who translated it. */
  translatedBy: string | null;
  /** `changeid`: who reviewed it. */
  reviewedBy: string | null;
  /** `creationdate`, as an ISO 8601 instant (`2026-03-01T09:30:00.000Z`): when it was approved. */
  approvedAt: string | null;
  /** `<prop type="x-openrsd-origin">`: e.g. office (a job of the office) or tmx (an import). */
  origin: string | null;
}

export interface TmxMemory {
  /** The header's `srclang`: the memory's source language (`*all*` in some memories made elsewhere). */
  sourceLanguage: string;
  units: TmxUnit[];
}

export interface TmxReadResult extends TmxMemory {
  /** Units that could not be read as a source and a target, with their line and why. */
  skipped: { line: number; reason: string }[];
}

export const TMX_ORIGIN_PROP = "x-openrsd-origin";
const CODE_POINT = "x-openrsd-cp";

/** `2026-03-01T09:30:00.000Z` → `20260301T093000Z` (TMX's dates: UTC, ISO 8601 basic format). */
export function tmxDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) throw new TypeError(`not a date: ${iso}`);
  return d
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/[-:]/g, "");
}

/** `20260301T093000Z` → `2026-03-01T09:30:00.000Z`, or null when it is no such date. */
export function fromTmxDate(tmx: string | undefined): string | null {
  const m = tmx ? /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(tmx) : null;
  if (!m) return null;
  const iso = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.000Z`;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) || d.toISOString() !== iso ? null : iso;
}

function segXml(text: string): string {
  return splitXmlChars(text)
    .map((run) =>
      run.invalid
        ? `<ph type="${CODE_POINT}">${run.text.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}</ph>`
        : escapeText(run.text),
    )
    .join("");
}

const attr = (name: string, value: string | null | undefined) =>
  value === null || value === undefined ? "" : ` ${name}="${escapeAttr(value)}"`;

/**
 * A TMX 1.4b document of the memory's units. `createdAt` (default: now) dates the header;
 * `tool` names the writer and its version.
 */
export function writeTmx(
  memory: TmxMemory,
  options: { createdAt?: string; tool?: { name: string; version: string } } = {},
): string {
  const tool = options.tool ?? { name: "OpenRSD", version: "1" };
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<tmx version="1.4">',
    `  <header${attr("creationtool", tool.name)}${attr("creationtoolversion", tool.version)} segtype="sentence"${attr("o-tmf", tool.name)} adminlang="en"${attr("srclang", memory.sourceLanguage)} datatype="plaintext"${attr("creationdate", tmxDate(options.createdAt ?? new Date().toISOString()))}/>`,
    "  <body>",
  ];
  for (const u of memory.units) {
    lines.push(
      `    <tu${attr("tuid", u.id)}${u.sourceLanguage === memory.sourceLanguage ? "" : attr("srclang", u.sourceLanguage)}${attr("creationdate", u.approvedAt === null ? null : tmxDate(u.approvedAt))}${attr("creationid", u.translatedBy)}${attr("changeid", u.reviewedBy)}>`,
    );
    if (u.origin !== null)
      lines.push(`      <prop type="${TMX_ORIGIN_PROP}">${escapeLooseText(u.origin)}</prop>`);
    lines.push(`      <tuv${attr("xml:lang", u.sourceLanguage)}><seg>${segXml(u.source)}</seg></tuv>`);
    lines.push(`      <tuv${attr("xml:lang", u.targetLanguage)}><seg>${segXml(u.target)}</seg></tuv>`);
    lines.push("    </tu>");
  }
  lines.push("  </body>", "</tmx>", "");
  return lines.join("\n");
}

/** The text of a `<seg>` (or of a `<hi>` inside it). */
function segText(el: XmlElement): string {
  let out = "";
  for (const child of el.children) {
    if (typeof child === "string") out += child;
    else if (child.name === "hi") out += segText(child);
    else if (child.name === "ph" && child.attrs.get("type") === CODE_POINT) {
      const hex = child.children.filter((c) => typeof c === "string").join("");
      const code = /^[0-9A-Fa-f]{1,6}$/.test(hex) ? parseInt(hex, 16) : NaN;
      if (Number.isFinite(code) && code <= 0x10ffff) out += String.fromCodePoint(code);
    }
    // bpt, ept, it, ut and other ph: the original format's codes, not text
  }
  return out;
}

const text = (el: XmlElement) => el.children.filter((c): c is string => typeof c === "string").join("");
const sameLanguage = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const primary = (tag: string) => tag.toLowerCase().split("-")[0];

/**
 * Reads a TMX document: refused (413, 422 with the schema's messages) unless it is at most
 * 10 MiB, well-formed, without a DOCTYPE, and valid TMX 1.4b. Each `<tu>` gives one unit per
 * language other than its source's (`srclang` of the unit, else of the header; with `*all*`,
 * the first `<tuv>` is the source). A unit without its source language's text or without a
 * translation is skipped, with its line.
 */
export async function readTmx(xml: string): Promise<TmxReadResult> {
  return tmxFromElement(await readDocument("tmx", xml));
}

/** The memory in a parsed TMX document already checked against the schema (`readTmx`). */
export function tmxFromElement(root: XmlElement): TmxReadResult {
  if (root.name !== "tmx" || root.ns !== "") {
    throw new AppError("invalid_input", "the document is not a TMX memory (its root is not <tmx>)");
  }
  const header = childElements(root).find((c) => c.name === "header")!;
  const body = childElements(root).find((c) => c.name === "body")!;
  const sourceLanguage = header.attrs.get("srclang")!;
  const units: TmxUnit[] = [];
  const skipped: TmxReadResult["skipped"] = [];
  for (const tu of childElements(body)) {
    const tuvs = childElements(tu)
      .filter((c) => c.name === "tuv")
      .map((tuv) => ({
        lang: tuv.attrs.get(xmlAttr("lang")) ?? "",
        seg: childElements(tuv).find((c) => c.name === "seg")!,
      }));
    const srclang = tu.attrs.get("srclang") ?? sourceLanguage;
    const source =
      srclang === "*all*"
        ? tuvs[0]
        : (tuvs.find((t) => sameLanguage(t.lang, srclang)) ??
          tuvs.find((t) => primary(t.lang) === primary(srclang)));
    if (!source) {
      skipped.push({ line: tu.line, reason: `no text in the source language ${srclang}` });
      continue;
    }
    const targets = tuvs.filter((t) => t !== source && !sameLanguage(t.lang, source.lang));
    if (targets.length === 0) {
      skipped.push({ line: tu.line, reason: "no translation (only the source language's text)" });
      continue;
    }
    const origin = childElements(tu).find(
      (c) => c.name === "prop" && c.attrs.get("type") === TMX_ORIGIN_PROP,
    );
    for (const t of targets) {
      units.push({
        id: tu.attrs.get("tuid") ?? null,
        sourceLanguage: source.lang,
        targetLanguage: t.lang,
        source: segText(source.seg),
        target: segText(t.seg),
        translatedBy: tu.attrs.get("creationid") ?? null,
        reviewedBy: tu.attrs.get("changeid") ?? null,
        approvedAt: fromTmxDate(tu.attrs.get("creationdate")) ?? fromTmxDate(tu.attrs.get("changedate")),
        origin: origin ? text(origin) : null,
      });
    }
  }
  return { sourceLanguage, units, skipped };
}
