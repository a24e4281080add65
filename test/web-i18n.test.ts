/**
 * The web workspace's words: Korean and English catalogues with the same keys, every key the code
 * names present, no text written into JSX outside the catalogues, and none of a procedure
 * profile's own words in them (those come with the profile: src/profiles/<id>/labels.ts).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { LABELS } from "../src/profiles/kr-refugee-act/labels.ts";

const SRC = path.join(import.meta.dirname, "..", "web", "src");
const catalogue = (l: string) =>
  JSON.parse(readFileSync(path.join(SRC, "i18n", `${l}.json`), "utf8")) as Record<string, string>;
const ko = catalogue("ko");
const en = catalogue("en");

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(f) ? [p] : [];
  });
}

/** Attributes whose text a person reads or hears. */
const TEXT_ATTRIBUTES = new Set(["aria-label", "title", "placeholder", "alt", "label", "heading", "legend"]);

describe("web message catalogues", () => {
  it("Korean and English have the same keys, none empty", () => {
    expect(Object.keys(ko).sort()).toEqual(Object.keys(en).sort());
    for (const [k, v] of [...Object.entries(ko), ...Object.entries(en)]) expect(v, k).not.toBe("");
  });

  it("both translations of a message take the same placeholders", () => {
    const holes = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const k of Object.keys(en)) expect(holes(ko[k] ?? ""), k).toEqual(holes(en[k] ?? ""));
  });

  it("hold no procedure profile's words: its events, stages, deadline kinds, fields and values", () => {
    for (const catalogue of [ko, en]) {
      expect(Object.keys(catalogue).filter((k) => /^(event|stage|deadlineKind)\./.test(k))).toEqual([]);
      const { fields = {}, hints = {}, values = {} } = LABELS.en;
      const kept = [
        ...Object.keys(fields).map((f) => `field.${f}`),
        ...Object.keys(hints).map((f) => `hint.${f}`),
        ...Object.keys(values).flatMap((f) => [
          `enum.${f}`,
          ...Object.keys(values[f] ?? {}).map((v) => `enum.${f}.${v}`),
        ]),
      ].filter((k) => k in catalogue);
      expect(kept).toEqual([]);
    }
  });

  it("every message key written in the code exists", () => {
    const missing: string[] = [];
    for (const file of files(SRC)) {
      const text = readFileSync(file, "utf8");
      for (const m of text.matchAll(/\bt\("([a-zA-Z0-9_.]+)"/g))
        if (!(m[1]! in en)) missing.push(`${file}: ${m[1]}`);
    }
    expect(missing).toEqual([]);
  });

  it("no text is hard-coded in JSX outside the catalogues", () => {
    const found: string[] = [];
    for (const file of files(SRC).filter((f) => f.endsWith(".tsx"))) {
      const source = ts.createSourceFile(
        file,
        readFileSync(file, "utf8"),
        ts.ScriptTarget.Latest,
        true,
        ts.ScriptKind.TSX,
      );
      const visit = (node: ts.Node) => {
        if (ts.isJsxText(node) && /\p{L}/u.test(node.text))
          found.push(`${path.basename(file)}: "${node.text.trim()}"`);
        if (
          ts.isJsxAttribute(node) &&
          TEXT_ATTRIBUTES.has(node.name.getText()) &&
          node.initializer &&
          ts.isStringLiteral(node.initializer) &&
          /\p{L}/u.test(node.initializer.text)
        )
          found.push(`${path.basename(file)}: ${node.name.getText()}="${node.initializer.text}"`);
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    expect(found).toEqual([]);
  });
});
