/**
 * A document from outside (an XLIFF file back from a CAT tool, a TMX memory) is read only after
 * it passed, in this order: its size (at most 10 MiB), well-formedness without a DOCTYPE (xml.ts:
 * no entity can read a file or expand without end), and its standard's schema (schemas/, run by
 * libxml2's xmllint compiled to WebAssembly, in a worker). A document that fails is refused with
 * 413 or 422 and the checker's messages with their line numbers; nothing has been changed yet.
 */
import { readFileSync } from "node:fs";
import { validateXML, memoryPages } from "xmllint-wasm";
import { AppError } from "../../app/errors.ts";
import { parseXml, XmlSyntaxError, type XmlElement } from "./xml.ts";

/** The largest XLIFF or TMX document read. */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

export type Standard = "xliff" | "tmx";

const STANDARDS: Record<
  Standard,
  { name: string; schema: string; fileName: string; root: { ns: string; name: string } }
> = {
  xliff: {
    name: "XLIFF 2.1",
    schema: "xliff-core-2.1.xsd",
    fileName: "document.xlf",
    root: { ns: "urn:oasis:names:tc:xliff:document:2.0", name: "xliff" },
  },
  tmx: { name: "TMX 1.4b", schema: "tmx-1.4b.xsd", fileName: "document.tmx", root: { ns: "", name: "tmx" } },
};

/** What a document whose root is not the standard's is, in words, when it can be told. */
function otherRoot(standard: Standard, root: XmlElement): string {
  const name = `<${root.name}>${root.ns ? ` in the namespace ${root.ns}` : ""}`;
  if (standard === "xliff" && root.name === "xliff" && root.ns === "urn:oasis:names:tc:xliff:document:1.2") {
    return "the document is XLIFF 1.2; OpenRSD reads XLIFF 2.0 and 2.1: export XLIFF 2 from the tool";
  }
  if (standard === "xliff" && root.name === "xliff" && root.ns === "") {
    return "the document's <xliff> has no namespace: XLIFF 2's is urn:oasis:names:tc:xliff:document:2.0";
  }
  return standard === "xliff"
    ? `the document is not an XLIFF 2 document: its root is ${name}, not <xliff>`
    : `the document is not a TMX memory: its root is ${name}, not <tmx>`;
}

const schemaText = new Map<string, string>();
function schemaFile(name: string): { fileName: string; contents: string } {
  let contents = schemaText.get(name);
  if (contents === undefined) {
    contents = readFileSync(new URL(`./schemas/${name}`, import.meta.url), "utf8");
    schemaText.set(name, contents);
  }
  return { fileName: name, contents };
}

export interface SchemaMessage {
  line: number | null;
  message: string;
}

/** At most this many of the checker's messages are returned (the first ones). */
const MAX_MESSAGES = 20;

/** xmllint's message, shorter: no file name, no "Schemas validity error", no namespace URIs. */
function tidy(message: string): string {
  return message
    .replace(/^(?:element \S+: )?Schemas (?:validity|parser) error : /, "")
    .replace(/\{[^}]*\}(?=[A-Za-z_])/g, "")
    .trim();
}

/** Checks a well-formed document against the standard's schema: its messages, empty if valid. */
export async function schemaMessages(standard: Standard, xml: string): Promise<SchemaMessage[]> {
  const std = STANDARDS[standard];
  const result = await validateXML({
    xml: { fileName: std.fileName, contents: xml },
    schema: [schemaFile(std.schema)],
    preload: [schemaFile("xml.xsd")],
    // A 10 MiB document's tree and the schema's state fit well within 512 MiB.
    initialMemoryPages: memoryPages.defaultInitialMemoryPages,
    maxMemoryPages: 512 * memoryPages.MiB,
  });
  if (result.valid) return [];
  const messages = result.errors
    .filter((e) => e.message.trim() !== "")
    .map((e) => ({ line: e.loc?.lineNumber ?? null, message: tidy(e.message) }));
  return messages.length > 0 ? messages : [{ line: null, message: result.rawOutput.trim() || "not valid" }];
}

const describe = (messages: SchemaMessage[]) =>
  messages
    .slice(0, MAX_MESSAGES)
    .map((m) => (m.line === null ? m.message : `line ${m.line}: ${m.message}`))
    .join("; ");

/**
 * Reads a document from outside: refuses one larger than 10 MiB (413), not well-formed, with a
 * DOCTYPE or an undeclared entity, or not valid against the standard's schema (422, with the
 * messages and their lines in `issues`), and returns its root element.
 */
export async function readDocument(standard: Standard, xml: string): Promise<XmlElement> {
  const std = STANDARDS[standard];
  if (Buffer.byteLength(xml, "utf8") > MAX_DOCUMENT_BYTES) {
    throw new AppError(
      "content_too_large",
      `the ${std.name} document is larger than ${MAX_DOCUMENT_BYTES / (1024 * 1024)} MiB; split it into smaller ones`,
    );
  }
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (err) {
    if (!(err instanceof XmlSyntaxError)) throw err;
    throw new AppError("invalid_input", `the ${std.name} document is not well-formed XML: ${err.message}`, {
      issues: [{ path: `line ${err.line}`, message: err.message }],
    });
  }
  if (root.ns !== std.root.ns || root.name !== std.root.name) {
    throw new AppError("invalid_input", otherRoot(standard, root), {
      issues: [{ path: `line ${root.line}`, message: "not the standard's root element" }],
    });
  }
  let messages: SchemaMessage[];
  try {
    messages = await schemaMessages(standard, xml);
  } catch {
    // xmllint could not run to the end (it ran out of memory): the document is refused, not read.
    throw new AppError("invalid_input", `the ${std.name} document could not be checked against its schema`);
  }
  if (messages.length > 0) {
    throw new AppError("invalid_input", `the document does not follow ${std.name}: ${describe(messages)}`, {
      issues: messages
        .slice(0, MAX_MESSAGES)
        .map((m) => ({ path: m.line === null ? "document" : `line ${m.line}`, message: m.message })),
    });
  }
  return root;
}
