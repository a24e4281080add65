/**
 * XLIFF 2.1, for translators who work in a CAT tool (docs/translation.md, "XLIFF and TMX"). A
 * job is written as one `<file>` (its id is the job's id), one `<unit>` per unit of the source
 * (its id the unit's name made an NMTOKEN, its `name` the name itself), one `<segment>` per
 * segment (its id the segment's id, its `state` the segment's state, `subState`
 * `openrsd:returned` or `openrsd:source-changed`), each with its `<source>` and, when there is
 * one, its `<target>`. Notes say where each target came from (the memory and its score, the
 * engine's name, model and version) and who translated, reviewed or returned it.
 *
 * Placeholders such as `{date}` are written as the text they are, not as `<ph>`: the text is the
 * text, and the rules that check placeholders on save check them on import. A character XML
 * cannot carry (a control character) is written as `<cp hex="…"/>`, as XLIFF says, so that any
 * text survives writing and reading exactly.
 */
import type { Job, SegmentState } from "../../contracts/translations.ts";
import { AppError } from "../../app/errors.ts";
import { readDocument } from "./validate.ts";
import {
  childElements,
  escapeAttr,
  escapeLooseText,
  escapeText,
  splitXmlChars,
  type XmlElement,
} from "./xml.ts";

export const XLIFF_NAMESPACE = "urn:oasis:names:tc:xliff:document:2.0";
export const XLIFF_MEDIA_TYPE = "application/xliff+xml";

export const SUBSTATE_RETURNED = "openrsd:returned";
export const SUBSTATE_SOURCE_CHANGED = "openrsd:source-changed";

/** One segment as a document has it. */
export interface XliffRow {
  /** The segment's id; null when the document's segment has none. */
  segmentId: string | null;
  /** The unit's name (its `name`, else its id). */
  unit: string;
  source: string;
  target: string | null;
  state: SegmentState;
  subState: string | null;
  /** The segment's line in the document. */
  line: number;
  /** Why the segment cannot be imported as it is, or null. */
  problem: string | null;
}

export interface XliffFile {
  id: string;
  rows: XliffRow[];
}

export interface XliffDocument {
  version: string;
  srcLang: string;
  trgLang: string | null;
  files: XliffFile[];
}

/** A job to export: the job, with the number of its case (JobSummary's `caseNumber`). */
export type ExportedJob = Pick<
  Job,
  | "id"
  | "caseNumber"
  | "kind"
  | "ref"
  | "label"
  | "sourceLanguage"
  | "targetLanguage"
  | "segments"
  | "state"
  | "version"
>;

/** The file name of a job's XLIFF: its case number, what it is and its languages. */
export function xliffFileName(
  job: Pick<Job, "id" | "caseNumber" | "kind" | "sourceLanguage" | "targetLanguage">,
) {
  const stem = (job.caseNumber ?? job.id.slice(0, 8)).replace(/[^\p{L}\p{N}._-]+/gu, "-");
  return `${stem}_${job.kind}_${job.sourceLanguage}-${job.targetLanguage}.xlf`;
}

/** A unit name as an NMTOKEN (letters, digits, `.`, `-`, `_`, `:`), others as `_`. */
export function nmtoken(name: string): string {
  return name.replace(/[^A-Za-z0-9._:-]/g, "_") || "_";
}

/** Inline content: text escaped, characters XML cannot carry as `<cp hex>`. */
function inline(text: string): string {
  return splitXmlChars(text)
    .map((run) =>
      run.invalid
        ? Array.from(run.text)
            .map((c) => `<cp hex="${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}"/>`)
            .join("")
        : escapeText(run.text),
    )
    .join("");
}

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : "");

function segmentNotes(
  seg: Job["segments"][number],
  n: number,
): { id: string; category: string; text: string }[] {
  const notes: { id: string; category: string; text: string }[] = [];
  const o = seg.origin;
  if (o.origin === "memory") {
    notes.push({
      id: `s${n}-origin`,
      category: "origin",
      text: `Segment ${n}: proposed by the translation memory${o.score === undefined ? "" : ` (match ${o.score}%)`}`,
    });
  } else if (o.origin === "engine" && o.engine) {
    const e = o.engine;
    notes.push({
      id: `s${n}-origin`,
      category: "origin",
      text: `Segment ${n}: machine draft by the engine ${e.engine} (${e.name}, model ${e.model}${e.version ? `, version ${e.version}` : ""})`,
    });
  } else if (o.origin === "import") {
    notes.push({ id: `s${n}-origin`, category: "origin", text: `Segment ${n}: imported from an XLIFF file` });
  }
  if (seg.translatedBy) {
    notes.push({
      id: `s${n}-translated`,
      category: "translated",
      text: `Segment ${n}: translated by ${seg.translatedBy.name}${seg.translatedAt ? ` on ${day(seg.translatedAt)}` : ""}`,
    });
  }
  if (seg.reviewedBy) {
    notes.push({
      id: `s${n}-reviewed`,
      category: "reviewed",
      text: `Segment ${n}: reviewed by ${seg.reviewedBy.name}${seg.reviewedAt ? ` on ${day(seg.reviewedAt)}` : ""}`,
    });
  }
  if (seg.returned) {
    notes.push({
      id: `s${n}-returned`,
      category: "returned",
      text: `Segment ${n}: returned by ${seg.returned.by.name} on ${day(seg.returned.at)}: ${seg.returned.reason}`,
    });
  }
  if (seg.sourceChanged) {
    notes.push({
      id: `s${n}-source-changed`,
      category: "source-changed",
      text: `Segment ${n}: the source changed; the target translates the earlier source`,
    });
  }
  return notes;
}

/** The job as an XLIFF 2.1 document (valid against schemas/xliff-core-2.1.xsd). */
export function writeXliff(job: ExportedJob): string {
  const segments = [...job.segments].sort((a, b) => a.position - b.position);
  const units = new Map<string, typeof segments>();
  for (const s of segments) {
    const list = units.get(s.unit);
    if (list) list.push(s);
    else units.set(s.unit, [s]);
  }
  const ids = new Set<string>();
  const unitId = (name: string) => {
    const base = nmtoken(name);
    let id = base;
    for (let i = 2; ids.has(id); i++) id = `${base}-${i}`;
    ids.add(id);
    return id;
  };
  const placeholders = [...new Set(segments.flatMap((s) => s.placeholders))];
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<xliff xmlns="${XLIFF_NAMESPACE}" version="2.1" srcLang="${escapeAttr(job.sourceLanguage)}" trgLang="${escapeAttr(job.targetLanguage)}">`,
    `  <file id="${escapeAttr(job.id)}" original="${escapeAttr(`${job.kind}/${job.ref}`)}" canResegment="no" xml:space="preserve">`,
    "    <notes>",
    `      <note id="job" category="job">${escapeLooseText(
      `${job.caseNumber ? `Case ${job.caseNumber}: ` : ""}${job.label}. Translation job ${job.id}, version ${job.version}, ${job.state}.`,
    )}</note>`,
    `      <note id="instructions" category="instructions">${escapeLooseText(
      "Write each segment's target and set its state to translated (or reviewed, when you review another person's translation). " +
        (placeholders.length > 0 ? `Keep the placeholders (${placeholders.join(" ")}) as they are. ` : "") +
        "Do not split or join segments, and do not change their ids or the source. Only OpenRSD makes a translation final.",
    )}</note>`,
    "    </notes>",
  ];
  const number = new Map(segments.map((s, i) => [s, i + 1]));
  for (const [name, list] of units) {
    out.push(`    <unit id="${escapeAttr(unitId(name))}" name="${escapeAttr(name)}">`);
    const notes = list.flatMap((s) => segmentNotes(s, number.get(s)!));
    if (notes.length > 0) {
      out.push("      <notes>");
      for (const note of notes) {
        out.push(
          `        <note id="${note.id}" category="${note.category}" appliesTo="target">${escapeLooseText(note.text)}</note>`,
        );
      }
      out.push("      </notes>");
    }
    for (const s of list) {
      const subState = s.returned ? SUBSTATE_RETURNED : s.sourceChanged ? SUBSTATE_SOURCE_CHANGED : null;
      out.push(
        `      <segment id="${escapeAttr(s.id)}" state="${s.state}"${subState ? ` subState="${subState}"` : ""}>`,
        `        <source>${inline(s.source)}</source>`,
      );
      if (s.target !== null) out.push(`        <target>${inline(s.target)}</target>`);
      out.push("      </segment>");
    }
    out.push("    </unit>");
  }
  out.push("  </file>", "</xliff>", "");
  return out.join("\n");
}

/**
 * The text of a source or target. Annotations (`<mrk>`) keep their text; markers (`<sm>`,
 * `<em>`) are dropped; `<cp>` is its character. Codes (`<ph>`, `<pc>`, `<sc>`, `<ec>`) stand for
 * formatting of an original document that OpenRSD's texts do not have: the segment is refused.
 */
function inlineText(el: XmlElement): { text: string; code: string | null } {
  let text = "";
  let code: string | null = null;
  const walk = (e: XmlElement) => {
    for (const c of e.children) {
      if (typeof c === "string") text += c;
      else if (c.ns !== XLIFF_NAMESPACE) continue;
      else if (c.name === "cp") text += String.fromCodePoint(parseInt(c.attrs.get("hex") ?? "0", 16));
      else if (c.name === "mrk") walk(c);
      else if (c.name === "ph" || c.name === "pc" || c.name === "sc" || c.name === "ec") code ??= c.name;
    }
  };
  walk(el);
  return { text, code };
}

const STATES: ReadonlySet<string> = new Set(["initial", "translated", "reviewed", "final"]);

/** The segments of a parsed XLIFF 2 document already checked against the schema. */
export function xliffFromElement(root: XmlElement): XliffDocument {
  if (root.ns !== XLIFF_NAMESPACE || root.name !== "xliff") {
    const hint =
      root.name === "xliff" && root.ns === "urn:oasis:names:tc:xliff:document:1.2"
        ? ": this is XLIFF 1.2; export XLIFF 2.0 or 2.1 from the tool"
        : "";
    throw new AppError("invalid_input", `the document is not an XLIFF 2 document${hint}`);
  }
  const version = root.attrs.get("version") ?? "";
  if (!/^2\.[01]$/.test(version)) {
    throw new AppError("invalid_input", `OpenRSD reads XLIFF 2.0 and 2.1, not version ${version}`);
  }
  const files: XliffFile[] = [];
  for (const file of childElements(root, XLIFF_NAMESPACE)) {
    const rows: XliffRow[] = [];
    const walk = (container: XmlElement) => {
      for (const el of childElements(container, XLIFF_NAMESPACE)) {
        if (el.name === "group") walk(el);
        if (el.name !== "unit") continue;
        const unit = el.attrs.get("name") ?? el.attrs.get("id") ?? "";
        for (const seg of childElements(el, XLIFF_NAMESPACE).filter((c) => c.name === "segment")) {
          const parts = childElements(seg, XLIFF_NAMESPACE);
          const source = inlineText(parts.find((p) => p.name === "source")!);
          const targetEl = parts.find((p) => p.name === "target");
          const target = targetEl ? inlineText(targetEl) : null;
          const state = seg.attrs.get("state") ?? "initial";
          const code = source.code ?? target?.code ?? null;
          const segmentId = seg.attrs.get("id") ?? null;
          rows.push({
            segmentId,
            unit,
            source: source.text,
            target: target ? target.text : null,
            state: (STATES.has(state) ? state : "initial") as SegmentState,
            subState: seg.attrs.get("subState") ?? null,
            line: seg.line,
            problem:
              segmentId === null
                ? `the segment on line ${seg.line} has no id: it was split or joined outside OpenRSD`
                : code
                  ? `the segment holds an inline code (<${code}>) that OpenRSD's text does not have`
                  : null,
          });
        }
      }
    };
    walk(file);
    files.push({ id: file.attrs.get("id") ?? "", rows });
  }
  return {
    version,
    srcLang: root.attrs.get("srcLang") ?? "",
    trgLang: root.attrs.get("trgLang") ?? null,
    files,
  };
}

/**
 * Reads an XLIFF 2 document: refused (413, 422 with the schema's messages and lines) unless it
 * is at most 10 MiB, well-formed, without a DOCTYPE, and valid XLIFF 2.1 core.
 */
export async function readXliff(xml: string): Promise<XliffDocument> {
  return xliffFromElement(await readDocument("xliff", xml));
}
