/**
 * The little XML that XLIFF and TMX need, pure: escaping for the writers, and a strict,
 * non-validating reader for documents that came from outside. The reader keeps mixed content in
 * order (text and inline elements, as a translation's text needs), resolves namespaces, expands
 * the five predefined entities and character references, normalizes line ends as XML 1.0 §2.11
 * says, and refuses a document type declaration outright: a DOCTYPE can declare entities, and
 * entities are how an attacker makes a parser read a file or expand a billion laughs (XXE).
 * Whether a document follows its standard is the schema's business (validate.ts).
 */

export const XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace";
const XMLNS_NAMESPACE = "http://www.w3.org/2000/xmlns/";

export interface XmlElement {
  /** The namespace URI, "" for none. */
  ns: string;
  /** The local name. */
  name: string;
  /** Attributes by local name (no namespace) or by `{uri}local` (e.g. `{…XML…}lang`). */
  attrs: Map<string, string>;
  children: XmlNode[];
  line: number;
}
export type XmlNode = XmlElement | string;

/** Not well-formed XML, or a construct refused on purpose (a DOCTYPE), with where it is. */
export class XmlSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`line ${line}, column ${column}: ${message}`);
    this.name = "XmlSyntaxError";
  }
}

/** Characters XML 1.0 cannot carry at all, not even as a character reference (§2.2). */
export const NOT_XML_CHAR = /[^\t\n\r\x20-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u;
const NOT_XML_CHARS = /[^\t\n\r\x20-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

/**
 * Text content, escaped so that a reader gets it back exactly: `&`, `<`, `>` (so that `]]>`
 * never appears) and carriage returns (which a reader would otherwise turn into line feeds).
 * The text must hold only XML characters (`NOT_XML_CHAR`); the writers deal with the others.
 */
export function escapeText(text: string): string {
  return text.replace(/[&<>\r]/g, (c) =>
    c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : "&#xD;",
  );
}

/** Text that need not survive exactly (a note): characters XML cannot carry become U+FFFD. */
export function escapeLooseText(text: string): string {
  return escapeText(text.replace(NOT_XML_CHARS, "\ufffd"));
}

/** An attribute value in double quotes: also `"`, and tabs and line ends (normalized otherwise). */
export function escapeAttr(text: string): string {
  return text
    .replace(NOT_XML_CHARS, "\ufffd")
    .replace(/[&<>"\t\n\r]/g, (c) => `&#x${c.codePointAt(0)!.toString(16).toUpperCase()};`);
}

/** Splits text into runs of XML characters and single characters XML cannot carry. */
export function splitXmlChars(text: string): { text: string; invalid: boolean }[] {
  const out: { text: string; invalid: boolean }[] = [];
  let last = 0;
  for (const m of text.matchAll(NOT_XML_CHARS)) {
    if (m.index > last) out.push({ text: text.slice(last, m.index), invalid: false });
    out.push({ text: m[0], invalid: true });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last), invalid: false });
  return out;
}

const NAME_START =
  "A-Za-z_\\u00c0-\\u00d6\\u00d8-\\u00f6\\u00f8-\\u02ff\\u0370-\\u037d\\u037f-\\u1fff\\u200c\\u200d\\u2070-\\u218f\\u2c00-\\u2fef\\u3001-\\ud7ff\\uf900-\\ufdcf\\ufdf0-\\ufffd\\u{10000}-\\u{effff}";
const NAME_CHAR = `${NAME_START}\\-.0-9\\u00b7\\u0300-\\u036f\\u203f-\\u2040`;
/** A qualified name: an optional prefix and a local part, each an XML NCName (§2.3, ranges of code points). */
// eslint-disable-next-line no-misleading-character-class
const QNAME = new RegExp(`[${NAME_START}][${NAME_CHAR}]*(?::[${NAME_START}][${NAME_CHAR}]*)?`, "uy");
// eslint-disable-next-line no-misleading-character-class
const PI_TARGET = new RegExp(`[${NAME_START}:][${NAME_CHAR}:]*`, "uy");
const SPACE = /[ \t\n]*/y;

const PREDEFINED: Readonly<Record<string, string>> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

interface Raw {
  qname: string;
  attrs: [string, string][];
  children: (Raw | string)[];
  line: number;
  column: number;
}

/**
 * Parses a whole document and returns its root element. Throws `XmlSyntaxError` for anything
 * not well-formed, for a DOCTYPE, and for an entity other than the five XML predefines.
 */
export function parseXml(input: string): XmlElement {
  // §2.11: every CR LF and lone CR is a LF before parsing. A leading byte order mark is no text.
  const src = (input.startsWith("\ufeff") ? input.slice(1) : input).replace(/\r\n?/g, "\n");
  let pos = 0;

  // Lines are counted onwards from the last position asked for: the parse only moves forwards.
  let seenAt = 0;
  let seenLine = 1;
  let seenLineStart = 0;
  let nextLineEnd = src.indexOf("\n");
  const where = (at: number): [number, number] => {
    if (at < seenAt) {
      seenLine = 1;
      seenLineStart = 0;
      nextLineEnd = src.indexOf("\n");
    }
    while (nextLineEnd !== -1 && nextLineEnd < at) {
      seenLine++;
      seenLineStart = nextLineEnd + 1;
      nextLineEnd = src.indexOf("\n", seenLineStart);
    }
    seenAt = at;
    return [seenLine, at - seenLineStart + 1];
  };
  const fail = (message: string, at = pos): never => {
    const [line, column] = where(at);
    throw new XmlSyntaxError(message, line, column);
  };

  const bad = NOT_XML_CHAR.exec(src);
  if (bad) {
    fail(
      `U+${bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")} is not a character XML allows`,
      bad.index,
    );
  }

  const skipSpace = () => {
    SPACE.lastIndex = pos;
    SPACE.exec(src);
    pos = SPACE.lastIndex;
  };
  const readName = (re: RegExp, what: string): string => {
    re.lastIndex = pos;
    const m = re.exec(src);
    if (!m) fail(`expected ${what}`);
    pos = re.lastIndex;
    return m![0];
  };
  const expect = (s: string) => {
    if (!src.startsWith(s, pos)) fail(`expected "${s}"`);
    pos += s.length;
  };

  /** Expands references in text or an attribute value (already without its quotes). */
  const expand = (text: string, start: number, attribute: boolean): string => {
    let out = "";
    let i = 0;
    while (i < text.length) {
      const amp = text.indexOf("&", i);
      const chunk = amp === -1 ? text.slice(i) : text.slice(i, amp);
      out += attribute ? chunk.replace(/[\t\n]/g, " ") : chunk;
      if (amp === -1) break;
      const semi = text.indexOf(";", amp);
      const ref = semi === -1 ? "" : text.slice(amp + 1, semi);
      if (!ref) fail("an & must start a reference such as &amp;", start + amp);
      if (ref.startsWith("#")) {
        const m = /^#(?:x([0-9a-fA-F]{1,6})|([0-9]{1,7}))$/.exec(ref);
        const code = m ? (m[1] !== undefined ? parseInt(m[1], 16) : Number(m[2])) : NaN;
        const ch = Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : "";
        if (!ch || NOT_XML_CHAR.test(ch)) fail(`&${ref}; is not a character XML allows`, start + amp);
        out += ch;
      } else {
        const ch = PREDEFINED[ref];
        if (ch === undefined) {
          fail(`the entity &${ref}; is not declared (only &lt; &gt; &amp; &quot; &apos; are)`, start + amp);
        }
        out += ch;
      }
      i = semi + 1;
    }
    return out;
  };

  /** Comments, processing instructions and space between markup, where they may be. */
  const skipMisc = (prolog: boolean) => {
    for (;;) {
      skipSpace();
      if (src.startsWith("<!--", pos)) {
        const end = src.indexOf("-->", pos + 4);
        if (end === -1) fail("a comment is not closed");
        if (src.slice(pos + 4, end).includes("--")) fail('a comment may not hold "--"');
        pos = end + 3;
      } else if (src.startsWith("<?", pos)) {
        pos += 2;
        const target = readName(PI_TARGET, "a processing instruction's name");
        if (target.toLowerCase() === "xml") fail("the XML declaration must be at the very start");
        const end = src.indexOf("?>", pos);
        if (end === -1) fail("a processing instruction is not closed");
        pos = end + 2;
      } else if (src.startsWith("<!DOCTYPE", pos) || src.startsWith("<!doctype", pos)) {
        fail(
          prolog
            ? "a document type declaration (DOCTYPE) is refused: it could declare entities that read files or expand without end; send the document without it"
            : "a document type declaration (DOCTYPE) is refused",
        );
      } else return;
    }
  };

  // The XML declaration, if any: version 1.0 (or 1.1, read as 1.0), in UTF-8 or no encoding said.
  if (src.startsWith("<?xml", pos) && /[ \t\n?]/.test(src.charAt(pos + 5))) {
    const end = src.indexOf("?>", pos);
    if (end === -1) fail("the XML declaration is not closed");
    const decl = src.slice(pos + 5, end);
    const enc = /encoding\s*=\s*["']([^"']*)["']/.exec(decl);
    if (enc && !/^utf-?8$/i.test(enc[1]!)) {
      fail(`the document must be in UTF-8, not ${enc[1]}`);
    }
    if (!/^\s+version\s*=\s*["']1\.[01]["']/.test(decl)) fail("the XML declaration must say version 1.0");
    pos = end + 2;
  }
  skipMisc(true);
  if (!src.startsWith("<", pos) || src.startsWith("<!", pos) || src.startsWith("</", pos)) {
    fail("expected the document's root element");
  }

  // The element tree, without a recursion that a deep document could overflow.
  const stack: Raw[] = [];
  let root: Raw | null = null;
  let text = "";
  let textStart = pos;
  const flushText = () => {
    if (text) {
      const parent = stack[stack.length - 1];
      if (!parent) fail("text is not allowed outside the root element", textStart);
      parent!.children.push(text);
    }
    text = "";
  };

  while (root === null) {
    if (pos >= src.length) fail(`the element <${stack[stack.length - 1]?.qname ?? "?"}> is not closed`);
    const lt = src.indexOf("<", pos);
    if (lt !== pos) {
      const end = lt === -1 ? src.length : lt;
      const raw = src.slice(pos, end);
      if (raw.includes("]]>")) fail('"]]>" is not allowed in text', pos + raw.indexOf("]]>"));
      if (!text) textStart = pos;
      text += expand(raw, pos, false);
      pos = end;
      continue;
    }
    if (src.startsWith("<![CDATA[", pos)) {
      const end = src.indexOf("]]>", pos + 9);
      if (end === -1) fail("a CDATA section is not closed");
      if (!text) textStart = pos;
      text += src.slice(pos + 9, end);
      pos = end + 3;
      continue;
    }
    if (src.startsWith("<!--", pos) || src.startsWith("<?", pos)) {
      skipMisc(false);
      continue;
    }
    if (src.startsWith("<!", pos))
      fail("a declaration is not allowed here (a DOCTYPE or an entity is refused)");
    flushText();
    if (src.startsWith("</", pos)) {
      const at = pos;
      pos += 2;
      const qname = readName(QNAME, "an element name");
      skipSpace();
      expect(">");
      const open = stack.pop();
      if (!open || open.qname !== qname) {
        fail(
          open ? `</${qname}> closes <${open.qname}> (line ${open.line})` : `</${qname}> closes nothing`,
          at,
        );
      }
      if (stack.length === 0) root = open!;
      continue;
    }
    const at = pos;
    pos += 1;
    const qname = readName(QNAME, "an element name");
    const attrs: [string, string][] = [];
    for (;;) {
      const before = pos;
      skipSpace();
      if (src.startsWith("/>", pos) || src.startsWith(">", pos)) break;
      if (pos === before) fail("expected a space before the attribute");
      const nameAt = pos;
      const name = readName(QNAME, "an attribute name");
      skipSpace();
      expect("=");
      skipSpace();
      const quote = src.charAt(pos);
      if (quote !== '"' && quote !== "'") fail("an attribute value must be in quotes");
      const end = src.indexOf(quote, pos + 1);
      if (end === -1) fail("an attribute value is not closed");
      const raw = src.slice(pos + 1, end);
      if (raw.includes("<")) fail("< is not allowed in an attribute value", pos + 1 + raw.indexOf("<"));
      if (attrs.some(([n]) => n === name)) fail(`the attribute ${name} is given twice`, nameAt);
      attrs.push([name, expand(raw, pos + 1, true)]);
      pos = end + 1;
    }
    const [line, column] = where(at);
    const el: Raw = { qname, attrs, children: [], line, column };
    stack[stack.length - 1]?.children.push(el);
    if (src.startsWith("/>", pos)) {
      pos += 2;
      if (stack.length === 0) root = el;
    } else {
      pos += 1;
      stack.push(el);
    }
  }
  skipMisc(false);
  if (pos < src.length) fail("only comments and processing instructions may follow the root element");
  return resolve(root, new Map([["xml", XML_NAMESPACE]]));
}

/** Resolves prefixes into namespaces, element by element (iteratively, like the parse). */
function resolve(root: Raw, rootScope: Map<string, string>): XmlElement {
  const convert = (raw: Raw, scope: Map<string, string>): [XmlElement, Map<string, string>] => {
    let inner = scope;
    for (const [name, value] of raw.attrs) {
      if (name === "xmlns" || name.startsWith("xmlns:")) {
        if (inner === scope) inner = new Map(scope);
        const prefix = name === "xmlns" ? "" : name.slice(6);
        if (prefix === "xml" || prefix === "xmlns" || value === XML_NAMESPACE || value === XMLNS_NAMESPACE) {
          if (!(prefix === "xml" && value === XML_NAMESPACE)) {
            throw new XmlSyntaxError(
              `the namespace prefix ${prefix || "(default)"} may not be bound so`,
              raw.line,
              raw.column,
            );
          }
        }
        if (prefix && !value) {
          throw new XmlSyntaxError(`the prefix ${prefix} may not be undeclared`, raw.line, raw.column);
        }
        inner.set(prefix, value);
      }
    }
    const split = (qname: string, element: boolean): [string, string] => {
      const colon = qname.indexOf(":");
      if (colon === -1) return [element ? (inner.get("") ?? "") : "", qname];
      const prefix = qname.slice(0, colon);
      const uri = inner.get(prefix);
      if (uri === undefined) {
        throw new XmlSyntaxError(`the namespace prefix ${prefix} is not declared`, raw.line, raw.column);
      }
      return [uri, qname.slice(colon + 1)];
    };
    const [ns, name] = split(raw.qname, true);
    const attrs = new Map<string, string>();
    for (const [qname, value] of raw.attrs) {
      if (qname === "xmlns" || qname.startsWith("xmlns:")) continue;
      const [uri, local] = split(qname, false);
      const key = uri ? `{${uri}}${local}` : local;
      if (attrs.has(key))
        throw new XmlSyntaxError(`the attribute ${qname} is given twice`, raw.line, raw.column);
      attrs.set(key, value);
    }
    return [{ ns, name, attrs, children: [], line: raw.line }, inner];
  };
  const [top, topScope] = convert(root, rootScope);
  const work: [Raw, XmlElement, Map<string, string>][] = [[root, top, topScope]];
  for (let item = work.pop(); item; item = work.pop()) {
    const [raw, el, scope] = item;
    for (const child of raw.children) {
      if (typeof child === "string") el.children.push(child);
      else {
        const [converted, childScope] = convert(child, scope);
        el.children.push(converted);
        work.push([child, converted, childScope]);
      }
    }
  }
  return top;
}

/** The child elements of `el` (in a namespace, when given), without text. */
export function childElements(el: XmlElement, ns?: string): XmlElement[] {
  return el.children.filter(
    (c): c is XmlElement => typeof c !== "string" && (ns === undefined || c.ns === ns),
  );
}

/** The first child element named `name` in `ns`, if any. */
export function firstChild(el: XmlElement, ns: string, name: string): XmlElement | undefined {
  return childElements(el, ns).find((c) => c.name === name);
}

/** `xml:lang` and the other attributes of the XML namespace. */
export const xmlAttr = (local: string) => `{${XML_NAMESPACE}}${local}`;
